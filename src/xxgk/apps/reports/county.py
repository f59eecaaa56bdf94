"""Reads of the supervisor's county view: every subordinate unit's report status, checks, figures and case counts.

条例第四十九条 (publication by 31 January) and 第五十条 (the report's
content). Built for a county of 500 units and a million cases: tables 三 and
四 of every unit come from one grouped query each, frozen reports from their
stored JSON, the case counts from one grouped query; nothing loops over
cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from xxgk.apps.cases.models import Case, Fee
from xxgk.apps.cases.queries import due_soon_limit, open_cases
from xxgk.apps.cases.selectors import table3_cells, table3_cells_by_unit, table4_cells, table4_cells_by_unit
from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.selectors import late_publication_counts, table2_cells_by_unit
from xxgk.apps.reports.checks import run_checks
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.reports.selectors import assemble_report, version_cells_report
from xxgk.apps.units.models import Unit
from xxgk.core.calendar import WorkCalendar
from xxgk.core.cases.states import State
from xxgk.core.report.aggregate import sum_cells
from xxgk.core.report.drafts import DRAFTED_SECTIONS, DraftFigures
from xxgk.core.report.layout import SECTIONS
from xxgk.core.report.model import Cell, Report, Section
from xxgk.core.report.rules import RuleResult, check
from xxgk.core.report.workflow import ReportState, due_date, is_late

__all__ = ["STATUS_LABELS", "CountyView", "UnitRow", "county_view", "overdue_cases", "year_series"]

NOT_STARTED, DRAFT, SUBMITTED, PUBLISHED, LATE = "not_started", "draft", "submitted", "published", "late"
STATUS_LABELS = {
    NOT_STARTED: "未开始",
    DRAFT: "起草中",
    SUBMITTED: "已提交",
    PUBLISHED: "已公布",
    LATE: "逾期未公布",
}
# the rules that judge tables (the summary has no narrative of its own)
TABLE_RULES = frozenset({"T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS", "T4-GROUP", "VALUE-TYPE"})
KEY_FIGURES = (
    ("t3.new_received.total", "新收申请"),
    ("t3.total_processed.total", "办结"),
    ("t3.carried_forward.total", "结转下年度"),
    ("t4.review.total", "行政复议"),
)


@dataclass
class UnitRow:
    """One unit of the county view."""

    unit: Unit
    status: str
    published_on: dt.date | None
    published_late: bool
    errors: int
    warnings: int
    figures: list[tuple[str, str]]
    open_cases: int = 0
    due_soon: int = 0
    overdue: int = 0
    late_publications: int = 0
    report: Report = field(default_factory=Report)

    @property
    def case_lists(self) -> list[tuple[str, int]]:
        """The case work lists of the unit with their counts: (list key of the case list page, count)."""
        return [("", self.open_cases), ("due", self.due_soon), ("overdue", self.overdue)]

    @property
    def status_label(self) -> str:
        """The status in Chinese; a late publication says so."""
        label = STATUS_LABELS[self.status]
        return f"{label}（逾期公布）" if self.status == PUBLISHED and self.published_late else label


@dataclass
class CountyView:
    """The whole view: unit rows, the summary report of the units and its check."""

    rows: list[UnitRow]
    summary: Report
    summary_results: list[RuleResult]  # every in-table rule on the summed tables (the narrative is not summed)


def _live_reports(units: list[Unit], year: int, annuals: dict[int, AnnualReport]) -> dict[int, Report]:
    """The live report of every unit not yet frozen, from a few grouped queries and the drafts."""
    if not units:
        return {}
    ids = [u.pk for u in units]
    t2 = table2_cells_by_unit(unit_ids=ids, year=year)
    t3 = table3_cells_by_unit(ids, year)
    t4 = table4_cells_by_unit(ids, year)
    late = dict(
        Case.objects.filter(unit_id__in=ids, concluded_on__year=year, late=True)
        .exclude(state=State.SPLIT.value)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    notices = dict(
        Fee.objects.filter(case__unit_id__in=ids, sent_on__year=year)
        .values_list("case__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    collected = dict(
        Fee.objects.filter(case__unit_id__in=ids, paid_on__year=year)
        .values_list("case__unit_id")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    published = dict(
        Entry.objects.filter(unit_id__in=ids, published_on__year=year)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out = {}
    for unit in units:
        cells = {a: Cell.of(n) for a, n in t2[unit.pk].items()}
        cells.update({a: Cell.of(n) for a, n in (t3[unit.pk] | t4[unit.pk]).items()})
        figures = DraftFigures(
            entries_published=published.get(unit.pk, 0),
            late_replies=late.get(unit.pk, 0),
            fee_notices=notices.get(unit.pk, 0),
            fees_collected=collected.get(unit.pk) or Decimal(0),
        )
        out[unit.pk] = assemble_report(unit=unit, year=year, cells=cells, annual=annuals.get(unit.pk), figures=figures)
    return out


def _latest_versions(report_ids: list[int]) -> dict[int, ReportVersion]:
    latest: dict[int, ReportVersion] = {}
    # the whole report (``content``) is not read here: the stored cells and counts are enough
    versions = ReportVersion.objects.filter(report_id__in=report_ids).defer("content", "acknowledged")
    for version in versions.order_by("report_id", "number"):
        latest[version.report_id] = version
    return latest


def _case_counts(ids: list[int], today: dt.date, calendar: WorkCalendar) -> dict[int, dict[str, int]]:
    limit = due_soon_limit(today, calendar)
    rows = (
        open_cases(ids)
        .values("unit_id")
        .annotate(
            open=Count("pk"),
            due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=limit)),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
        .order_by()
    )
    return {row["unit_id"]: row for row in rows}


def county_view(*, unit: Unit, year: int, today: dt.date, calendar: WorkCalendar) -> CountyView:
    """Every unit below ``unit`` with its report status, checks and key figures, and their summary tables.

    A frozen (submitted, published or imported) report is read from the cell
    values and check counts stored with its version; only reports still being
    drafted are built and checked here, all of them from a few grouped queries.
    """
    units = list(Unit.objects.filter(pk__in=unit.descendant_ids()).order_by("name"))
    ids = [u.pk for u in units]
    annuals = {a.unit_id: a for a in AnnualReport.objects.filter(unit_id__in=ids, year=year)}
    versions = _latest_versions([a.pk for a in annuals.values()])
    frozen = {
        uid: versions[a.pk]
        for uid, a in annuals.items()
        if a.pk in versions and (a.state != ReportState.DRAFT or a.imported)
    }
    drafting = [u for u in units if u.pk not in frozen]
    live = _live_reports(drafting, year, annuals)
    previous_annuals = AnnualReport.objects.filter(unit_id__in=[u.pk for u in drafting], year=year - 1)
    previous_versions = _latest_versions([a.pk for a in previous_annuals])
    previous_of = {a.unit_id: previous_versions[a.pk] for a in previous_annuals if a.pk in previous_versions}
    counts = _case_counts(ids, today, calendar)
    late_publications = late_publication_counts(unit_ids=ids, year=year, calendar=calendar)
    rows = []
    for u in units:
        annual = annuals.get(u.pk)
        version = frozen.get(u.pk)
        if version is not None:
            report = version_cells_report(version)
            errors, warnings = version.errors, version.warnings
        else:
            report = live[u.pk]
            previous_version = previous_of.get(u.pk)
            previous = version_cells_report(previous_version) if previous_version is not None else None
            untouched = [k for k in DRAFTED_SECTIONS if annual is None or k not in annual.sections]
            findings = run_checks(report, previous, untouched)
            errors, warnings = len(findings.errors), len(findings.warnings)
        due = due_date(year, u.report_due_month, u.report_due_day)
        published_on = annual.first_published_on if annual else None
        late = is_late(due, published_on, today)
        if annual is not None and annual.state == ReportState.PUBLISHED:
            status = PUBLISHED
        elif late:
            status = LATE
        elif annual is None:
            status = NOT_STARTED
        elif annual.state == ReportState.DRAFT:
            status = DRAFT
        else:
            status = SUBMITTED
        count = counts.get(u.pk, {})
        rows.append(
            UnitRow(
                unit=u,
                status=status,
                published_on=published_on,
                published_late=bool(published_on and late),
                errors=errors,
                warnings=warnings,
                figures=[(label, report.cell(a).value) for a, label in KEY_FIGURES],
                open_cases=count.get("open", 0),
                due_soon=count.get("due_soon", 0),
                overdue=count.get("overdue", 0),
                late_publications=late_publications.get(u.pk, 0),
                report=report,
            )
        )
    summary = Report(
        unit=unit.name,
        year=year,
        title=f"{unit.name}{year}年政府信息公开工作年度报告（下级单位汇总）",
        cells=sum_cells(row.report for row in rows),
        source_type="aggregate",
    )
    summary.sections = {key: Section(key, heading, "") for key, heading in SECTIONS}
    summary_results = [r for r in check(summary) if r.rule in TABLE_RULES]
    return CountyView(rows=rows, summary=summary, summary_results=summary_results)


def overdue_cases(unit_ids: list[int], today: dt.date, limit: int = 200) -> list[Case]:
    """Open applications past their statutory due date across the units, most overdue first."""
    return list(
        open_cases(unit_ids).filter(due_date__lt=today).select_related("unit").order_by("due_date", "pk")[:limit]
    )


def year_series(unit_ids: list[int], years: list[int]) -> dict[int, dict[str, int]]:
    """County totals per year from the cases: every cell of tables 三 and 四 summed over the units."""
    return {year: {**table3_cells(unit_ids, year), **table4_cells(unit_ids, year)} for year in years}
