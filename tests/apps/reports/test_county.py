"""The supervisor's county view: statuses (published, late…), checks, figures, case counts, summary, charts, XLSX."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.apps.reports.ledger_data import import_rows
from tests.factories import UnitFactory
from xxgk.apps.reports import clock
from xxgk.apps.reports.county import county_view
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.reports.selectors import exported_cells, live_report
from xxgk.core.report.layout import cell_addresses
from xxgk.documents.json_format import report_to_json

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 2, 10)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def second(county):
    return UnitFactory(name="青石镇人民政府", kind="人民政府", parent=county)


def _publish(unit, on):
    annual = AnnualReport.objects.create(unit=unit, year=2025, state="published", first_published_on=on)
    report = live_report(unit, 2025)
    ReportVersion.objects.create(
        report=annual,
        number=1,
        content=report_to_json(report),
        cells=exported_cells(report),
        submitted_at="2026-01-05T09:00Z",
        published_on=on,
    )


def _url(county, name="county"):
    return reverse(f"reports:{name}", kwargs={"unit_id": county.pk, "year": 2025})


def test_the_supervisor_sees_published_and_late_units(unit, second, county, calendar, client_for):
    import_rows(unit, calendar)
    _publish(unit, dt.date(2026, 1, 25))
    html = client_for("supervisor").get(_url(county)).content.decode()
    statuses = dict(re.findall(r'data-unit="(\d+)" data-status="(\w+)"', html))
    assert statuses == {str(unit.pk): "published", str(second.pk): "late"}
    assert "逾期未公布" in html and "已公布" in html and "2026年1月25日" in html


def test_a_late_publication_and_the_other_states_are_told_apart(unit, second, county, calendar):
    _publish(unit, dt.date(2026, 2, 3))
    AnnualReport.objects.create(unit=second, year=2025, state="draft")
    view = county_view(unit=county, year=2025, today=dt.date(2026, 1, 10), calendar=calendar)
    rows = {row.unit.pk: row for row in view.rows}
    assert rows[second.pk].status == "draft"
    view = county_view(unit=county, year=2025, today=TODAY, calendar=calendar)
    rows = {row.unit.pk: row for row in view.rows}
    assert rows[unit.pk].status == "published" and rows[unit.pk].published_late
    assert rows[unit.pk].status_label == "已公布（逾期公布）"
    assert rows[second.pk].status == "late"


def test_case_counts_and_the_county_wide_overdue_list(unit, second, county, calendar, client_for):
    import_rows(unit, calendar)
    view = county_view(unit=county, year=2025, today=TODAY, calendar=calendar)
    row = next(r for r in view.rows if r.unit == unit)
    assert row.open_cases == 1 and row.overdue == 1  # 2025-0007, received 29 December, due in January
    html = client_for("supervisor").get(_url(county)).content.decode()
    assert "2025-0007" in html.split('id="overdue"')[1]
    assert 'name="next" value="/cases/?list=overdue"' in html


def test_the_summary_tables_are_the_sums_of_the_units_and_pass_the_rules(unit, second, county, calendar):
    import_rows(unit, calendar)
    view = county_view(unit=county, year=2025, today=TODAY, calendar=calendar)
    one, two = live_report(unit, 2025), live_report(second, 2025)
    for address in cell_addresses():
        assert view.summary.number(address) == one.number(address) + two.number(address), address
    assert view.summary.cell("t3.new_received.total").value == "7"
    assert not [r for r in view.summary_results if r.status == "fail"]


def test_each_unit_shows_its_errors_and_warnings(unit, second, county, calendar):
    import_rows(unit, calendar)
    view = county_view(unit=county, year=2025, today=TODAY, calendar=calendar)
    row = next(r for r in view.rows if r.unit == unit)
    assert row.errors == 0 and row.warnings == 3  # the three untouched drafts
    assert ("新收申请", "7") in row.figures


def test_the_charts_are_patterned_svg_with_printed_values(unit, second, county, calendar, client_for):
    import_rows(unit, calendar)
    client = client_for("supervisor")
    html = client.get(_url(county)).content.decode()
    sources = re.findall(r'<img class="chart chart--years" src="([^"]+)" alt="([^"]+)"', html.split('id="charts"')[1])
    assert [alt for _, alt in sources] == [
        "历年新收政府信息公开申请（件）",
        "历年办理结果构成（件）",
        "历年行政复议、行政诉讼（件）",
    ]
    charts = {src.rsplit("/", 1)[1]: client.get(src) for src, _ in sources}
    assert all(r["Content-Type"].startswith("image/svg+xml") for r in charts.values())
    received = charts["received.svg"].content.decode()
    assert 'data-year="2025" data-series="新收申请" data-value="7"' in received
    outcomes = charts["outcomes.svg"].content.decode()
    assert "<pattern" in outcomes and 'fill="url(#outcomes-diag)"' in outcomes and "<script" not in outcomes
    assert client.get(_url(county).rstrip("/") + "/chart/nothing.svg").status_code == 404


def test_the_xlsx_export_lists_every_unit_and_the_summary(unit, second, county, calendar, client_for):
    import_rows(unit, calendar)
    _publish(unit, dt.date(2026, 1, 25))
    response = client_for("supervisor").get(_url(county, "county_export"))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["各单位"].iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "年报状态", "公布日期")
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["勍香镇人民政府"][1] == "已公布" and by_name["青石镇人民政府"][1] == "逾期未公布"
    cells = dict(book["汇总表"].iter_rows(min_row=2, values_only=True))
    assert cells["t3.new_received.total"] == 7
    assert [r[1] for r in book["逾期申请"].iter_rows(min_row=2, values_only=True)] == ["2025-0007"]


@pytest.mark.parametrize("who", ["reviewer", "stranger"])
def test_only_a_supervisor_sees_the_county_view(county, who, client_for):
    assert client_for(who).get(_url(county)).status_code == 403
    assert client_for(who).get(_url(county, "county_export")).status_code == 403
