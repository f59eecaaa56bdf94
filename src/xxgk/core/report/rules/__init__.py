"""The rules of spec annual-report.md §6: check a report (and last year's) and say what holds.

``check(report, previous=None)`` runs every rule and returns one
:class:`RuleResult` per checked instance. Without ``previous`` the cross-year
rules (X-CARRY, X-IN-FORCE) are not run. ``RULES`` maps each stable rule id to
its severity, Chinese title and legal source.
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.core.report.model import Report
from xxgk.core.report.rules.result import (
    ERROR,
    FAIL,
    NOT_ASSESSABLE,
    PASS,
    RULES,
    WARNING,
    RuleInfo,
    RuleResult,
    cell_name,
)
from xxgk.core.report.rules.tables import check_t3_balance, check_t3_columns, check_t3_outcomes, check_t4_group
from xxgk.core.report.rules.text import check_section_empty, check_text_fees, check_text_numbers
from xxgk.core.report.rules.values import check_format_labels, check_value_type
from xxgk.core.report.rules.years import check_x_carry, check_x_in_force

__all__ = [
    "ERROR",
    "FAIL",
    "NOT_ASSESSABLE",
    "PASS",
    "RULES",
    "WARNING",
    "RuleInfo",
    "RuleResult",
    "cell_name",
    "check",
    "has_errors",
]

_IN_YEAR: tuple[Callable[[Report], list[RuleResult]], ...] = (
    check_t3_balance,
    check_t3_outcomes,
    check_t3_columns,
    check_t4_group,
    check_value_type,
    check_format_labels,
)
_TEXT: tuple[Callable[[Report], list[RuleResult]], ...] = (check_text_numbers, check_text_fees, check_section_empty)


def check(report: Report, previous: Report | None = None) -> list[RuleResult]:
    """Run every rule of spec §6 on a report; cross-year rules only when ``previous`` is given."""
    results: list[RuleResult] = []
    for rule in _IN_YEAR:
        results += rule(report)
    if previous is not None:
        results += check_x_carry(report, previous)
        results += check_x_in_force(report, previous)
    for rule in _TEXT:
        results += rule(report)
    return results


def has_errors(results: list[RuleResult]) -> bool:
    """Whether any error-severity rule failed (what decides a checker's exit status)."""
    return any(r.status == FAIL and r.severity == ERROR for r in results)
