"""Rule results, the rule registry and the shared helpers of every rule.

The rules are those of spec annual-report.md §6; their legal sources are
《中华人民共和国政府信息公开条例》 (2019 revision) and the report format of
国办公开办函〔2021〕30号 (2019 format: 国办公开办函〔2019〕60号).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from xxgk.core.report.layout import (
    T2_2019_BLOCKS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
    T4_RESULTS,
)
from xxgk.core.report.model import Cell, Kind, Place, Report, canonical_number

__all__ = [
    "DECODED_BY_RULE",
    "ERROR",
    "FAIL",
    "NOT_ASSESSABLE",
    "PASS",
    "RULES",
    "WARNING",
    "Operands",
    "RuleInfo",
    "RuleResult",
    "cell_name",
    "format_number",
    "result",
]

ERROR = "error"
WARNING = "warning"
PASS = "pass"
FAIL = "fail"
NOT_ASSESSABLE = "not_assessable"


@dataclass(frozen=True)
class RuleInfo:
    """A rule's stable id, severity, Chinese title, legal source and what it compares."""

    id: str
    severity: str
    title: str
    source: str
    checks: str


_FORMAT = "国办公开办函〔2021〕30号"

RULES: dict[str, RuleInfo] = {
    info.id: info
    for info in (
        RuleInfo(
            "T3-BALANCE",
            ERROR,
            "表三勾稽关系：新收 + 上年结转 = 办理结果总计 + 结转下年度",
            f"条例第五十条第（二）项；{_FORMAT}表三表头勾稽关系说明",
            "每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
        ),
        RuleInfo(
            "T3-OUTCOMES",
            ERROR,
            "表三“（七）总计”等于各办理结果行之和",
            f"条例第五十条第（二）项；{_FORMAT}表三",
            "每一列：（七）总计 = （一）至（六）各办理结果行之和（2019格式为（六）其他处理一行）",
        ),
        RuleInfo(
            "T3-COLUMNS",
            ERROR,
            "表三“总计”列等于六类申请人之和",
            f"条例第五十条第（二）项；{_FORMAT}表三",
            "每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        ),
        RuleInfo(
            "T4-GROUP",
            ERROR,
            "表四各组“总计”等于各结果之和",
            f"条例第五十条第（三）项；{_FORMAT}表四",
            "行政复议、未经复议直接起诉、复议后起诉三组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        ),
        RuleInfo(
            "VALUE-TYPE",
            ERROR,
            "表格数值类型",
            f"{_FORMAT}统计表",
            "表三、表四每格为非负整数；表二件数为非负整数，收费金额为非负小数（万元）",
        ),
        RuleInfo(
            "FORMAT-LABELS",
            WARNING,
            "章节标题与表格行列标签",
            f"条例第五十条第二款（统一格式）；{_FORMAT}",
            "每个必需的章节标题、表格行和列都以可识别的标签出现；报告缺失、错写或属于另一格式版本的标签",
        ),
        RuleInfo(
            "X-CARRY",
            ERROR,
            "本年“上年结转”等于上年“结转下年度继续办理”",
            f"条例第五十条第（二）项；{_FORMAT}表三",
            "每一列：本年 二、上年结转 = 上年 四、结转下年度继续办理",
        ),
        RuleInfo(
            "X-IN-FORCE",
            WARNING,
            "现行有效件数的年度衔接",
            f"条例第二十条第（一）项；{_FORMAT}表二",
            "规章、行政规范性文件：本年现行有效 = 上年现行有效 + 本年制发 − 本年废止（修订可能打破此关系，故为警告）",
        ),
        RuleInfo(
            "TEXT-NUMBERS",
            WARNING,
            "正文所述数字与表格一致",
            "条例第五十条",
            "正文明确写出的件数（新收申请、上年结转、结转下年度、行政复议、行政诉讼）等于对应表格单元格",
        ),
        RuleInfo(
            "SECTION-EMPTY",
            WARNING,
            "必需的叙述章节有内容",
            f"条例第五十条；{_FORMAT}第一、五、六部分",
            "一、总体情况，五、存在的主要问题及改进情况，六、其他需要报告的事项：标题之下有正文，不是空的",
        ),
        RuleInfo(
            "TEXT-FEES",
            WARNING,
            "第六部分说明信息处理费收取情况",
            f"条例第四十二条；国办函〔2020〕109号《政府信息公开信息处理费管理办法》；{_FORMAT}第六部分",
            "第六部分说明是否收取信息处理费；表三“逾期未按收费通知要求缴纳费用”大于0时须提及收费通知",
        ),
    )
}


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one checked instance of a rule.

    ``cells`` are cell addresses and ``places`` their places in the source,
    one per cell in the same order. ``printed`` is the value the report
    prints, ``computed`` the value the rule derives from other cells (or, for
    TEXT-NUMBERS, the number stated in the narrative), ``difference`` is
    printed − computed.
    """

    rule: str
    severity: str
    status: str
    cells: list[str] = field(default_factory=list)
    printed: str | None = None
    computed: str | None = None
    difference: str | None = None
    places: list[Place | None] = field(default_factory=list)
    message: str = ""

    def as_dict(self) -> dict[str, object]:
        """The result as a JSON-ready dict (places as dicts, None for unknown)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status,
            "cells": list(self.cells),
            "printed": self.printed,
            "computed": self.computed,
            "difference": self.difference,
            "places": [p.as_dict() if p is not None else None for p in self.places],
            "message": self.message,
        }


@lru_cache(maxsize=4096)
def format_number(number: Decimal) -> str:
    """A number in canonical printed form (no separators, no trailing zeros)."""
    return canonical_number(number)


def result(
    rule: str,
    status: str,
    report: Report,
    cells: list[str],
    message: str,
    printed: Decimal | None = None,
    computed: Decimal | None = None,
) -> RuleResult:
    """Build a result of ``rule`` with the places of ``cells`` and the difference printed − computed."""
    difference = None
    if printed is not None and computed is not None:
        difference = format_number(printed - computed)
    if status != NOT_ASSESSABLE and _decoded_by(report, cells, rule):
        message += DECODED_BY_RULE
    return RuleResult(
        rule=rule,
        severity=RULES[rule].severity,
        status=status,
        cells=list(cells),
        printed=format_number(printed) if printed is not None else None,
        computed=format_number(computed) if computed is not None else None,
        difference=difference,
        places=[_place(report, a) for a in cells],
        message=message,
    )


# Said of a rule instance whose cells were decoded from run-together text with this very rule.
DECODED_BY_RULE = "（其中有数值是按本规则从连写数字中解码得到的，本项必然相符，不是独立核对）"


def _decoded_by(report: Report, cells: list[str], rule: str) -> bool:
    """Whether any of the cells was decoded from run-together text using the rule's own constraint."""
    for address in cells:
        cell = report.cells.get(address)
        if cell is not None and rule in cell.decoded_by:
            return True
    return False


def _place(report: Report, address: str) -> Place | None:
    cell = report.cells.get(address)
    return cell.place if cell is not None else None


def _labels() -> dict[str, str]:
    """Chinese names of every cell address: table, row and column labels."""
    names: dict[str, str] = {}
    columns = dict(T3_COLUMNS)
    for row in T3_ROWS + T3_ROWS_2019:
        for col, col_label in columns.items():
            names[f"t3.{row.key}.{col}"] = f"表三“{row.label}”行“{col_label}”列"
    for group, group_label in T4_GROUPS:
        for res, res_label in T4_RESULTS:
            names[f"t4.{group}.{res}"] = f"表四“{group_label}”“{res_label}”"
    for prefix, blocks in (("t2", T2_BLOCKS), ("t2_2019", T2_2019_BLOCKS)):
        for block in blocks:
            for row in block.rows:
                for col, col_label in block.columns:
                    names[f"{prefix}.{row.key}.{col}"] = f"表二“{row.label}”行“{col_label}”"
    return names


_NAMES = _labels()


def cell_name(address: str) -> str:
    """The Chinese name of a cell address, e.g. 表三“（七）总计”行“自然人”列."""
    return _NAMES.get(address, address)


def _why_not_number(cell: Cell | None) -> str:
    if cell is None:
        return "缺失（报告中没有这一格）"
    if cell.kind is Kind.BLANK:
        return "空白"
    if cell.kind is Kind.NA:
        return f"印作“{cell.raw.strip()}”（不适用）"
    return f"为文字“{cell.raw}”"


_MISSING_NAMED = 2  # at most this many missing cells are named one by one in a not-assessable message


class Operands:
    """The numbers a rule instance needs, and why any of them is not a number."""

    def __init__(self, report: Report, addresses: list[str]) -> None:
        self.addresses = list(addresses)
        self.numbers: dict[str, Decimal] = {}
        self.problems: list[str] = []
        missing: list[str] = []
        unread: dict[str, list[str]] = {}  # why → the cells left unread for that reason
        for address in addresses:
            cell = report.cells.get(address)
            if cell is not None and cell.kind is Kind.NUMBER and cell.number is not None:
                self.numbers[address] = cell.number
            elif cell is None and address in report.unread:
                unread.setdefault(report.unread[address], []).append(cell_name(address))
            elif cell is None:
                missing.append(cell_name(address))
            else:
                self.problems.append(f"{cell_name(address)}{_why_not_number(cell)}")
        for why, names in unread.items():
            shown = "、".join(names[:_MISSING_NAMED]) + (f"等 {len(names)} 格" if len(names) > _MISSING_NAMED else "")
            self.problems.append(f"{shown}未读取（{why}）")
        if len(missing) > _MISSING_NAMED:
            # Rows cut off a truncated table: name a few, count the rest, instead of a line per cell.
            shown = "、".join(missing[:_MISSING_NAMED])
            self.problems.append(f"{shown}等 {len(missing)} 格缺失（报告中没有这些格）")
        else:
            self.problems.extend(f"{name}{_why_not_number(None)}" for name in missing)

    @property
    def complete(self) -> bool:
        """Whether every operand is a number."""
        return not self.problems

    def why(self) -> str:
        """A Chinese clause naming the cells that are not numbers, e.g. 因…空白."""
        return "无法核对，因" + "；".join(self.problems)

    def get(self, address: str) -> Decimal:
        """The number at an address (only when complete)."""
        return self.numbers[address]

    def total(self, addresses: list[str] | tuple[str, ...]) -> Decimal:
        """The sum of the numbers at the addresses (only when complete)."""
        return sum((self.numbers[a] for a in addresses), Decimal(0))
