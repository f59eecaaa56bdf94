"""A unit's existing catalogue as a file: the columns, and the rules each row must follow.

``xxgk catalogue import FILE`` (issue 7, item 8). Headers:
``名称,文号,生成日期,发布日期,类型,第二十条项,主题分类,体裁分类,关键词,内容概述,正文,生效日期,废止日期,有效性``.
Dates are YYYY-MM-DD. A file is imported whole or not at all; every refused
row is named by its line with its reasons (Chinese).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xxgk.core.catalogue.metadata import GENRES, ITEMS, THEMES, EntryKind, Validity

__all__ = [
    "HEADERS",
    "MAX_ROWS",
    "REQUIRED_HEADERS",
    "CatalogueRow",
    "RowsResult",
    "parse_item",
    "parse_rows",
]

HEADERS = (
    "名称",
    "文号",
    "生成日期",
    "发布日期",
    "类型",
    "第二十条项",
    "主题分类",
    "体裁分类",
    "关键词",
    "内容概述",
    "正文",
    "生效日期",
    "废止日期",
    "有效性",
)
REQUIRED_HEADERS = ("名称", "生成日期")
MAX_ROWS = 20_000
MAX_BODY = 200_000

_NUMERALS = "一二三四五六七八九十"
_CN = {n: i for i, n in enumerate(_NUMERALS, 1)} | {f"十{n}": 10 + i for i, n in enumerate(_NUMERALS[:5], 1)}
_ITEM_KEYS = {key for key, _ in ITEMS}


@dataclass(frozen=True)
class CatalogueRow:
    """One valid row, as the values a version takes."""

    line: int
    title: str
    doc_number: str
    formed_on: dt.date
    published_on: dt.date | None
    kind: EntryKind
    item: str
    theme: str
    genre: str
    keywords: str
    summary: str
    body: str
    effective_on: dt.date | None
    repealed_on: dt.date | None
    validity: Validity


@dataclass
class RowsResult:
    """The valid rows, and the refused ones as (line, reasons)."""

    rows: list[CatalogueRow] = field(default_factory=list)
    refused: list[tuple[int, list[str]]] = field(default_factory=list)
    header_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the whole file may be imported."""
        return not self.refused and not self.header_errors


def parse_item(text: str) -> str | None:
    """The item key of ``第二十条第（一）项``, ``（一）``, ``一``, ``1``, ``20.1``, ``第二十一条`` or ``其他``.

    None when the text names no item.
    """
    value = re.sub(r"\s", "", text).replace("(", "（").replace(")", "）")
    if value in _ITEM_KEYS:
        return value
    if value in ("", "其他", "其它"):
        return "other"
    if value.startswith("第二十一条"):
        return "21.county" if "县" in value or "市" in value else "21.town"
    match = re.fullmatch(r"(?:第二十条)?(?:第)?（?([一二三四五六七八九十]+|\d+)）?(?:项)?", value)
    if match is None:
        return None
    number = match.group(1)
    n = int(number) if number.isdigit() else _CN.get(number)
    return f"20.{n}" if n and 1 <= n <= 15 else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any, label: str, errors: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(f"{label}“{text}”不是YYYY-MM-DD格式的日期")
        return None


def _choice(value: str, allowed: Iterable[str], label: str, default: str, errors: list[str]) -> str:
    if not value:
        return default
    if value not in allowed:
        errors.append(f"{label}“{value}”不在{label}表中")
    return value


