"""The supervisor's county view (县政务公开办): report status of every subordinate unit, summary tables, charts, XLSX.

Read-only: a supervisor of a people's government (or a system admin) sees the
units below it; nothing here writes.
"""

from __future__ import annotations

import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from xxgk.apps.reports import clock
from xxgk.apps.reports.charts_years import year_chart_svg
from xxgk.apps.reports.county import KEY_FIGURES, STATUS_LABELS, CountyView, county_view, overdue_cases, year_series
from xxgk.apps.reports.views import _check_year, _rule_groups
from xxgk.apps.units.access import unit_access
from xxgk.apps.units.models import Unit
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.report.layout import cell_addresses
from xxgk.core.report.rules import ERROR, FAIL
from xxgk.core.spreadsheet import neutralise_cell
from xxgk.documents.write_grid import report_tables
from xxgk.documents.write_html import table_html

__all__ = ["county_chart", "county_export", "county_view_page"]

CHART_YEARS = 5
# the year-over-year charts: name → title; each is its own SVG image so the page answers without them
CHARTS = {
    "received": "历年新收政府信息公开申请（件）",
    "outcomes": "历年办理结果构成（件）",
    "disputes": "历年行政复议、行政诉讼（件）",
}
# the outcome groups of the year chart: (label, the table 三 outcome rows summed)
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", ("withheld_",)),
    ("无法提供", ("unavailable_",)),
    ("不予处理", ("not_processed_",)),
    ("其他处理", ("other_",)),
)


def _view(unit: Unit, year: int) -> CountyView:
    return county_view(unit=unit, year=year, today=clock.today(), calendar=load_calendar())


def _outcome(cells: dict[str, int], prefixes: tuple[str, ...]) -> int:
    return sum(
        n
        for address, n in cells.items()
        if address.startswith("t3.") and address.endswith(".total") and address.split(".")[1].startswith(prefixes)
    )


def _chart(name: str, ids: list[int], year: int) -> str:
    years = list(range(year - CHART_YEARS + 1, year + 1))
    data = year_series(ids, years)
    if name == "received":
        series = [("新收申请", [data[y]["t3.new_received.total"] for y in years])]
    elif name == "outcomes":
        series = [(label, [_outcome(data[y], rows) for y in years]) for label, rows in OUTCOME_GROUPS]
    else:
        suits = [data[y]["t4.litigation_direct.total"] + data[y]["t4.litigation_after_review.total"] for y in years]
        series = [("行政复议", [data[y]["t4.review.total"] for y in years]), ("行政诉讼", suits)]
    return year_chart_svg(chart_id=name, title=CHARTS[name], years=years, series=series)


@unit_access()
def county_chart(request: HttpRequest, unit: Unit, year: int, name: str) -> HttpResponse:
    """One year-over-year chart of the county view as an SVG image (the page shows it with ``<img>``)."""
    _check_year(year)
    if name not in CHARTS:
        raise Http404("没有这个图表。")
    ids = sorted(unit.descendant_ids())
    return HttpResponse(_chart(name, ids, year), content_type="image/svg+xml; charset=utf-8")


@unit_access()
def county_view_page(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """Every subordinate unit's report status, errors and warnings, key figures and case counts; the summary."""
    _check_year(year)
    view = _view(unit, year)
    ids = [row.unit.pk for row in view.rows]
    tables = report_tables(view.summary)
    summary_results = view.summary_results
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "rows": view.rows,
        "status_counts": {
            label: sum(1 for row in view.rows if row.status == key) for key, label in STATUS_LABELS.items()
        },
        # table_html and year_chart_svg escape every text they print, so their markup is safe to insert
        "tables": [mark_safe(table_html(tables[k])) for k in ("table2", "table3", "table4") if k in tables],
        "summary_rules": _rule_groups(summary_results),
        "summary_errors": sum(1 for r in summary_results if r.status == FAIL and r.severity == ERROR),
        "overdue": overdue_cases(ids, clock.today()),
        "charts": [
            (reverse("reports:county_chart", kwargs={"unit_id": unit.pk, "year": year, "name": n}), title)
            for n, title in CHARTS.items()
        ],
        "export_url": reverse("reports:county_export", kwargs={"unit_id": unit.pk, "year": year}),
    }
    return render(request, "reports/county.html", context)


@unit_access()
def county_export(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """The county view as an XLSX workbook: the unit list, the summary cells, the overdue applications."""
    _check_year(year)
    view = _view(unit, year)
    book = Workbook()
    sheet = book.active
    sheet.title = "各单位"
    head = ["单位", "年报状态", "公布日期", "错误", "警告", *(label for _, label in KEY_FIGURES)]
    head += ["办理中申请", "3个工作日内到期", "已逾期", "主动公开逾期发布"]
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in view.rows:
        sheet.append(
            [neutralise_cell(row.unit.name), row.status_label, row.published_on, row.errors, row.warnings]
            + [_number(value) for _, value in row.figures]
            + [row.open_cases, row.due_soon, row.overdue, row.late_publications]
        )
    cells = book.create_sheet("汇总表")
    cells.append(["单元格", "数值"])
    for address in cell_addresses():
        cells.append([address, _number(view.summary.cell(address).value)])
    late = book.create_sheet("逾期申请")
    late.append(["单位", "编号", "收到日期", "答复期限"])
    for case in overdue_cases([row.unit.pk for row in view.rows], clock.today(), limit=10_000):
        late.append([neutralise_cell(case.unit.name), neutralise_cell(case.number), case.receipt_date, case.due_date])
    out = io.BytesIO()
    book.save(out)
    filename = f"{unit.name}{year}年度报告汇总.xlsx"
    return HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _number(value: str) -> int | float | str:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value
