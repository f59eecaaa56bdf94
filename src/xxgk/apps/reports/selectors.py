"""Reads of the reports app: the whole report of a unit and year, and the cases behind each cell.

applications.md §8–§9. The filters here are the per-cell form of the
aggregations in xxgk.apps.cases.selectors (table3_cells / table4_cells): for
every address, the number of rows returned equals the number in the table
(tested on the same data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q, QuerySet

from xxgk.apps.cases.models import Case, ReviewCase
from xxgk.apps.cases.selectors import counting_rule, fee_summary, report_from_cases, t3_row_q
from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.selectors import table2_cells
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.units.models import Unit
from xxgk.core.cases.states import State
from xxgk.core.cases.tables import CountingRule
from xxgk.core.report.aggregate import sum_cells
from xxgk.core.report.drafts import DRAFTED_SECTIONS, DraftFigures, draft_sections
from xxgk.core.report.layout import (
    SECTIONS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_ROWS,
    T4_GROUPS,
    T4_RESULTS,
    cell_addresses,
)
from xxgk.core.report.model import Cell, Kind, Report, Section
from xxgk.core.report.rules import cell_name
from xxgk.core.report.workflow import ReportState
from xxgk.documents.json_format import report_from_json

__all__ = [
    "CellChange",
    "CellRef",
    "UnknownCell",
    "aggregate_report",
    "annual_report",
    "assemble_report",
    "cell_ref",
    "changes_since_frozen",
    "draft_figures",
    "exported_cells",
    "generated_drafts",
    "latest_version",
    "live_report",
    "previous_report",
    "published_versions",
    "report_build",
    "report_years",
    "review_cases_in_cell",
    "t3_cases_in_cell",
    "version_cells_report",
    "version_report",
]

T3_ROW_LABELS = {row.key: row.label for row in T3_ROWS}
T3_COLUMN_LABELS = dict(T3_COLUMNS)
T4_GROUP_LABELS = dict(T4_GROUPS)
T2_ROW_LABELS = {row.key: row.label for block in T2_BLOCKS for row in block.rows}
# the table 二 cells counted from catalogue entries (the others are entered figures)
T2_COUNTED_ROWS = ("regulations", "normative_documents")
T2_COLUMN_LABELS = {key: label for key, label in T2_BLOCKS[0].columns}
T4_RESULT_LABELS = dict(T4_RESULTS)


class UnknownCell(ValueError):
    """An address that is not a cell of table 三 (2021 format) or table 四."""


@dataclass(frozen=True)
class CellRef:
    """A parsed cell address: table ("t2", "t3" or "t4"), row (or group) key and column (or result) key."""

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
        if self.table == "t2":
            return f"表二 {T2_ROW_LABELS[self.row]} · {T2_COLUMN_LABELS[self.column]}"
        return f"表四 {T4_GROUP_LABELS[self.row]} · {T4_RESULT_LABELS[self.column]}"


def cell_ref(address: str) -> CellRef:
    """Parse a table 三/四 cell address or a counted table 二 one; raise UnknownCell for anything else."""
    parts = address.split(".")
    if len(parts) == 3:
        table, row, column = parts
        if table == "t3" and row in T3_ROW_LABELS and column in T3_COLUMN_LABELS:
            return CellRef(table, row, column)
        if table == "t4" and row in T4_GROUP_LABELS and column in T4_RESULT_LABELS:
            return CellRef(table, row, column)
        if table == "t2" and row in T2_COUNTED_ROWS and column in T2_COLUMN_LABELS:
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


# ---------------------------------------------------------------------------
# The whole report of a unit and year: live while a draft, frozen once submitted.


def draft_figures(unit: Unit, year: int) -> DraftFigures:
    """What the drafts state besides the cells: entries published, late replies and the fee notices of ``year``."""
    late = Case.objects.filter(unit=unit, concluded_on__year=year, late=True).exclude(state=State.SPLIT.value)
    notices, collected = fee_summary([unit.pk], year)
    return DraftFigures(
        entries_published=Entry.objects.filter(unit=unit, published_on__year=year).count(),
        late_replies=late.count(),
        fee_notices=notices,
        fees_collected=collected,
    )


def assemble_report(
    *, unit: Unit, year: int, cells: dict[str, Cell], annual: AnnualReport | None, figures: DraftFigures
) -> Report:
    """The whole report from its table cells: sections as edited or as the drafts generated from the cells."""
    numbers = {address: cell.number for address, cell in cells.items()}
    drafts = draft_sections(unit=unit.name, year=year, cells=numbers, figures=figures)
    edited = annual.sections if annual else {}
    sections = {
        key: Section(key, heading, edited.get(key, drafts[key]) if key in DRAFTED_SECTIONS else "")
        for key, heading in SECTIONS
    }
    title = f"{unit.name}{year}年政府信息公开工作年度报告"
    return Report(unit=unit.name, year=year, title=title, sections=sections, cells=cells, source_type="cases")


def live_report(unit: Unit, year: int, annual: AnnualReport | None = None) -> Report:
    """The report as the workspace shows it now: table 二 from the catalogue, 三/四 from cases, the sections."""
    cells = report_from_cases(unit, year, table2=table2_cells(unit=unit, year=year)).cells
    return assemble_report(unit=unit, year=year, cells=cells, annual=annual, figures=draft_figures(unit, year))


def generated_drafts(unit: Unit, year: int, report: Report) -> dict[str, str]:
    """The generated drafts of sections 一, 五 and 六 for the report's current cells."""
    numbers = {address: report.number(address) for address in report.cells}
    return draft_sections(unit=unit.name, year=year, cells=numbers, figures=draft_figures(unit, year))


