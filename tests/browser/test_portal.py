"""Browser journey: a citizen applies online to a township and then follows the case through the tracking link."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.factories import UnitFactory
from xxgk.apps.cases.models import Case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded calendar
]

ANSWER = "H4TQ7"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_a_citizen_applies_online_and_tracks_the_case(live_server, page, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.XXGK_CAPTCHA_TEST_ANSWER = ANSWER  # test-only hook; refused in production (portal.E001)
    settings.PRODUCTION = False
    UnitFactory(name="示例县人民政府", kind="人民政府")
    unit = UnitFactory(name="勍香镇人民政府", kind="人民政府", office_phone="0755-12345678")
    base = live_server.url

    page.goto(f"{base}/apply/")
    row = page.locator(f"tr[data-unit='{unit.pk}']")
    assert "0755-12345678" in row.inner_text()
    with page.expect_navigation():
        row.locator("text=在线申请").click()

    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("#id_name", "李四")
    page.select_option("#id_identity_type", "居民身份证")
    page.fill("#id_identity_number", "11010519491231002X")
    page.fill("#id_address", "示例县勍香镇和平街8号")
    page.fill("#id_phone", "13800000000")
    page.fill("#id_email", "lisi@example.cn")
    page.fill("#id_items-0-description", "2025年勍香镇财政预算执行情况")
    page.fill("#id_items-0-document_number", "勍政发〔2025〕3号")
    page.fill("#id_items-1-description", "和平街道路改造工程招标文件")
    page.check("input[name=requested_form][value=电子]")
    page.check("input[name=requested_channel][value=电子邮件]")
    page.set_input_files("#id_identity_file", {"name": "身份证.png", "mimeType": "image/png", "buffer": _png()})
    page.check("#id_declaration")
    assert page.locator("#captcha-image").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#id_website").bounding_box()["x"] < 0  # the honeypot is out of sight
    page.fill("#id_captcha", ANSWER.lower())
    with page.expect_navigation():
        page.click("#application-form button[type=submit]")

    assert page.url == f"{base}/apply/done/"
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
