"""Browser journey: a letter application from registration to an approved 部分公开 reply (applications.md §2–§6).

Registrar, handler and reviewer each use their own browser context (own
session), as three people at three desks would.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded calendar
]


def desk(browser, live_server, login, username: str):
    """A signed-in page of its own browser context (own session)."""
    page = browser.new_context(locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    login(page, live_server, username, PASSWORD)
    return page


def take(page, url: str, action: str, fill: dict[str, str] | None = None, select: dict[str, str] | None = None):
    """Open the case, click the action button, fill its form (loaded by htmx) and submit it."""
    page.goto(url)
    page.click(f"a[data-action={action}]")
    page.wait_for_selector(f"#action-form[data-action={action}]")
    for name, value in (select or {}).items():
        page.select_option(f"#action-form [name='{name}']", value)
    for name, value in (fill or {}).items():
        page.fill(f"#action-form [name='{name}']", value)
    page.click("#action-form button[type=submit]")
    page.wait_for_selector(".message")  # back on the case page with the success message


def state(page) -> str:
    return page.locator("#case-state").inner_text()


def test_a_letter_application_goes_from_registration_to_a_partial_disclosure(live_server, browser, login) -> None:
    unit = UnitFactory(name="勍香镇人民政府")
    for role in ("registrar", "handler", "reviewer"):
        # hash here: the factory's cached hash may come from another test module's faster hasher
        MembershipFactory(user=UserFactory(username=role, password=PASSWORD), unit=unit, role=role)
    base = live_server.url
    later = (timezone.localdate() + dt.timedelta(days=10)).isoformat()

    registrar = desk(browser, live_server, login, "registrar")
    registrar.goto(f"{base}/cases/register/")
    assert "以本机关签收之日为收到申请之日" in registrar.locator("#receipt-rules").inner_text()
    registrar.select_option("select[name=channel]", "letter_signed")
    registrar.fill("input[name=receipt_evidence]", "EMS签收单 1234567890")
    registrar.fill("input[name=applicant_name]", "李四")
    registrar.fill("input[name=identity_number]", "110101199001011234")
    registrar.fill("input[name=phone]", "13800001234")
    registrar.fill("textarea[name=items]", "2025年财政预算执行情况\n某公司投标文件")
    registrar.click("#register-form button[type=submit]")
    registrar.wait_for_url(re.compile(r"/cases/\d+/$"))
    url = registrar.url
    assert state(registrar) == "已登记"
    assert "110101199001011234" not in registrar.content()

    handler = desk(browser, live_server, login, "handler")
    take(handler, url, "request_supplement", {"what_to_add": "请写明投标文件的项目名称", "supplement_by": later})
    assert state(handler) == "待补正"
    assert "暂停计算" in handler.locator("#deadline").inner_text()

    take(registrar, url, "receive_supplement")
    assert state(registrar) == "办理中"

    take(handler, url, "send_consultation", {"party": "某建设有限公司"})
    assert state(handler) == "征求意见中"
    take(handler, url, "receive_consultation", select={"answer": "objection"})
    assert state(handler) == "办理中"
    take(handler, url, "request_extension", {"working_days": "20", "reason": "需征求第三方意见，内容较多"})
    assert state(handler) == "延期待批"
    due_before = handler.locator("#due-date").inner_text()

    reviewer = desk(browser, live_server, login, "reviewer")
    reviewer.goto(url)
    assert reviewer.locator("a[data-action=draft_reply]").count() == 0  # not the reviewer's action
    take(reviewer, url, "approve_extension")
    assert state(reviewer) == "办理中"
    assert reviewer.locator("#due-date").inner_text() != due_before
    assert "延长答复期限20个工作日" in reviewer.locator("#deadline-steps").inner_text()

    handler.goto(url)
    handler.click("a[data-action=draft_reply]")
    handler.wait_for_selector("#action-form[data-action=draft_reply]")
    handler.select_option("#action-form [name=outcome]", "partially_granted")
    decisions = handler.locator("#action-form select[name^=decision_]")
    decisions.nth(0).select_option("granted")
    decisions.nth(1).select_option("withheld_third_party")
    handler.locator("#action-form input[name^=reason_]").nth(1).fill("涉及商业秘密，第三方不同意公开（条例第三十二条）")
    handler.click("#action-form button[type=submit]")
    handler.wait_for_selector(".message")
    assert state(handler) == "答复待审核"

    take(reviewer, url, "approve_reply")
    assert state(reviewer) == "已办结"
    assert "部分公开" in reviewer.locator("#case-outcome").inner_text()
    items = reviewer.locator("#items").inner_text()
    assert "涉及商业秘密" in items
    reviewer.click("#show-identity")
    reviewer.wait_for_selector("text=已记录查看")
    assert "110101199001011234" in reviewer.locator("#identity-number").inner_text()
