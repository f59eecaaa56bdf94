"""In-year identities of tables 三 and 四 (spec annual-report.md §6).

Each function returns one result per checked instance: per column for
T3-BALANCE and T3-OUTCOMES, per row for T3-COLUMNS, per group for T4-GROUP.
An operand that is not a number makes the instance not assessable; nothing is
ever repaired or guessed.
"""

from __future__ import annotations

from xxgk.core.report.layout import (
    FORMAT_2019,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_OUTCOME_ROWS_2019,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
)
from xxgk.core.report.model import Report
from xxgk.core.report.rules.result import (
    FAIL,
    NOT_ASSESSABLE,
    PASS,
    Operands,
    RuleResult,
    cell_name,
    format_number,
    result,
)

__all__ = ["check_t3_balance", "check_t3_columns", "check_t3_outcomes", "check_t4_group"]

_T4_PARTS = ("upheld", "corrected", "other", "pending")


def _table_missing(rule: str, report: Report, table: str) -> list[RuleResult]:
    return [result(rule, NOT_ASSESSABLE, report, [], f"报告缺少{table}，无法核对")]


def check_t3_balance(report: Report) -> list[RuleResult]:
    """T3-BALANCE: per column, new_received + carried_over = total_processed + carried_forward.

    The identity printed in table 三's header (国办公开办函〔2021〕30号; 条例第五十条第（二）项).
    """
    if report.t3_format is None:
        return _table_missing("T3-BALANCE", report, "表三")
    out = []
    for col, col_label in T3_COLUMNS:
        new, over, processed, forward = (
            f"t3.{row}.{col}" for row in ("new_received", "carried_over", "total_processed", "carried_forward")
        )
        ops = Operands(report, [new, over, processed, forward])
        where = f"表三“{col_label}”列"
        if not ops.complete:
            out.append(result("T3-BALANCE", NOT_ASSESSABLE, report, ops.addresses, f"{where}：{ops.why()}"))
            continue
        left = ops.get(new) + ops.get(over)
        right = ops.get(processed) + ops.get(forward)
        status = PASS if left == right else FAIL
        message = (
            f"{where}：本年新收 {format_number(ops.get(new))} + 上年结转 {format_number(ops.get(over))}"
            f" = {format_number(left)}，办理结果总计 {format_number(ops.get(processed))}"
            f" + 结转下年度 {format_number(ops.get(forward))} = {format_number(right)}"
        )
        message += "，相符" if status == PASS else f"，相差 {format_number(left - right)}"
        out.append(result("T3-BALANCE", status, report, ops.addresses, message, printed=left, computed=right))
    return out


def check_t3_outcomes(report: Report) -> list[RuleResult]:
    """T3-OUTCOMES: per column, （七）总计 = the sum of the outcome rows.

    Rows 3–23 in the 2021 format; rows 3–20 plus the single （六）其他处理 row
    in a 2019-format table 三 (国办公开办函〔2021〕30号 / 〔2019〕60号 表三).
    """
    if report.t3_format is None:
        return _table_missing("T3-OUTCOMES", report, "表三")
    rows = T3_OUTCOME_ROWS_2019 if report.t3_format == FORMAT_2019 else T3_OUTCOME_ROWS
    sums = [(f"t3.total_processed.{col}", [f"t3.{row}.{col}" for row in rows]) for col, _ in T3_COLUMNS]
    return _check_sums("T3-OUTCOMES", report, sums, "由各办理结果行合计为")


def check_t3_columns(report: Report) -> list[RuleResult]:
    """T3-COLUMNS: per row, 总计 = the sum of the six applicant columns (国办公开办函〔2021〕30号 表三)."""
    if report.t3_format is None:
        return _table_missing("T3-COLUMNS", report, "表三")
    rows = T3_ROWS_2019 if report.t3_format == FORMAT_2019 else T3_ROWS
    sums = [(f"t3.{row.key}.total", [f"t3.{row.key}.{col}" for col in T3_APPLICANT_COLUMNS]) for row in rows]
    return _check_sums("T3-COLUMNS", report, sums, "由六类申请人合计为")


def check_t4_group(report: Report) -> list[RuleResult]:
    """T4-GROUP: per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (条例第五十条第（三）项; 表四)."""
    if not report.has_t4:
        return _table_missing("T4-GROUP", report, "表四")
    sums = [(f"t4.{group}.total", [f"t4.{group}.{res}" for res in _T4_PARTS]) for group, _ in T4_GROUPS]
    return _check_sums("T4-GROUP", report, sums, "由维持、纠正、其他、尚未审结合计为")


def _check_sums(rule: str, report: Report, sums: list[tuple[str, list[str]]], how: str) -> list[RuleResult]:
    """One result per (total, parts): the printed total must equal the sum of its parts.

    The instance is named by its total cell (e.g. 表三“（七）总计”行“自然人”列); ``how``
    says in Chinese what the parts are.
    """
    out = []
    for total, parts in sums:
        ops = Operands(report, [total, *parts])
        where = cell_name(total)
        if not ops.complete:
            out.append(result(rule, NOT_ASSESSABLE, report, ops.addresses, f"{where}：{ops.why()}"))
            continue
        printed, computed = ops.get(total), ops.total(parts)
        status = PASS if printed == computed else FAIL
        message = f"{where}：印刷值 {format_number(printed)}，{how} {format_number(computed)}"
        message += "，相符" if status == PASS else f"，相差 {format_number(printed - computed)}"
        out.append(result(rule, status, report, ops.addresses, message, printed=printed, computed=computed))
    return out
