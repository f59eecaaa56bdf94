"""Browser journey: a citizen applies online to a township and then follows the case through the tracking link."""

from __future__ import annotations

import pytest

from tests.browser.steps import fill_application, submit_application
from tests.factories import UnitFactory
from xxgk.apps.cases.models import Case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded calendar
]


def test_a_citizen_applies_online_and_tracks_the_case(live_server, page, portal_settings) -> None:
    UnitFactory(name="示例县人民政府", kind="人民政府")
    unit = UnitFactory(name="勍香镇人民政府", kind="人民政府", office_phone="0755-12345678")
    base = live_server.url

    page.goto(f"{base}/apply/")
    row = page.locator(f"tr[data-unit='{unit.pk}']")
    assert "0755-12345678" in row.inner_text()
    with page.expect_navigation():
        row.locator("text=在线申请").click()

    fill_application(page)
    page.fill("#id_items-0-document_number", "勍政发〔2025〕3号")
    page.fill("#id_items-1-description", "和平街道路改造工程招标文件")
    assert page.locator("#captcha-image").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#id_website").bounding_box()["x"] < 0  # the honeypot is out of sight
    submit_application(page, base, portal_settings.lower())  # the answer is not case-sensitive

    case = Case.objects.get()
    assert page.locator("#receipt-number").inner_text() == case.number
    link = page.locator("#tracking-link").get_attribute("href")
    assert link.endswith(f"/apply/track/{case.tracking_token}/")

    page.goto(link)
    assert page.locator("#track-unit").inner_text() == "勍香镇人民政府"
    assert page.locator("#track-number").inner_text() == case.number
    assert "已收到申请" in page.locator("#track-state").inner_text()
    assert "以双方确认收到之日为准" in page.locator("#track-receipt").inner_text()
    assert page.locator("#track-due").is_visible()
    items = page.locator("#track-items li").all_inner_texts()
    assert items == ["2025年勍香镇财政预算执行情况（文号：勍政发〔2025〕3号）", "和平街道路改造工程招标文件"]
    assert "李四" not in page.content() and "11010519491231002X" not in page.content()
