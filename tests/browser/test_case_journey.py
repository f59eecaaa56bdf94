"""Browser journey: a letter application from registration to an approved 部分公开 reply (applications.md §2–§6).

Registrar, handler and reviewer each use their own browser context (own
session), as three people at three desks would.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.steps import desk, draft_partial_reply, register_letter, state, take
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded calendar
]


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
    url = register_letter(
        registrar,
        {"channel": "letter_signed"},
        {
            "receipt_evidence": "EMS签收单 1234567890",
            "applicant_name": "李四",
            "identity_number": "110101199001011234",
            "phone": "13800001234",
            "items": "2025年财政预算执行情况\n某公司投标文件",
        },
    )
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

    draft_partial_reply(handler, url, "涉及商业秘密，第三方不同意公开（条例第三十二条）")
    assert state(handler) == "答复待审核"

    take(reviewer, url, "approve_reply")
    assert state(reviewer) == "已办结"
    assert "部分公开" in reviewer.locator("#case-outcome").inner_text()
    items = reviewer.locator("#items").inner_text()
    assert "涉及商业秘密" in items
    reviewer.click("#show-identity")
    reviewer.wait_for_selector("text=已记录查看")
    assert "110101199001011234" in reviewer.locator("#identity-number").inner_text()
