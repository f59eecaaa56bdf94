"""VALUE-TYPE and FORMAT-LABELS: what kind of value each cell holds, and the labels found.

Both follow the report format of 国办公开办函〔2021〕30号 (and the 2019 trial
format of 国办公开办函〔2019〕60号), spec annual-report.md §5–§7.
"""

from __future__ import annotations

from xxgk.core.report.layout import (
    FORMAT_2019,
    SECTION_HEADING_2019_PROBLEMS,
    SECTIONS,
    t2_addresses,
    t3_addresses,
    t4_addresses,
)
from xxgk.core.report.model import Cell, Kind, LabelNote, Report
from xxgk.core.report.rules.result import FAIL, NOT_ASSESSABLE, PASS, RuleResult, cell_name, result

__all__ = ["check_format_labels", "check_value_type"]

# Cells that hold a non-negative decimal (万元 amounts); all other cells hold a count.
_DECIMAL_CELLS = frozenset({"t2.fees.amount", "t2_2019.procurement.amount"})
# 2019 table 二 "本年增/减" is a signed change.
_SIGNED_SUFFIX = ".change"

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _checked_addresses(report: Report) -> list[str]:
    addresses: list[str] = []
    if report.t2_format:
        addresses += t2_addresses(report.t2_format)
    if report.t3_format:
        addresses += t3_addresses(report.t3_format)
    if report.has_t4:
        addresses += t4_addresses()
    return [a for a in addresses if a in report.cells]


def _type_problem(address: str, cell: Cell) -> str | None:
    """Why a number cell has the wrong type, or None if it is fine."""
    if cell.kind is Kind.TEXT:
        return f"为文字“{cell.raw}”，应为数字"
    assert cell.number is not None
    if cell.number >= 0 and cell.number == cell.number.to_integral_value():
        return None  # the common case: a non-negative integer (fine for a count and for an amount)
    shown = cell.raw.strip() or cell.value
    if address in _DECIMAL_CELLS:
        return f"为负数 {shown}" if cell.number < 0 else None
    if cell.number != cell.number.to_integral_value():
        return f"为小数 {shown}，应为整数"
    if cell.number < 0 and not address.endswith(_SIGNED_SUFFIX):
        return f"为负数 {shown}，应为非负整数"
    return None


def check_value_type(report: Report) -> list[RuleResult]:
    """VALUE-TYPE: table 三/四 cells are non-negative integers; table 二 counts too, its fee a decimal.

    One failing result per offending cell, one not-assessable result listing
    the blank and na cells, one pass when every cell is fine (国办公开办函〔2021〕30号 统计表).
    """
    out: list[RuleResult] = []
    unstated: list[str] = []
    for address in _checked_addresses(report):
        cell = report.cells[address]
        if cell.kind in (Kind.BLANK, Kind.NA):
            unstated.append(address)
            continue
        problem = _type_problem(address, cell)
        if problem is not None:
            message = f"{cell_name(address)}{problem}"
            out.append(result("VALUE-TYPE", FAIL, report, [address], message, printed=cell.number))
    if unstated:
        shown = "、".join(cell_name(a) for a in unstated[:5])
        more = f"等 {len(unstated)} 格" if len(unstated) > 5 else ""
        message = f"{shown}{more}为空白或“不适用”，无法判断其数值类型（空白和“/”不视为 0）"
        out.append(result("VALUE-TYPE", NOT_ASSESSABLE, report, unstated, message))
    if not out:
        out.append(result("VALUE-TYPE", PASS, report, [], "表二、表三、表四所有数值的类型均符合要求"))
    return out


_WHERE_NAMES = {
    "section": "章节标题",
    "t2.row": "表二行",
    "t2.column": "表二列",
    "t2.caption": "表二栏目",
    "t3.row": "表三行",
    "t3.column": "表三列",
    "t4.column": "表四列",
    "t4.row": "表四行",
}


def _describe_note(note: LabelNote) -> str:
    kind = _WHERE_NAMES.get(note.where, "标签")
    if note.status == "missing":
        text = f"缺少{kind}“{note.expected}”"
    elif note.status == "misspelled" and note.found and note.expected.endswith(note.found):
        numeral = note.expected.removesuffix(note.found)
        text = f"{kind}“{note.expected}”印作“{note.found}”（缺少序号“{numeral}”）"
    elif note.status == "misspelled":
        text = f"{kind}“{note.expected}”印作“{note.found}”（错写或缺字）"
    elif note.status == "unmapped":
        text = f"{kind}标题“{note.found}”无法对应到规定的栏目（应为：{note.expected}），该列数值未读取"
    else:
        text = f"{kind}“{note.found}”属于另一格式版本"
        if note.expected != note.found:
            text += f"（2021格式为“{note.expected}”）"
    if note.place is not None:
        text += f"（{note.place.describe()}）"
    return text


def _table_findings(report: Report) -> tuple[list[str], set[str]]:
    """Findings about whole tables (missing, other version, mixed) and the tables that are missing."""
    findings: list[str] = []
    missing: set[str] = set()
    for key, fmt in (("t2", report.t2_format), ("t3", report.t3_format)):
        if fmt is None:
            missing.add(key)
            findings.append(f"缺少{_TABLE_NAMES[key]}（未找到该统计表）")
        elif fmt == FORMAT_2019 and report.year is not None and report.year >= 2021:
            findings.append(
                f"{_TABLE_NAMES[key]}使用2019格式（国办公开办函〔2019〕60号），{report.year}年度报告应使用2021格式"
            )
    if not report.has_t4:
        missing.add("t4")
        findings.append("缺少表四（未找到该统计表）")
    if report.format == "mixed":
        findings.append(f"表格格式混用：表二为{report.t2_format}格式，表三为{report.t3_format}格式")
    return findings, missing


def check_format_labels(report: Report) -> list[RuleResult]:
    """FORMAT-LABELS: every required section heading, row and column is present and recognisable.

    One result listing every finding: labels missing, misspelled or of the
    other format version, missing section headings and tables, mixed formats
    (条例第五十条第二款；国办公开办函〔2021〕30号).
    """
    findings, missing_tables = _table_findings(report)
    noted_sections = {n.expected for n in report.labels if n.where == "section"}
    for key, heading in SECTIONS:
        section = report.sections.get(key)
        expected = {heading, SECTION_HEADING_2019_PROBLEMS} if key == "problems" else {heading}
        if (section is None or section.heading is None) and not expected & noted_sections:
            findings.append(f"缺少章节标题“{heading}”")
    variants = 0
    for note in report.labels:
        if note.status in ("exact",):
            continue
        if note.status == "variant":
            variants += 1
            continue
        if note.where.split(".")[0] in missing_tables:
            continue
        findings.append(_describe_note(note))
    variant_text = f"；另有 {variants} 处为可接受的常见变体写法" if variants else ""
    if findings:
        numbered = "；".join(f"{i}. {text}" for i, text in enumerate(findings, 1))
        message = f"发现 {len(findings)} 处格式问题：{numbered}{variant_text}"
        return [result("FORMAT-LABELS", FAIL, report, [], message)]
    return [result("FORMAT-LABELS", PASS, report, [], f"所有章节标题和表格行列标签均可识别{variant_text}")]