def _row(line: int, record: Mapping[str, Any], publish: bool) -> tuple[CatalogueRow | None, list[str]]:
    errors: list[str] = []
    title = _text(record.get("名称"))
    if not title:
        errors.append("名称不能为空")
    elif len(title) > 300:
        errors.append("名称超过300字")
    formed_on = _date(record.get("生成日期"), "生成日期", errors)
    if formed_on is None and not any("生成日期" in e for e in errors):
        errors.append("生成日期不能为空")
    published_on = _date(record.get("发布日期"), "发布日期", errors)
    if publish and published_on is None and not any("发布日期" in e for e in errors):
        errors.append("发布时须填写发布日期")
    if formed_on and published_on and published_on < formed_on:
        errors.append("发布日期早于生成日期")
    kind_text = _text(record.get("类型")) or EntryKind.OTHER.value
    if kind_text == "规范性文件":
        kind_text = EntryKind.NORMATIVE.value
    kind = EntryKind(kind_text) if kind_text in {k.value for k in EntryKind} else None
    if kind is None:
        errors.append(f"类型“{kind_text}”应为规章、行政规范性文件或其他")
    item_text = _text(record.get("第二十条项"))
    rule_making = kind in (EntryKind.REGULATION, EntryKind.NORMATIVE)
    item = parse_item(item_text) if item_text else ("20.1" if rule_making else "other")
    if item is None:
        errors.append(f"第二十条项“{item_text}”无法识别（例如：第二十条第（一）项、（五）、第二十一条、其他）")
    theme = _choice(_text(record.get("主题分类")), THEMES, "主题分类", "综合政务", errors)
    genre = _choice(_text(record.get("体裁分类")), GENRES, "体裁分类", "其他", errors)
    effective_on = _date(record.get("生效日期"), "生效日期", errors)
    repealed_on = _date(record.get("废止日期"), "废止日期", errors)
    validity_text = _text(record.get("有效性")) or (Validity.REPEALED.value if repealed_on else Validity.VALID.value)
    validity = Validity(validity_text) if validity_text in {v.value for v in Validity} else None
    if validity is None:
        errors.append(f"有效性“{validity_text}”应为有效、失效或废止")
    if (
        kind in (EntryKind.REGULATION, EntryKind.NORMATIVE)
        and effective_on is None
        and not any("生效日期" in e for e in errors)
    ):
        errors.append(f"{kind.value}须填写生效日期（用于表二“本年制发件数”）")
    if validity is Validity.REPEALED and repealed_on is None and not any("废止日期" in e for e in errors):
        errors.append("有效性为废止时须填写废止日期")
    if repealed_on and validity is Validity.VALID:
        errors.append("已填废止日期，有效性不能为有效")
    if effective_on and repealed_on and repealed_on < effective_on:
        errors.append("废止日期早于生效日期")
    body = _text(record.get("正文"))
    if len(body) > MAX_BODY:
        errors.append(f"正文超过{MAX_BODY}字")
    if errors or kind is None or validity is None or item is None or formed_on is None:
        return None, errors
    row = CatalogueRow(
        line=line,
        title=title,
        doc_number=_text(record.get("文号"))[:100],
        formed_on=formed_on,
        published_on=published_on,
        kind=kind,
        item=item,
        theme=theme,
        genre=genre,
        keywords=_text(record.get("关键词"))[:200],
        summary=_text(record.get("内容概述")),
        body=body,
        effective_on=effective_on,
        repealed_on=repealed_on,
        validity=validity,
    )
    return row, []


def parse_rows(headers: Iterable[str], records: list[Mapping[str, Any]], *, publish: bool = False) -> RowsResult:
    """Check the header row and every record (line 2 onwards); blank records are skipped."""
    result = RowsResult()
    present = [h.strip() for h in headers]
    missing = [h for h in REQUIRED_HEADERS if h not in present]
    unknown = [h for h in present if h and h not in HEADERS]
    if missing:
        result.header_errors.append(f"缺少列：{'、'.join(missing)}")
    if unknown:
        result.header_errors.append(f"无法识别的列：{'、'.join(unknown)}（可用的列：{'，'.join(HEADERS)}）")
    if len(records) > MAX_ROWS:
        result.header_errors.append(f"一次最多导入{MAX_ROWS}行，文件有{len(records)}行")
    if result.header_errors:
        return result
    for offset, record in enumerate(records):
        if not any(_text(v) for v in record.values()):
            continue
        row, errors = _row(offset + 2, record, publish)
        if row is None:
            result.refused.append((offset + 2, errors))
        else:
            result.rows.append(row)
    if not result.rows and not result.refused:
        result.header_errors.append("文件中没有数据行")
    return result
