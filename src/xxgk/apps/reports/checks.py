"""The checks before submission: every engine rule on the report as it will be published, plus the workspace's own.

annual-report.md §6 (all rules, X-CARRY and X-IN-FORCE against the previous
year's report when there is one) and one warning of the workspace: a drafted
section still word for word the generated draft (SECTION-DRAFT). Errors block
submission; each failed warning must be acknowledged, and the acknowledgement
is stored with the submitted version. A TEXT-NUMBERS failure also blocks: in
the workspace the cells are the unit's own records, so a sentence that
contradicts one is wrong and must be fixed, not acknowledged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from xxgk.core.report.drafts import DRAFTED_SECTIONS
from xxgk.core.report.layout import SECTIONS
from xxgk.core.report.model import Report
from xxgk.core.report.rules import ERROR, FAIL, PASS, WARNING, RuleResult, check

__all__ = ["BLOCKING_WARNINGS", "DRAFT_RULE", "DRAFT_RULE_TITLE", "Findings", "run_checks", "warning_key"]

DRAFT_RULE = "SECTION-DRAFT"
# warnings that block submission like errors (see the module docstring)
BLOCKING_WARNINGS = frozenset({"TEXT-NUMBERS"})
DRAFT_RULE_TITLE = "正文仍为系统生成的初稿"


def warning_key(result: RuleResult) -> str:
    """A short stable key of one failed warning (its rule and message), used to acknowledge it."""
    return hashlib.sha256(f"{result.rule}\n{result.message}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Findings:
    """The results of every check, and the failed errors and warnings among them."""

    results: list[RuleResult]

    @property
    def errors(self) -> list[RuleResult]:
        """Failed error-severity results."""
        return [r for r in self.results if r.status == FAIL and r.severity == ERROR]

    @property
    def warnings(self) -> list[RuleResult]:
        """Failed warnings."""
        return [r for r in self.results if r.status == FAIL and r.severity != ERROR]

    @property
    def blocking(self) -> list[RuleResult]:
        """What blocks submission: failed errors and failed TEXT-NUMBERS."""
        return [r for r in self.results if r.status == FAIL and (r.severity == ERROR or r.rule in BLOCKING_WARNINGS)]

    @property
    def to_acknowledge(self) -> list[RuleResult]:
        """The failed warnings that must be acknowledged before submission."""
        return [r for r in self.warnings if r.rule not in BLOCKING_WARNINGS]


def _draft_results(untouched: list[str]) -> list[RuleResult]:
    headings = dict(SECTIONS)
    out = []
    for key in DRAFTED_SECTIONS:
        heading = headings[key]
        if key in untouched:
            message = f"“{heading}”仍是系统根据数据生成的初稿，未经修改；请核实并补充本单位的实际情况"
            out.append(RuleResult(rule=DRAFT_RULE, severity=WARNING, status=FAIL, message=message))
        else:
            out.append(RuleResult(rule=DRAFT_RULE, severity=WARNING, status=PASS, message=f"“{heading}”已修改"))
    return out


def run_checks(report: Report, previous: Report | None, untouched: list[str]) -> Findings:
    """Every engine rule (cross-year ones when ``previous`` is given) and the untouched-draft warning."""
    return Findings(check(report, previous) + _draft_results(untouched))
