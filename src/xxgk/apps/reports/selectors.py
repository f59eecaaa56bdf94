"""Reads of the reports app: which cases a cell of table 三 or 四 counts, and the years a unit has data for.

applications.md §8–§9. The filters here are the per-cell form of the
aggregations in xxgk.apps.cases.selectors (table3_cells / table4_cells): for
every address, the number of rows returned equals the number in the table
(tested on the same data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from xxgk.apps.cases.models import Case, ReviewCase
from xxgk.apps.cases.selectors import counting_rule, report_from_cases, t3_row_q
from xxgk.apps.catalogue.selectors import table2_cells
from xxgk.apps.units.models import Unit
from xxgk.core.cases.states import State
from xxgk.core.cases.tables import CountingRule
from xxgk.core.report.layout import T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS
from xxgk.core.report.model import Report

__all__ = [
    "CellRef",
    "UnknownCell",
    "cell_ref",
    "report_years",
    "review_cases_in_cell",
    "t3_cases_in_cell",
    "unit_report",
]

T3_ROW_LABELS = {row.key: row.label for row in T3_ROWS}
T3_COLUMN_LABELS = dict(T3_COLUMNS)
T4_GROUP_LABELS = dict(T4_GROUPS)
T4_RESULT_LABELS = dict(T4_RESULTS)


class UnknownCell(ValueError):
    """An address that is not a cell of table 三 (2021 format) or table 四."""


@dataclass(frozen=True)
class CellRef:
    """A parsed cell address: table ("t3" or "t4"), row (or group) key and column (or result) key."""

    table: str
    row: str
    column: str

    @property
    def address(self) -> str:
        """The cell address, e.g. ``t3.granted.natural_person``."""
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def label(self) -> str:
        """The cell's name in Chinese: table, row and column labels."""
        if self.table == "t3":
            return f"表三 {T3_ROW_LABELS[self.row]} · {T3_COLUMN_LABELS[self.column]}"
        return f"表四 {T4_GROUP_LABELS[self.row]} · {T4_RESULT_LABELS[self.column]}"


def cell_ref(address: str) -> CellRef:
    """Parse a table 三/四 cell address; raise UnknownCell for anything else."""
    parts = address.split(".")
    if len(parts) == 3:
        table, row, column = parts
        if table == "t3" and row in T3_ROW_LABELS and column in T3_COLUMN_LABELS:
            return CellRef(table, row, column)
        if table == "t4" and row in T4_GROUP_LABELS and column in T4_RESULT_LABELS:
            return CellRef(table, row, column)
    raise UnknownCell(f"unknown table 3/4 cell address {address!r}")


def t3_cases_in_cell(unit_ids: Iterable[int], year: int, ref: CellRef) -> QuerySet[Case]:
    """The cases counted in one cell of table 三 of ``year`` (applications.md §9), oldest first."""
    cases = Case.objects.filter(unit_id__in=list(unit_ids)).exclude(state=State.SPLIT.value)
    if ref.column != "total":
        cases = cases.filter(applicant_type=ref.column)
    try:
        cases = cases.filter(t3_row_q(ref.row, year))
    except ValueError:
        raise UnknownCell(f"row {ref.row!r} is not counted from cases") from None
    return cases.order_by("receipt_date", "number")


def review_cases_in_cell(
    unit_ids: Iterable[int], year: int, ref: CellRef, rule: CountingRule | None = None
) -> QuerySet[ReviewCase]:
    """The review/litigation cases counted in one cell of table 四 of ``year`` (applications.md §8)."""
    rule = rule or counting_rule()
    end = dt.date(year, 12, 31)
    concluded_by_end = Q(result_on__isnull=False, result_on__lte=end)
    if rule is CountingRule.PENDING_IN_FILED_YEAR:
        counted = Q(result_on__year=year)
    else:
        counted = Q(filed_on__year=year) & concluded_by_end
    pending = Q(filed_on__year=year) & ~concluded_by_end
    by_result = {key: counted & Q(result_key=key) for key in ("upheld", "corrected", "other")}
    by_result["pending"] = pending
    by_result["total"] = by_result["upheld"] | by_result["corrected"] | by_result["other"] | pending
    reviews = ReviewCase.objects.filter(unit_id__in=list(unit_ids), kind=ref.row).filter(by_result[ref.column])
    return reviews.select_related("application").order_by("filed_on", "pk")


def report_years(unit: Unit) -> list[int]:
    """The years in which ``unit`` received or concluded a case or filed/concluded a review, newest first."""
    years: set[int] = set()
    for field in ("receipt_date", "concluded_on"):
        years |= {d.year for d in Case.objects.filter(unit=unit).dates(field, "year")}
    for field in ("filed_on", "result_on"):
        years |= {d.year for d in ReviewCase.objects.filter(unit=unit).dates(field, "year")}
    return sorted(years, reverse=True)


def unit_report(unit: Unit, year: int) -> Report:
    """The annual report of ``unit`` built from data: table 二 from the catalogue, tables 三 and 四 from cases."""
    return report_from_cases(unit, year, table2=table2_cells(unit=unit, year=year))
