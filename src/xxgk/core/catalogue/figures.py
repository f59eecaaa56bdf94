"""Table 二's figures kept in other systems: decisions counted and fees collected per unit and year.

spec catalogue.md §7, annual-report.md §2: 行政许可, 行政处罚, 行政强制 are the
numbers of decisions made in the year (non-negative integers); 行政事业性收费 is
the amount collected in the year in 万元 (a non-negative decimal). The unit
enters or imports them with their source. File headers:
``单位,年度,行政许可,行政处罚,行政强制,行政事业性收费`` (and optionally ``数据来源``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["FIGURE_HEADERS", "FigureRow", "FiguresResult", "parse_count", "parse_fee", "parse_figures"]

FIGURE_HEADERS = ("单位", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费")
OPTIONAL_HEADERS = ("数据来源",)
MAX_ROWS = 10_000
MAX_COUNT = 10_000_000
MAX_FEE = Decimal("1000000000")  # 万元


@dataclass(frozen=True)
class FigureRow:
    """One unit's figures for one year."""

    line: int
    unit: str
    year: int
    licensing: int
    punishment: int
    coercion: int
    fees: Decimal
    source: str


@dataclass
class FiguresResult:
    """The valid rows and the refused ones as (line, reasons)."""

    rows: list[FigureRow] = field(default_factory=list)
    refused: list[tuple[int, list[str]]] = field(default_factory=list)
    header_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the whole file may be imported."""
        return not self.refused and not self.header_errors


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")


def parse_count(value: Any, label: str) -> tuple[int | None, str | None]:
    """A number of decisions: a non-negative integer; empty means 0. Returns (value, Chinese error)."""
    text = _plain(value)
    if not text:
        return 0, None
    if not text.isdigit():
        return None, f"{label}“{text}”应为不小于0的整数"
    number = int(text)
    if number > MAX_COUNT:
        return None, f"{label}“{text}”过大"
    return number, None


def parse_fee(value: Any, label: str = "行政事业性收费") -> tuple[Decimal | None, str | None]:
    """An amount in 万元: a non-negative decimal with at most four places; empty means 0."""
    text = _plain(value).removesuffix("万元")
    if not text:
        return Decimal(0), None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None, f"{label}“{text}”应为金额（万元），如12.35"
    if not amount.is_finite() or amount < 0 or amount > MAX_FEE:
        return None, f"{label}“{text}”应为不小于0的金额（万元）"
    if amount != amount.quantize(Decimal("0.0001")):
        return None, f"{label}“{text}”最多保留四位小数（万元）"
    return amount, None


def parse_figures(
    headers: Iterable[str], records: list[Mapping[str, Any]], *, units: set[str], source: str
) -> FiguresResult:
    """Check every record (line 2 onwards): a known unit, a year, counts and a fee; one row per unit and year."""
    result = FiguresResult()
    present = [h.strip() for h in headers]
    missing = [h for h in FIGURE_HEADERS if h not in present]
    unknown = [h for h in present if h and h not in FIGURE_HEADERS + OPTIONAL_HEADERS]
    if missing:
        result.header_errors.append(f"缺少列：{'、'.join(missing)}")
    if unknown:
        result.header_errors.append(f"无法识别的列：{'、'.join(unknown)}")
    if len(records) > MAX_ROWS:
        result.header_errors.append(f"一次最多导入{MAX_ROWS}行")
    if result.header_errors:
        return result
    seen: dict[tuple[str, int], int] = {}
    for offset, record in enumerate(records):
        line = offset + 2
        if not any(_plain(v) for v in record.values()):
            continue
        errors: list[str] = []
        unit = _plain(record.get("单位"))
        if not unit:
            errors.append("单位不能为空")
        elif unit not in units:
            errors.append(f"找不到单位“{unit}”（请使用单位全称）")
        year_text = _plain(record.get("年度")).removesuffix("年")
        year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
        if year is None:
            errors.append(f"年度“{year_text}”应为四位年份")
        counts = {}
        for key, label in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
            counts[key], error = parse_count(record.get(label), label)
            if error:
                errors.append(error)
        fees, error = parse_fee(record.get("行政事业性收费"))
        if error:
            errors.append(error)
        if unit and year is not None:
            if (unit, year) in seen:
                errors.append(f"与第{seen[(unit, year)]}行重复（同一单位同一年度只能有一行）")
            seen.setdefault((unit, year), line)
        if errors or year is None or fees is None or None in counts.values():
            result.refused.append((line, errors))
            continue
        result.rows.append(
            FigureRow(
                line=line,
                unit=unit,
                year=year,
                licensing=counts["licensing"] or 0,
                punishment=counts["punishment"] or 0,
                coercion=counts["coercion"] or 0,
                fees=fees,
                source=_plain(record.get("数据来源")) or source,
            )
        )
    if not result.rows and not result.refused:
        result.header_errors.append("文件中没有数据行")
    return result
