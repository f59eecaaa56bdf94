"""Journey (issue 8 acceptance): draft from the data → TEXT-NUMBERS blocks → fixed → submitted and frozen →
approved → published on the public 年报 column → the county view shows it published and another unit late."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.apps.reports.ledger_data import import_rows
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.reports import clock
from xxgk.core.calendar.seed import chinesecalendar_calendar
from xxgk.core.units import UnitKind

TODAY = dt.date(2026, 1, 20)


@pytest.fixture
def county_people(transactional_db, monkeypatch):
    """A county with a town (its 2025 cases imported) and a street office; the town's staff and a supervisor."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    county = UnitFactory(name="示例县人民政府", kind=UnitKind.GOVERNMENT.value)
    town = UnitFactory(name="勍香镇人民政府", kind=UnitKind.GOVERNMENT.value, parent=county)
    other = UnitFactory(name="城关街道办事处", parent=county)
    import_rows(town, chinesecalendar_calendar())
    for username, unit, role, supervisor in (
        ("qx_handler", town, "handler", False),
        ("qx_reviewer", town, "reviewer", False),
        ("xian_ducha", county, "unit_admin", True),
    ):
        MembershipFactory(user=UserFactory(username=username), unit=unit, role=role, is_supervisor=supervisor)
    return county, town, other


def _messages(page) -> str:
    return " ".join(page.locator(".messages").all_inner_texts())


def _submit(page, acknowledge_all: bool = True) -> None:
    if acknowledge_all:
        for box in page.locator("#submit-form input[name=acknowledge]").all():
            box.check()
    with page.expect_navigation():
        page.click("#submit-form button[data-action=submit]")


def test_a_town_drafts_checks_submits_and_publishes_its_report(page, live_server, login, county_people, monkeypatch):
    county, town, other = county_people
    base = live_server.url
    login(page, live_server, "qx_handler", PASSWORD)
    page.goto(f"{base}/reports/{town.pk}/2025/")
    received = page.inner_text('td[data-address="t3.new_received.total"]').strip()
    assert received == "7"
    overview = page.input_value("#section-overview")
    assert f"新收政府信息公开申请{received}件" in overview

    # an edit that contradicts the table blocks submission, naming the sentence and the cell
    page.fill("#section-overview", overview.replace(f"新收政府信息公开申请{received}件", "新收政府信息公开申请9件"))
    with page.expect_navigation():
        page.click(".report-edit button[type=submit]")
    assert "已保存" in _messages(page)
    _submit(page)
    shown = _messages(page)
    assert "不能提交" in shown and "TEXT-NUMBERS" in shown
    assert "新收政府信息公开申请9件" in shown and "一、本年新收政府信息公开申请数量" in shown
    assert page.inner_text("#report-state").startswith("起草中")

    # fixed → submitted (warnings acknowledged)
    page.fill("#section-overview", page.input_value("#section-overview").replace("申请9件", f"申请{received}件"))
    with page.expect_navigation():
        page.click(".report-edit button[type=submit]")
    _submit(page)
    assert "数字已冻结" in _messages(page)
    assert page.inner_text("#report-state").startswith("已提交")

    # a case entered afterwards does not change the submitted report; the workspace says what changed
    Case.objects.create(
        unit=town,
        number="2025-0100",
        receipt_date=dt.date(2025, 12, 30),
        applicant_type="natural_person",
        applicant_name="吴九",
        channel="online",
    )
    page.reload()
    assert page.inner_text('td[data-address="t3.new_received.total"]').strip() == received
    changes = page.inner_text("#changes")
    assert "一、本年新收政府信息公开申请数量" in changes and "现为 8" in changes

    # the reviewer approves and publishes
    reviewer = page.context.browser.new_context(locale="zh-CN").new_page()
    login(reviewer, live_server, "qx_reviewer", PASSWORD)
    reviewer.goto(f"{base}/reports/{town.pk}/2025/")
    for action in ("approve", "publish"):
        with reviewer.expect_navigation():
            reviewer.click(f"button[data-action={action}]")
    assert "公布" in _messages(reviewer)
    assert reviewer.inner_text("#report-state").startswith("已公布")

    # the public 年报 column shows it, with the publication date and the frozen number
    public = page.context.browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/gk/{town.pk}/nianbao/")
    public.click(".nianbao-item a")
    assert public.inner_text("#published-on") == "2026年1月20日"
    assert f"新收政府信息公开申请{received}件" in public.inner_text("#overview")

    # the county view: the town published, the street office late (after 31 January)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 2, 10))
    supervisor = page.context.browser.new_context(locale="zh-CN").new_page()
    login(supervisor, live_server, "xian_ducha", PASSWORD)
    supervisor.goto(f"{base}/reports/county/{county.pk}/2025/")
    rows = {
        row.get_attribute("data-unit"): row.get_attribute("data-status")
        for row in supervisor.locator("tr.county-unit").all()
    }
    assert rows == {str(town.pk): "published", str(other.pk): "late"}
    assert re.search(r"逾期未公布", supervisor.inner_text(f'tr[data-unit="{other.pk}"]'))
