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

from xxgk.core.report.layout import T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_OUTCOME_ROWS, T3_ROWS, T4_GROUPS, T4_RESULTS

__all__ = [
    "DEFAULT_RESULT_MAPPING",
    "CaseFact",
    "CountingRule",
    "ReviewFact",
    "map_result",
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


def _zero_t3() -> dict[str, int]:
    return {f"t3.{row.key}.{col}": 0 for row in T3_ROWS for col, _ in T3_COLUMNS}


def table3(cases: Iterable[CaseFact], year: int) -> dict[str, int]:
    """Table 三 of ``year`` (applications.md §9): every t3 address of the 2021 format → count.

    new_received: received in Y; carried_over: received before Y and open on
    31 December of Y−1; outcome rows: concluded in Y; carried_forward:
    received in or before Y and open on 31 December of Y. Totals are sums.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    cells = _zero_t3()
    for case in cases:
        col = case.applicant_type
        if col not in T3_APPLICANT_COLUMNS:
            raise ValueError(f"未知的申请人类型：{col}")
        if case.received_on > end:
            continue
        open_at_start = case.concluded_on is None or case.concluded_on >= start
        if start <= case.received_on:
            cells[f"t3.new_received.{col}"] += 1
        elif open_at_start:
            cells[f"t3.carried_over.{col}"] += 1
        if case.concluded_on is not None and start <= case.concluded_on <= end:
            if case.outcome not in T3_OUTCOME_ROWS:
                raise ValueError(f"未知的办理结果：{case.outcome}")
            cells[f"t3.{case.outcome}.{col}"] += 1
            cells[f"t3.total_processed.{col}"] += 1
        elif case.concluded_on is None or case.concluded_on > end:
            cells[f"t3.carried_forward.{col}"] += 1
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
