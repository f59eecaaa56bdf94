"""The 信息处理费 workflow (国办函〔2020〕109号; applications.md §4–§5, §10) through the web and the ledger."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.ledger_rows import ledger_row
from xxgk.apps.cases.models import Case
from xxgk.core.cases.ledger import HEADERS

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    for module in ("xxgk.apps.cases.forms", "xxgk.apps.cases.views", "xxgk.apps.cases.views_actions"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


def act(client, user, case, action, **data):
    client.force_login(user)
    case.refresh_from_db()
    return client.post(reverse("cases:action", args=[case.pk, action]), {"version": case.version, **data})


def awaiting_fee(client, staff, make_case, **notice):
    """A case received Monday 2026-10-12 whose fee notice went out on 10-13."""
    case = make_case(received=dt.date(2026, 10, 12))
    assert act(client, staff["registrar"], case, "accept", on="2026-10-12").status_code == 303
    fee = {"method": "by_pages", "quantity": 250, "notice_number": "收费〔2026〕1号", **notice}
    assert act(client, staff["handler"], case, "send_fee_notice", on="2026-10-13", **fee).status_code == 303
    return case


def test_not_paid_in_time_is_refused_until_the_limit_has_passed(client, staff, make_case):
    case = awaiting_fee(client, staff, make_case)
    client.force_login(staff["handler"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "缴费期限" in page and "2026年11月10日" in page  # 20 working days after the notice was received online
    form = client.get(reverse("cases:action", args=[case.pk, "fee_lapsed"])).content.decode()
    assert 'id="fee-limit"' in form and "缴费期限至2026年11月10日" in form
    for day in ("2026-10-15", "2026-11-10"):
        refused = act(client, staff["handler"], case, "fee_lapsed", on=day)
        assert refused.status_code == 400
        assert "缴费期限至2026年11月10日" in refused.content.decode() and "期限届满前" in refused.content.decode()
        case.refresh_from_db()
        assert (case.state, case.draft_outcome) == ("awaiting_fee", "")
    assert act(client, staff["handler"], case, "fee_lapsed", on="2026-11-11").status_code == 303
    case.refresh_from_db()
    assert (case.state, case.draft_outcome) == ("reply_drafted", "other_fee_unpaid")


def test_the_limit_follows_the_notice_channel_and_its_recorded_receipt(client, staff, make_case):
    by_post = awaiting_fee(client, staff, make_case, notice_channel="letter")
    # posted 10-13, taken as received 5 working days later (10-20): pay by 11-17
    assert "2026年11月17日" in act(client, staff["handler"], by_post, "fee_lapsed", on="2026-11-11").content.decode()
    signed = awaiting_fee(client, staff, make_case, notice_channel="letter", notice_received_on="2026-10-15")
    assert "2026年11月12日" in act(client, staff["handler"], signed, "fee_lapsed", on="2026-11-11").content.decode()
    assert act(client, staff["handler"], signed, "fee_lapsed", on="2026-11-13").status_code == 303


def test_a_notice_received_before_it_was_sent_is_refused(client, staff, make_case):
    case = make_case(received=dt.date(2026, 10, 12))
    act(client, staff["registrar"], case, "accept", on="2026-10-12")
    fee = {"method": "by_pages", "quantity": 250, "notice_number": "收费〔2026〕1号"}
    response = act(
        client, staff["handler"], case, "send_fee_notice", on="2026-10-13", notice_received_on="2026-10-12", **fee
    )
    assert response.status_code == 400 and "收到通知之日应在发出通知之日与今天之间" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "in_progress"


def _ledger(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _fee_row(number: str, concluded: str) -> list[str]:
    return ledger_row(
        编号=number,
        收到日期="2026-06-01",
        申请方式="网络",
        申请人类型="自然人",
        申请人="王五",
        申请内容="某项目批复",
        收费通知日期="2026-06-03",
        收费金额="100",
        办结日期=concluded,
        办理结果="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )


def test_a_ledger_row_concluded_unpaid_before_the_limit_is_named_and_nothing_is_imported(client, staff, unit):
    reviewer = staff["reviewer"]
    client.force_login(reviewer)
    rows = [_fee_row("2026-0001", "2026-07-03"), _fee_row("2026-0002", "2026-06-10")]
    html = client.post(
        reverse("cases_ledger:preview"), {"file": SimpleUploadedFile("台账.csv", _ledger(rows))}
    ).content.decode()
    assert 'id="ledger-confirm"' not in html and "未导入任何案件" in html
    assert 'data-line="3"' in html and 'data-line="2"' not in html
    assert "办结日期（2026-06-10）未晚于缴费期限（2026-07-02" in html
    client.post(reverse("cases_ledger:confirm"))
    assert not Case.objects.exists()
    good = client.post(reverse("cases_ledger:preview"), {"file": SimpleUploadedFile("台账.csv", _ledger(rows[:1]))})
    assert 'id="ledger-confirm"' in good.content.decode()
    client.post(reverse("cases_ledger:confirm"))
    assert Case.objects.get(unit=unit).outcome == "other_fee_unpaid"


def _import(client, staff, rows) -> None:
    client.force_login(staff["reviewer"])
    preview = client.post(reverse("cases_ledger:preview"), {"file": SimpleUploadedFile("台账.csv", _ledger(rows))})
    assert 'id="ledger-confirm"' in preview.content.decode(), preview.content.decode()
    client.post(reverse("cases_ledger:confirm"))


def _ten_imported(client, staff) -> list[str]:
    """Ten applications of 赵六 in October 2026 from the ledger (no identity numbers), one of 赵六 in September."""
    rows = [
        ledger_row(
            编号=f"2026-L{n:02d}",
            收到日期=f"2026-10-{n:02d}",
            申请方式="信函" if n % 2 else "网络",
            申请人类型="自然人",
            申请人="赵六",
            申请内容=f"第{n}项信息",
        )
        for n in range(1, 11)
    ]
    rows.append(ledger_row(编号="2026-L00", 收到日期="2026-09-30", 申请方式="网络", 申请人类型="自然人", 申请人="赵六"))
    _import(client, staff, rows)
    return [f"2026-L{n:02d}" for n in range(1, 11)]


def test_the_eleventh_application_after_ten_imported_ones_costs_100_yuan(client, staff, make_case):
    numbers = _ten_imported(client, staff)
    case = make_case(received=dt.date(2026, 10, 20), applicant_name="赵六", identity_number="110101199001011234")
    make_case(received=dt.date(2026, 10, 19), applicant_name="赵六", identity_number="110101199912319999")  # another
    act(client, staff["registrar"], case, "accept", on="2026-10-20")
    client.force_login(staff["handler"])
    html = client.get(reverse("cases:action", args=[case.pk, "send_fee_notice"])).content.decode()
    assert "本申请为该申请人本月第11件" in html
    for number in numbers:  # listed with a box to confirm, ticked
        assert f'value="{Case.objects.get(number=number).pk}"' in html and number in html
    assert "2026-L00" not in html and "台账导入" in html
    assert 'id="quote-due"' in html and "100元" in html  # computed before saving
    confirm = [Case.objects.get(number=n).pk for n in numbers]
    data = {"method": "per_application", "notice_number": "收费〔2026〕9号", "same_applicant": confirm}
    assert act(client, staff["handler"], case, "send_fee_notice", on="2026-10-21", **data).status_code == 303
    fee = case.fee
    fee.refresh_from_db()
    assert (fee.method, fee.quantity, fee.amount) == ("per_application", 11, 100)
    event = case.events.get(kind="fee_notice_sent")
    assert event.details["month_count"] == 11 and event.details["month_cases"] == "、".join(numbers)


def test_a_name_match_the_handler_does_not_confirm_is_not_counted(client, staff, make_case):
    numbers = _ten_imported(client, staff)
    case = make_case(received=dt.date(2026, 10, 20), applicant_name="赵六")
    act(client, staff["registrar"], case, "accept", on="2026-10-20")
    nine = [Case.objects.get(number=n).pk for n in numbers[1:]]
    client.force_login(staff["handler"])
    payload = {"method": "per_application", "same_applicant": nine}
    html = client.post(reverse("cases:fee_quote", args=[case.pk]), payload).content.decode()
    assert "本申请为该申请人本月第10件" in html and "应缴0元" in html.replace("<strong>", "").replace("</strong>", "")
    assert 'data-number="2026-L01"' not in html and 'data-number="2026-L02"' in html
    act(client, staff["handler"], case, "send_fee_notice", on="2026-10-21", notice_number="收费〔2026〕9号", **payload)
    case.fee.refresh_from_db()
    assert (case.fee.quantity, case.fee.amount) == (10, 0)


@pytest.mark.parametrize(
    ("payload", "shown"),
    [
        ({"method": "by_pages", "quantity": 250}, ["按量计收", "第201页以上（50页）每页40元", "4,700元", "4700元"]),
        (
            {"method": "by_pages", "quantity": 250, "reduction": 700, "reduction_reason": "困难群众"},
            ["减免700元，理由：困难群众", "4000元", "标准4700元，减免700元"],
        ),
        ({"method": "by_pages", "quantity": 250, "reduction": 700}, ["减免收费必须写明理由"]),
        ({"method": "by_pages", "quantity": 250, "reduction": 5000, "reduction_reason": "x"}, ["0 至 4700 元之间"]),
        ({"method": "by_pages"}, ["请填写页数"]),
        ({"method": "per_application"}, ["按件计收", "本申请为该申请人本月第1件", "每月第1—10件不收费", "应缴0元"]),
    ],
)
def test_the_fee_form_computes_amount_method_basis_and_reduction_live(client, staff, make_case, payload, shown):
    case = make_case(received=dt.date(2026, 10, 12))
    act(client, staff["registrar"], case, "accept", on="2026-10-12")
    client.force_login(staff["handler"])
    response = client.post(reverse("cases:fee_quote", args=[case.pk]), {"version": case.version, **payload})
    html = response.content.decode()
    assert response.status_code == 200
    for text in shown:
        assert text in html, text
    assert not Case.objects.get(pk=case.pk).events.filter(kind="fee_notice_sent").exists()  # nothing saved


def test_only_a_handler_of_the_unit_gets_a_fee_quote(client, staff, make_case):
    case = make_case(received=dt.date(2026, 10, 12))
    client.force_login(staff["registrar"])
    assert client.post(reverse("cases:fee_quote", args=[case.pk]), {"method": "by_pages"}).status_code == 403
