"""Rules across years: this year's report against last year's report of the same unit.

X-CARRY (error): this year's 上年结转 = last year's 结转下年度继续办理, per column.
X-IN-FORCE (warning): this year's 现行有效件数 = last year's + 本年制发 − 本年废止,
for 规章 and 行政规范性文件 (spec annual-report.md §6).
"""

from __future__ import annotations

from decimal import Decimal

from xxgk.core.report.layout import FORMAT_2019, T2_BLOCKS, T3_COLUMNS
from xxgk.core.report.model import Kind, Place, Report
from xxgk.core.report.rules.result import (
    FAIL,
    NOT_ASSESSABLE,
    PASS,
    RULES,
    RuleResult,
    cell_name,
    format_number,
)

__all__ = ["check_x_carry", "check_x_in_force"]

_IN_FORCE_ROWS = tuple((row.key, row.label) for row in T2_BLOCKS[0].rows)


def _side(report: Report, address: str, year_name: str) -> tuple[Decimal | None, str | None, Place | None]:
    """The number at an address of one year's report, or why it is not a number."""
    cell = report.cells.get(address)
    place = cell.place if cell is not None else None
    if cell is None:
        return None, f"{year_name}{cell_name(address)}缺失", place
    if cell.kind is Kind.NUMBER and cell.number is not None:
        return cell.number, None, place
    why = {Kind.BLANK: "空白", Kind.NA: f"印作“{cell.raw.strip()}”（不适用）"}.get(cell.kind, f"为文字“{cell.raw}”")
    return None, f"{year_name}{cell_name(address)}{why}", place


def _mismatch(report: Report, previous: Report) -> str | None:
    """Why ``previous`` cannot be last year's report of the same unit, or None."""
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return f"所给上年报告为{previous.year}年度，不是{report.year - 1}年度"
    if report.unit and previous.unit and report.unit != previous.unit:
        return f"所给上年报告的单位为“{previous.unit}”，与本年“{report.unit}”不同"
    return None


def _make(
    rule: str,
    status: str,
    cells: list[str],
    places: list[Place | None],
    message: str,
    printed: Decimal | None = None,
    computed: Decimal | None = None,
) -> RuleResult:
    return RuleResult(
        rule=rule,
        severity=RULES[rule].severity,
        status=status,
        cells=cells,
        printed=format_number(printed) if printed is not None else None,
        computed=format_number(computed) if computed is not None else None,
        difference=format_number(printed - computed) if printed is not None and computed is not None else None,
        places=places,
        message=message,
    )


def check_x_carry(report: Report, previous: Report) -> list[RuleResult]:
    """X-CARRY: per column, this year's carried_over = last year's carried_forward (表三 二、四 两行衔接)."""
    mismatch = _mismatch(report, previous)
    if report.t3_format is None or previous.t3_format is None or mismatch:
        why = mismatch or ("本年报告缺少表三" if report.t3_format is None else "上年报告缺少表三")
        return [_make("X-CARRY", NOT_ASSESSABLE, [], [], f"无法核对跨年结转：{why}")]
    out = []
    for col, col_label in T3_COLUMNS:
        this_addr, last_addr = f"t3.carried_over.{col}", f"t3.carried_forward.{col}"
        printed, why_this, this_place = _side(report, this_addr, "本年")
        computed, why_last, last_place = _side(previous, last_addr, "上年")
        cells, places = [this_addr, f"previous:{last_addr}"], [this_place, last_place]
        where = f"表三“{col_label}”列"
        if printed is None or computed is None:
            why = "；".join(w for w in (why_this, why_last) if w)
            out.append(_make("X-CARRY", NOT_ASSESSABLE, cells, places, f"{where}：无法核对，因{why}"))
            continue
        status = PASS if printed == computed else FAIL
        message = (
            f"{where}：本年“上年结转”为 {format_number(printed)}，上年“结转下年度继续办理”为 {format_number(computed)}"
        )
        message += "，相符" if status == PASS else f"，相差 {format_number(printed - computed)}"
        out.append(_make("X-CARRY", status, cells, places, message, printed, computed))
    return out


def check_x_in_force(report: Report, previous: Report) -> list[RuleResult]:
    """X-IN-FORCE: in_force = last year's in_force + issued − repealed (条例第二十条第（一）项; 表二).

    A warning only: revised documents can legitimately break the identity.
    """
    mismatch = _mismatch(report, previous)
    problem = mismatch
    if problem is None and report.t2_format != "2021":
        problem = "本年表二为2019格式，没有“现行有效件数”" if report.t2_format == FORMAT_2019 else "本年报告缺少表二"
    if problem is None and previous.t2_format != "2021":
        problem = "上年表二为2019格式，没有“现行有效件数”" if previous.t2_format == FORMAT_2019 else "上年报告缺少表二"
    if problem:
        return [_make("X-IN-FORCE", NOT_ASSESSABLE, [], [], f"无法核对现行有效件数的衔接：{problem}")]
    out = []
    for row, label in _IN_FORCE_ROWS:
        now, issued, repealed = (f"t2.{row}.{col}" for col in ("in_force", "issued", "repealed"))
        values, whys, places = [], [], []
        this_year, last_year = "本年", "上年"
        operands = (
            (report, now, this_year),
            (previous, now, last_year),
            (report, issued, this_year),
            (report, repealed, this_year),
        )
        for rep, address, year_name in operands:
            number, why, place = _side(rep, address, year_name)
            values.append(number)
            places.append(place)
            if why:
                whys.append(why)
        cells = [now, f"previous:{now}", issued, repealed]
        where = f"表二“{label}”行“现行有效件数”"
        if whys:
            out.append(_make("X-IN-FORCE", NOT_ASSESSABLE, cells, places, f"{where}：无法核对，因{'；'.join(whys)}"))
            continue
        printed, last, add, remove = values
        assert printed is not None and last is not None and add is not None and remove is not None
        computed = last + add - remove
        status = PASS if printed == computed else FAIL
        message = (
            f"{where}：本年印刷 {format_number(printed)}，由上年 {format_number(last)} + 本年制发 {format_number(add)}"
            f" − 本年废止 {format_number(remove)} 得 {format_number(computed)}"
        )
        message += "，相符" if status == PASS else f"，相差 {format_number(printed - computed)}（如有修订可能属正常）"
        out.append(_make("X-IN-FORCE", status, cells, places, message, printed, computed))
    return out
