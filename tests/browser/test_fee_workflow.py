"""Browser: the 信息处理费 workflow (国办函〔2020〕109号; applications.md §4–§5).

逾期未缴费 is refused before the payment limit, with its date, and accepted
after it; the fee form counts the applicant's applications of the month from
every channel and the ledger, lists them, and computes the fee before saving.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import desk, state
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory
from tests.ledger_rows import ledger_row
from xxgk.apps.cases.ledger import case_import_ledger, read_ledger_bytes, validate_ledger
from xxgk.apps.cases.models import Case, Fee
from xxgk.apps.cases.services import case_register, case_transition
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.cases.ledger import HEADERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded calendar
]
D = dt.date


def _town():
    unit = UnitFactory(name="勍香镇人民政府", short_name="勍香镇")
    people = {}
    for role in ("registrar", "handler", "reviewer"):
        people[role] = UserFactory(username=role, password=PASSWORD)
        MembershipFactory(user=people[role], unit=unit, role=role)
    return unit, people


def _case(unit, people, received: dt.date, **fields) -> Case:
    case = case_register(
        actor=people["registrar"],
        unit=unit,
        channel=fields.pop("channel", "online"),
        receipt_date=received,
        applicant_type="natural_person",
        items=["2025年财政预算执行情况"],
        **fields,
    )
    return case_transition(actor=people["registrar"], case=case, version=case.version, action="accept", on=received)


def _open_action(page, url: str, action: str) -> None:
    page.goto(url)
    page.click(f"a[data-action={action}]")
    page.wait_for_selector(f"#action-form[data-action={action}]")


def test_not_paid_in_time_is_refused_with_the_limit_then_accepted_after_it(live_server, browser, login) -> None:
    unit, people = _town()
    case = _case(unit, people, D(2026, 10, 12), applicant_name="张三")
    fee = {"method": "by_pages", "quantity": 250}
    case_transition(
        actor=people["handler"], case=case, version=case.version, action="send_fee_notice", on=D(2026, 10, 13), fee=fee
    )
    url = f"{live_server.url}/cases/{case.pk}/"
    handler = desk(browser, live_server, login, "handler")
    handler.goto(url)
    assert "2026年11月10日" in handler.locator("#other-limits").inner_text()

    _open_action(handler, url, "fee_lapsed")
    assert "缴费期限至2026年11月10日" in handler.locator("#fee-limit").inner_text()
    handler.fill("#action-form [name=on]", "2026-10-20")
    handler.click("#action-form button[type=submit]")
    error = handler.wait_for_selector("#action-error").inner_text()
    assert "缴费期限至2026年11月10日" in error and "期限届满前" in error
    handler.goto(url)
    assert state(handler) == "待缴费"

    _open_action(handler, url, "fee_lapsed")
    handler.fill("#action-form [name=on]", "2026-11-11")
    handler.click("#action-form button[type=submit]")
    handler.wait_for_selector(".message--success")
    assert state(handler) == "答复待审核"
    case.refresh_from_db()
    assert case.draft_outcome == "other_fee_unpaid"


def _import_ten(unit) -> list[str]:
    """Ten applications of 赵六 received in October 2026, brought in from the ledger (no identity numbers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    numbers = [f"2026-L{n:02d}" for n in range(1, 11)]
    for n, number in enumerate(numbers, start=1):
        writer.writerow(
            ledger_row(
                编号=number,
                收到日期=f"2026-10-{n:02d}",
                申请方式="信函" if n % 2 else "网络",
                申请人类型="自然人",
                申请人="赵六",
                申请内容=f"第{n}项信息",
            )
        )
    table = read_ledger_bytes(buffer.getvalue().encode("utf-8"))
    result = validate_ledger(unit, table, calendar=load_calendar(), today=D(2026, 11, 30))
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    return numbers


def test_the_eleventh_application_after_ten_imported_is_charged_100_yuan(live_server, browser, login) -> None:
    unit, people = _town()
    numbers = _import_ten(unit)
    case = _case(
        unit, people, D(2026, 10, 20), channel="in_person", applicant_name="赵六", identity_number="110101199001011234"
    )
    url = f"{live_server.url}/cases/{case.pk}/"
    handler = desk(browser, live_server, login, "handler")
    _open_action(handler, url, "send_fee_notice")

    quote = handler.locator("#fee-quote")
    assert "本申请为该申请人本月第11件" in quote.inner_text()
    listed = handler.locator("#month-cases tbody tr")
    assert listed.count() == 10
    assert [listed.nth(i).get_attribute("data-number") for i in range(10)] == numbers
    assert "台账导入" in handler.locator("#month-cases").inner_text()
    expect(handler.locator("#quote-due")).to_have_text(re.compile(r"^100元"))  # before anything is saved
    assert "每月第11—30件每件100元" in handler.locator("#quote-basis").inner_text()

    boxes = handler.locator("#action-form input[name=same_applicant]")
    assert boxes.count() == 10 and all(boxes.nth(i).is_checked() for i in range(10))
    boxes.nth(0).uncheck()  # not the same person: the count drops, live
    expect(handler.locator("#nth-in-month")).to_contain_text("第10件")
    expect(handler.locator("#quote-due")).to_have_text(re.compile(r"^0元"))
    assert handler.locator("#month-cases tbody tr").count() == 9
    boxes.nth(0).check()
    expect(handler.locator("#nth-in-month")).to_contain_text("第11件")

    handler.select_option("#action-form [name=method]", "by_pages")
    handler.fill("#action-form [name=quantity]", "250")
    expect(handler.locator("#quote-due")).to_contain_text("4700元")
    assert "按量计收" in handler.locator("#quote-method").inner_text()
    handler.fill("#action-form [name=reduction]", "700")
    handler.fill("#action-form [name=reduction_reason]", "困难群众")
    expect(handler.locator("#quote-due")).to_contain_text("4000元")
    assert "减免700元，理由：困难群众" in handler.locator("#quote-basis").inner_text()

    handler.select_option("#action-form [name=method]", "per_application")
    handler.fill("#action-form [name=reduction]", "0")
    handler.fill("#action-form [name=reduction_reason]", "")
    expect(handler.locator("#quote-due")).to_have_text(re.compile(r"^100元"))
    handler.click("#action-form button[type=submit]")
    handler.wait_for_selector(".message--success")
    assert state(handler) == "待缴费"
    fee = Fee.objects.get(case=case)
    assert (fee.method, fee.quantity, fee.amount) == ("per_application", 11, 100)
    assert fee.notice_number == "勍香镇公开〔2026〕1号"
    assert "勍香镇公开〔2026〕1号" in handler.locator("#fee").inner_text()
