"""Browser journey: a system administrator enters a new year's schedule through the form.

Uses its own browser and login fixtures (tests/browser/conftest.py was not there
when this was written); the fixture names do not clash with shared ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]  # keep the seeded calendar

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def calendar_page(browser) -> Iterator:
    """A fresh page of the session's chromium (tests/browser/conftest.py).

    A second sync_playwright() beside the session's one is refused by
    Playwright, so this file must not start its own.
    """
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()


def test_an_administrator_enters_2027_and_the_provisional_mark_goes(live_server, calendar_page) -> None:
    page, base = calendar_page, live_server.url
    UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
    sign_in(page, base, "sysadmin")

    page.goto(f"{base}/calendar/2027/")
    assert page.locator("#provisional-mark").is_visible()
    assert "暂定（未录入国务院放假安排）" in page.locator("#provisional-mark").inner_text()

    page.click("text=录入本年放假安排")
    page.fill("input[name=notice_number]", "国办发明电〔2026〕7号")
    page.fill("input[name='h-1-start']", "2027-02-05")  # 春节 row: extend the statutory days by 调休
    page.fill("input[name='h-1-end']", "2027-02-13")
    page.fill("textarea[name=workdays]", "2027-02-20")
    page.click("#schedule-form button[type=submit]")
    page.wait_for_url(f"{base}/calendar/2027/")

    assert page.locator("#provisional-mark").count() == 0
    assert "国办发明电〔2026〕7号" in page.locator("#schedule-source").inner_text()
    assert page.get_attribute("td[data-date='2027-02-12']", "data-kind") == "holiday"
    assert page.get_attribute("td[data-date='2027-02-20']", "data-kind") == "makeup"
    assert page.get_attribute("td[data-date='2027-02-19']", "data-kind") == "workday"
