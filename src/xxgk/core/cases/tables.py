"""Tables 三 and 四 of year Y from case facts: the pure reference aggregation.

applications.md §8–§9 and annual-report.md §3–§4. The database selectors of
xxgk.apps.cases compute the same numbers by aggregation; this module is the
reference they are tested against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from xxgk.core.report.layout import T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_OUTCOME_ROWS, T3_ROWS, T4_GROUPS, T4_RESULTS

__all__ = [
    "DEFAULT_RESULT_MAPPING",
    "T3_MEMBERSHIP",
    "CaseFact",
    "CountingRule",
    "ReviewFact",
    "Term",
    "map_result",
    "t3_group",
    "t3_member",
    "table3",
    "table4",
]


@dataclass(frozen=True)
class CaseFact:
    """What table 三 needs of one application: receipt, conclusion, outcome key and applicant type (column key)."""

    received_on: date
    concluded_on: date | None
    outcome: str | None
    applicant_type: str


@dataclass(frozen=True)
class Term:
    """One date condition of a table 三 row: ``field op anchor``, where anchor is 1 January or 31 December of Y.

    ``or_open``: a case not yet concluded also meets it (its conclusion date is empty).
    """

    field: Literal["received_on", "concluded_on"]
    op: Literal["<", "<=", ">=", ">"]
    anchor: Literal["start", "end"]
    or_open: bool = False


#: Which cases a row of table 三 of year Y counts (applications.md §9), as data:
#: every term must hold. The outcome rows and 总计 count the ``concluded`` group
#: (the outcome rows by their outcome). The pure :func:`table3` and the database
#: filters (xxgk.apps.cases.selectors.t3_q) are both read from this table.
T3_MEMBERSHIP: dict[str, tuple[Term, ...]] = {
    "new_received": (Term("received_on", ">=", "start"), Term("received_on", "<=", "end")),
    "carried_over": (Term("received_on", "<", "start"), Term("concluded_on", ">=", "start", or_open=True)),
    "concluded": (
        Term("received_on", "<=", "end"),
        Term("concluded_on", ">=", "start"),
        Term("concluded_on", "<=", "end"),
    ),
    "carried_forward": (Term("received_on", "<=", "end"), Term("concluded_on", ">", "end", or_open=True)),
}


def t3_group(row: str) -> str:
    """The membership group of a table 三 row key: outcome rows and total_processed count the concluded cases."""
    if row in T3_MEMBERSHIP:
        return row
    if row == "total_processed" or row in T3_OUTCOME_ROWS:
        return "concluded"
    raise ValueError(f"table 3 row {row!r} is not counted from cases")


_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
}


def t3_member(case: CaseFact, group: str, year: int) -> bool:
    """Whether ``case`` counts in the membership group ``group`` of table 三 of ``year``."""
    anchors = {"start": date(year, 1, 1), "end": date(year, 12, 31)}
    for term in T3_MEMBERSHIP[group]:
        value = getattr(case, term.field)
        if value is None:
            if not term.or_open:
                return False
        elif not _OPS[term.op](value, anchors[term.anchor]):
            return False
    return True


def _zero_t3() -> dict[str, int]:
    return {f"t3.{row.key}.{col}": 0 for row in T3_ROWS for col, _ in T3_COLUMNS}


def table3(cases: Iterable[CaseFact], year: int) -> dict[str, int]:
    """Table 三 of ``year`` (applications.md §9): every t3 address of the 2021 format → count.

    The rows count the cases of their :data:`T3_MEMBERSHIP` group. Totals are sums.
    """
    cells = _zero_t3()
    for case in cases:
        col = case.applicant_type
        if col not in T3_APPLICANT_COLUMNS:
            raise ValueError(f"未知的申请人类型：{col}")
        for group in ("new_received", "carried_over", "carried_forward"):
            if t3_member(case, group, year):
                cells[f"t3.{group}.{col}"] += 1
        if t3_member(case, "concluded", year):
            if case.outcome not in T3_OUTCOME_ROWS:
                raise ValueError(f"未知的办理结果：{case.outcome}")
            cells[f"t3.{case.outcome}.{col}"] += 1
            cells[f"t3.total_processed.{col}"] += 1
    for row in T3_ROWS:
        cells[f"t3.{row.key}.total"] = sum(cells[f"t3.{row.key}.{col}"] for col in T3_APPLICANT_COLUMNS)
    return cells


class CountingRule(StrEnum):
    """Which year a review or litigation case counts in (applications.md §8; configurable)."""

    # counted pending in the year filed if open on 31 December, and with its result in the year it concluded
    PENDING_IN_FILED_YEAR = "pending_in_filed_year"
    # counted once, in the year filed, with its result if concluded by 31 December of that year, else pending
    FILED_YEAR_ONLY = "filed_year_only"


COUNTING_RULE_NOTES = {
    CountingRule.PENDING_IN_FILED_YEAR: (
        "行政复议、行政诉讼案件：年底尚未审结的计入立案当年的“尚未审结”，审结的计入审结当年。"
    ),
    CountingRule.FILED_YEAR_ONLY: (
        "行政复议、行政诉讼案件：均计入立案当年，年底前审结的按结果计，未审结的计入“尚未审结”。"
    ),
}

# applications.md §8, the seed of the configurable mapping
DEFAULT_RESULT_MAPPING: dict[str, str] = {
    "维持": "upheld",
    "驳回诉讼请求": "upheld",
    "撤销": "corrected",
    "变更": "corrected",
    "确认违法": "corrected",
    "责令履行": "corrected",
    "确认无效": "corrected",
    "驳回申请": "other",
    "终止": "other",
    "撤回": "other",
    "撤诉": "other",
    "调解": "other",
    "和解": "other",
}


def map_result(raw: str, mapping: dict[str, str] | None = None) -> str:
    """The table 四 result key (upheld / corrected / other) for a raw result text (applications.md §8)."""
    mapping = DEFAULT_RESULT_MAPPING if mapping is None else mapping
    text = raw.strip()
    if text in mapping:
        return mapping[text]
    # longest known phrase contained in the text wins ("决定撤销…" → 撤销); 驳回诉讼请求 before 驳回
    for phrase in sorted(mapping, key=len, reverse=True):
        if phrase in text:
            return mapping[phrase]
    raise ValueError(f"无法归类的复议/诉讼结果：“{raw}”，请在结果对照表中补充。")


@dataclass(frozen=True)
class ReviewFact:
    """A review or litigation case: group key (T4_GROUPS), filing date, result key and date (None while pending)."""

    kind: str
    filed_on: date
    result: str | None = None
    result_on: date | None = None


def table4(
    cases: Iterable[ReviewFact], year: int, rule: CountingRule = CountingRule.PENDING_IN_FILED_YEAR
) -> dict[str, int]:
    """Table 四 of ``year`` (annual-report.md §4) under the counting rule of applications.md §8."""
    groups = [g for g, _ in T4_GROUPS]
    cells = {f"t4.{g}.{r}": 0 for g in groups for r, _ in T4_RESULTS}
    end = date(year, 12, 31)
    for case in cases:
        if case.kind not in groups:
            raise ValueError(f"未知的复议/诉讼类型：{case.kind}")
        concluded = case.result is not None and case.result_on is not None
        result: str | None = None
        if rule is CountingRule.PENDING_IN_FILED_YEAR:
            if concluded and case.result_on.year == year:  # type: ignore[union-attr]
                result = case.result
            elif case.filed_on.year == year and not (concluded and case.result_on <= end):  # type: ignore[operator]
                result = "pending"
        elif case.filed_on.year == year:
            result = case.result if concluded and case.result_on <= end else "pending"  # type: ignore[operator]
        if result is None:
            continue
        if result not in ("upheld", "corrected", "other", "pending"):
            raise ValueError(f"未知的复议/诉讼结果：{result}")
        cells[f"t4.{case.kind}.{result}"] += 1
        cells[f"t4.{case.kind}.total"] += 1
    return cells
