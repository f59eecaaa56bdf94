"""The report pages: who sees which unit, tables and rule results on the page, drill-down, downloads."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.apps.reports.ledger_data import EXPECTED_2025, import_rows

pytestmark = pytest.mark.django_db


def _url(unit, year=2025, name="report", **kwargs):
    return reverse(f"reports:{name}", kwargs={"unit_id": unit.pk, "year": year, **kwargs})


def _cell(html: str, address: str) -> str:
    match = re.search(rf'data-address="{re.escape(address)}"[^>]*>(?:<a href="[^"]*">)?([^<]*)<', html)
    assert match, address
    return match.group(1)


@pytest.mark.parametrize(
    ("who", "status"), [("reviewer", 200), ("handler", 200), ("supervisor", 200), ("stranger", 403)]
)
def test_who_may_see_the_report(unit, client_for, who, status):
    assert client_for(who).get(_url(unit)).status_code == status
    assert client_for(who).get(_url(unit, name="cell", address="t3.granted.total")).status_code == status
    assert client_for(who).get(_url(unit, name="download", fmt="json")).status_code == status


def test_anonymous_users_are_sent_to_login(unit, client):
    response = client.get(_url(unit))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_shows_table3_from_the_cases_and_every_rule_passing(unit, calendar, client_for):
    import_rows(unit, calendar)
    html = client_for("reviewer").get(_url(unit)).content.decode()
    for address, number in EXPECTED_2025.items():
        assert _cell(html, address) == str(number), address
    statuses = re.findall(r'data-rule="([^"]+)" data-status="([^"]+)"', html)
    assert statuses and {rule for rule, _ in statuses} >= {"T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS", "T4-GROUP"}
    # only the workspace's own warning fails: sections 一/五/六 are still the untouched generated drafts
    assert all(status in ("pass", "not_assessable") for rule, status in statuses if rule != "SECTION-DRAFT"), statuses
    assert ("SECTION-DRAFT", "fail") in statuses
    assert "rule--error" not in html and "没有错误" in html
    assert 'class="chart"' in html and "<script" not in html.split("</header>")[1]


def test_a_failing_rule_is_shown_as_an_error(unit, calendar, client_for, monkeypatch):
    from xxgk.apps.reports import views
    from xxgk.core.report.model import Cell

    real = views.live_report

    def broken(unit, year, annual=None):
        report = real(unit, year, annual)
        report.cells["t3.granted.natural_person"] = Cell.of(99)
        return report

    monkeypatch.setattr(views, "live_report", broken)
    html = client_for("reviewer").get(_url(unit)).content.decode()
    assert "rule--error" in html and "有 " in html and "项错误" in html
    assert re.search(r'data-rule="T3-OUTCOMES" data-status="fail"', html)


def test_cells_link_to_the_cases_they_count_with_names_masked(unit, calendar, client_for):
    import_rows(unit, calendar)
    page = client_for("reviewer").get(_url(unit)).content.decode()
    link = _url(unit, name="cell", address="t3.granted.natural_person")
    assert f'href="{link}"' in page
    html = client_for("reviewer").get(link).content.decode()
    assert "2024-0009" in html and "2025-0001" in html and "2025-0002" in html and "2025-0003" not in html
    assert "张*" in html and "张三" not in html and "李四" not in html


@pytest.mark.parametrize("address", ["t3.granted", "t9.x.y", "t3.granted.nobody"])
def test_an_unknown_cell_is_404(unit, client_for, address):
    assert client_for("reviewer").get(_url(unit, name="cell", address=address)).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "media", "magic"), [("pdf", "application/pdf", b"%PDF"), ("docx", "wordprocessingml", b"PK")]
)
def test_binary_downloads(unit, calendar, client_for, fmt, media, magic):
    import_rows(unit, calendar)
    response = client_for("reviewer").get(_url(unit, name="download", fmt=fmt))
    assert response.status_code == 200 and media in response["Content-Type"]
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]


def test_json_and_cells_downloads_carry_the_numbers(unit, calendar, client_for):
    import_rows(unit, calendar)
    data = json.loads(client_for("reviewer").get(_url(unit, name="download", fmt="json")).content)
    assert data["cells"]["t3.new_received.total"]["value"] == "7"
    cells = client_for("reviewer").get(_url(unit, name="download", fmt="cells")).content.decode()
    assert "t3.granted.natural_person,3" in cells.splitlines()


@pytest.mark.parametrize(("fmt", "year"), [("exe", 2025), ("pdf", 1900)])
def test_bad_format_or_year_is_404(unit, client_for, fmt, year):
    assert client_for("reviewer").get(_url(unit, year=year, name="download", fmt=fmt)).status_code == 404


def test_a_supervisor_sees_the_subordinates_listed_read_only(unit, county, client_for):
    html = client_for("supervisor").get(_url(county)).content.decode()
    assert _url(unit) in html
    assert "只读" in client_for("supervisor").get(_url(unit)).content.decode()
    assert "只读" not in client_for("reviewer").get(_url(unit)).content.decode().split("</header>")[1]


def test_the_index_goes_to_the_current_unit_and_chosen_year(unit, client_for):
    response = client_for("reviewer").get(reverse("reports:index") + "?year=2024")
    assert response.status_code == 302 and response["Location"] == _url(unit, year=2024)