def latest_version(annual: AnnualReport | None, *, published: bool = False) -> ReportVersion | None:
    """The newest frozen version of a report (the newest published one with ``published``)."""
    if annual is None:
        return None
    versions = annual.versions.all()
    if published:
        versions = versions.filter(Q(published_on__isnull=False) | Q(report__imported=True))
    return versions.order_by("-number").first()


def version_report(version: ReportVersion) -> Report:
    """The report stored in a frozen version."""
    return report_from_json(version.content)


def _exported_cell(value: str) -> Cell:
    """A cell from its value in the flat cell export (annual-report.md §5): number, '' blank, 'NA', or text."""
    if value == "":
        return Cell(Kind.BLANK)
    if value == "NA":
        return Cell(Kind.NA, "NA")
    if value[0].isdigit() or (value[0] == "-" and value[1:2].isdigit()):
        try:
            return Cell(Kind.NUMBER, value, Decimal(value))
        except InvalidOperation:
            pass
    return Cell(Kind.TEXT, value)


def version_cells_report(version: ReportVersion) -> Report:
    """The tables of a frozen version from its stored cell values (fast: no sections, no places)."""
    return Report(cells={address: _exported_cell(value) for address, value in version.cells.items()})


def exported_cells(report: Report) -> dict[str, str]:
    """A report's cells as the flat cell export's values, to store with a frozen version."""
    return {address: cell.value for address, cell in report.cells.items()}


def annual_report(unit: Unit, year: int) -> AnnualReport | None:
    """The unit's report record of ``year``, if anyone started it."""
    return AnnualReport.objects.filter(unit=unit, year=year).first()


def report_build(*, unit: Unit, year: int) -> Report:
    """The whole report as it stands: the frozen version once submitted, else the live workspace content."""
    annual = annual_report(unit, year)
    if annual is not None and annual.state != ReportState.DRAFT:
        version = latest_version(annual)
        if version is not None:
            return version_report(version)
    return live_report(unit, year, annual)


def previous_report(unit: Unit, year: int) -> Report | None:
    """The unit's report of the year before (built in xxgk and submitted, or imported), for X-CARRY/X-IN-FORCE."""
    version = latest_version(annual_report(unit, year - 1))
    return version_report(version) if version is not None else None


def aggregate_report(unit: Unit, year: int) -> tuple[Report, list[Unit]]:
    """The summary report of ``unit`` and every unit below it: tables 二/三/四 summed, drafts from the sums."""
    units = [unit, *Unit.objects.filter(pk__in=unit.descendant_ids()).order_by("name")]
    summed = sum_cells(report_build(unit=u, year=year) for u in units)
    title = f"{unit.name}{year}年政府信息公开工作年度报告（汇总）"
    report = Report(unit=unit.name, year=year, title=title, cells=summed, source_type="aggregate")
    numbers = {address: report.number(address) for address in summed}
    figures = DraftFigures()
    for u in units:
        one = draft_figures(u, year)
        figures = DraftFigures(
            late_replies=figures.late_replies + one.late_replies,
            fee_notices=figures.fee_notices + one.fee_notices,
            fees_collected=figures.fees_collected + one.fees_collected,
        )
    drafts = draft_sections(unit=unit.name, year=year, cells=numbers, figures=figures)
    report.sections = {key: Section(key, heading, drafts.get(key, "")) for key, heading in SECTIONS}
    return report, units


@dataclass(frozen=True)
class CellChange:
    """A cell whose live value differs from the frozen report's: address, name, frozen and live values."""

    address: str
    name: str
    frozen: str
    live: str


def changes_since_frozen(frozen: Report, live: Report) -> list[CellChange]:
    """The table cells that changed in the live data since the report was frozen (what a 更正 would change)."""
    return [
        CellChange(address, cell_name(address), frozen.cell(address).value, live.cell(address).value)
        for address in cell_addresses()
        if frozen.cell(address).value != live.cell(address).value
    ]


def published_versions(unit: Unit) -> list[ReportVersion]:
    """The unit's published (or imported) report versions: newest year first, newest version first within a year."""
    return list(
        ReportVersion.objects.filter(report__unit=unit)
        .filter(Q(published_on__isnull=False) | Q(report__imported=True))
        .select_related("report")
        .order_by("-report__year", "-number")
    )
