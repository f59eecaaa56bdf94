"""The actions of the case page (applications.md §4–§6): roles, the state machine, stale forms, htmx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import Case, CaseEvent, Fee

TODAY = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    for module in ("xxgk.apps.cases.forms", "xxgk.apps.cases.views", "xxgk.apps.cases.views_actions"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


def act(client, user, case, action, **data):
    """POST one action as ``user`` with the case's current version unless one is given."""
    client.force_login(user)
    case.refresh_from_db()
    payload = {"version": case.version, "on": "2026-06-03", **data}
    return client.post(reverse("cases:action", args=[case.pk, action]), payload)


def state(case):
    case.refresh_from_db()
    return case.state


@pytest.mark.parametrize(
    ("who", "action", "status", "after"),
    [
        ("handler", "request_supplement", 303, "awaiting_supplement"),
        ("registrar", "request_supplement", 403, "received"),
        ("reviewer", "request_supplement", 403, "received"),
        ("registrar", "accept", 303, "in_progress"),
        ("handler", "accept", 403, "received"),
        ("registrar", "withdraw", 303, "withdrawn"),
        ("handler", "withdraw", 403, "received"),
    ],
)
def test_each_role_takes_only_its_own_actions(client, staff, make_case, who, action, status, after):
    case = make_case()
    data = {"what_to_add": "请写明文件名称", "supplement_by": "2026-06-20"}
    assert act(client, staff[who], case, action, **data).status_code == status
    assert state(case) == after


def test_another_township_and_the_supervisor_are_refused(client, staff, unit, make_case):
    case = make_case()
    neighbour = UserFactory(username="neighbour")
    MembershipFactory(user=neighbour, unit=UnitFactory(name="邻乡人民政府"), role="handler")
    county = UnitFactory(name="某县人民政府")
    unit.parent = county
    unit.save()
    boss = UserFactory(username="county")
    MembershipFactory(user=boss, unit=county, role="handler", is_supervisor=True)
    for user in (neighbour, boss):
        assert (
            act(client, user, case, "request_supplement", what_to_add="x", supplement_by="2026-06-20").status_code
            == 403
        )
    assert state(case) == "received" and case.events.count() == 1


@pytest.mark.parametrize(
    ("who", "action", "message"),
    [
        ("reviewer", "approve_reply", "不能执行“审核通过并答复”"),
        ("reviewer", "approve_extension", "不能执行“批准延期”"),
        ("registrar", "receive_supplement", "不能执行“收到补正”"),
        ("handler", "send_consultation", "不能执行“发出征求意见”"),
    ],
)
def test_a_forged_post_of_an_illegal_transition_is_refused(client, staff, make_case, who, action, message):
    case = make_case()
    response = act(client, staff[who], case, action, party="某公司", working_days=10)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state(case) == "received" and case.version == 1 and case.events.count() == 1


def test_two_staff_on_the_same_case_one_wins_the_other_is_told(client, staff, make_case):
    case = make_case()
    form = {"version": 1, "on": "2026-06-03", "what_to_add": "请写明文件名称", "supplement_by": "2026-06-20"}
    client.force_login(staff["handler"])
    first = client.post(reverse("cases:action", args=[case.pk, "request_supplement"]), form)
    client.force_login(staff["registrar"])
    second = client.post(reverse("cases:action", args=[case.pk, "withdraw"]), {"version": 1, "on": "2026-06-03"})
    assert first.status_code == 303
    assert second.status_code == 409 and "该案件已被他人修改，请刷新后重试" in second.content.decode()
    assert state(case) == "awaiting_supplement" and case.version == 2
    assert list(case.events.values_list("kind", flat=True)) == ["received", "supplement_requested"]


def test_the_same_form_sent_twice_is_applied_once(client, staff, make_case):
    case = make_case()
    act(client, staff["registrar"], case, "accept")
    form = {"version": 2, "on": "2026-06-05", "party": "某建设公司"}
    assert client.post(reverse("cases:action", args=[case.pk, "send_consultation"]), form).status_code == 403
    client.force_login(staff["handler"])
    assert client.post(reverse("cases:action", args=[case.pk, "send_consultation"]), form).status_code == 303
    assert client.post(reverse("cases:action", args=[case.pk, "send_consultation"]), form).status_code == 409
    assert case.events.filter(kind="consultation_sent").count() == 1


def test_supplement_restarts_the_clock(client, staff, make_case):
    case = make_case(received=dt.date(2026, 6, 1))
    act(client, staff["handler"], case, "request_supplement", what_to_add="请写明年份", supplement_by="2026-06-20")
    case.refresh_from_db()
    assert case.due_date is None  # waiting for the applicant
    act(client, staff["registrar"], case, "receive_supplement", on="2026-06-15")
    case.refresh_from_db()
    assert case.due_date == dt.date(2026, 7, 14)  # applications.md §4 worked example


def test_consultation_and_extension_move_the_due_date(client, staff, make_case):
    case = make_case(received=dt.date(2026, 6, 1))
    act(client, staff["registrar"], case, "accept", on="2026-06-02")
    act(client, staff["handler"], case, "send_consultation", on="2026-06-05", party="某建设公司")
    act(client, staff["handler"], case, "receive_consultation", on="2026-06-19", answer="objection")
    case.refresh_from_db()
    assert case.due_date == dt.date(2026, 7, 13)
    act(client, staff["handler"], case, "request_extension", on="2026-06-22", working_days=20, reason="涉及多个部门")
    page = client.get(reverse("cases:action", args=[case.pk, "approve_extension"]))
    assert page.status_code == 403  # the handler cannot approve
    client.force_login(staff["reviewer"])
    assert (
        client.get(reverse("cases:action", args=[case.pk, "approve_extension"])).context["form"].initial["working_days"]
        == 20
    )
    act(client, staff["reviewer"], case, "approve_extension", on="2026-06-23", working_days=20)
    case.refresh_from_db()
    assert (case.state, case.due_date) == ("in_progress", dt.date(2026, 8, 10))


@pytest.mark.parametrize(("days", "status"), [(20, 303), (21, 400), (0, 400)])
def test_an_extension_is_at_most_20_working_days(client, staff, make_case, days, status):
    case = make_case()
    act(client, staff["registrar"], case, "accept")
    act(client, staff["handler"], case, "request_extension", working_days=20, reason="量大")
    assert act(client, staff["reviewer"], case, "approve_extension", working_days=days).status_code == status


def draft(client, staff, case, outcome, reasons=("", "")):
    items = list(case.items.order_by("pk"))
    data = {"outcome": outcome}
    decisions = ("granted", "withheld_third_party") if outcome == "partially_granted" else ("", "")
    for item, decision, reason in zip(items, decisions, reasons, strict=True):
        data[f"decision_{item.pk}"], data[f"reason_{item.pk}"] = decision, reason
    return act(client, staff["handler"], case, "draft_reply", **data)


def test_a_partial_disclosure_needs_a_reason_for_the_withheld_item(client, staff, make_case):
    case = make_case(items=("预算执行情况", "某公司投标文件"))
    act(client, staff["registrar"], case, "accept")
    refused = draft(client, staff, case, "partially_granted")
    assert refused.status_code == 400 and "逐项说明理由" in refused.content.decode()
    assert state(case) == "in_progress" and not case.items.exclude(decision="").exists()  # rolled back
    assert draft(client, staff, case, "partially_granted", ("", "涉及商业秘密，第三方不同意公开")).status_code == 303
    assert act(client, staff["reviewer"], case, "approve_reply", on="2026-06-10").status_code == 303
    case.refresh_from_db()
    assert (case.state, case.outcome, case.concluded_on) == ("closed", "partially_granted", dt.date(2026, 6, 10))
    assert sorted(case.items.values_list("decision", flat=True)) == ["granted", "withheld_third_party"]


def test_the_fee_notice_computes_the_amount_from_the_month_count(client, staff, make_case):
    for _ in range(11):
        case = make_case(received=dt.date(2026, 6, 1), identity_number="110101199001011234")
    act(client, staff["registrar"], case, "accept")
    client.force_login(staff["handler"])
    form = client.get(reverse("cases:action", args=[case.pk, "send_fee_notice"]))
    assert form.context["nth"] == 11 and "本月第11件" in form.content.decode()
    data = {"method": "per_application", "notice_number": "收费〔2026〕1号"}
    assert act(client, staff["handler"], case, "send_fee_notice", **data).status_code == 303
    fee = Fee.objects.get(case=case)
    # the notice is numbered in the unit's letter series (xxgk.apps.letters), whatever the form sent
    assert (fee.amount, fee.notice_number, state(case)) == (
        100,
        f"{case.unit.short_name}公开〔2026〕1号",
        "awaiting_fee",
    )
    assert (
        act(client, staff["registrar"], case, "record_payment", on="2026-06-08", receipt_number="NT001").status_code
        == 303
    )
    fee.refresh_from_db()
    assert (fee.paid_on, fee.receipt_number, state(case)) == (dt.date(2026, 6, 8), "NT001", "in_progress")


def test_a_fee_reduction_needs_a_reason(client, staff, make_case):
    case = make_case()
    act(client, staff["registrar"], case, "accept")
    data = {"method": "by_pages", "quantity": 250, "reduction": 700, "notice_number": "收费〔2026〕2号"}
    response = act(client, staff["handler"], case, "send_fee_notice", **data)
    assert response.status_code == 400 and "减免收费必须写明理由" in response.content.decode()
    assert (
        act(client, staff["handler"], case, "send_fee_notice", reduction_reason="困难群众", **data).status_code == 303
    )
    fee = Fee.objects.get(case=case)
    assert (fee.amount, fee.reduction) == (4000, 700)  # 4,700 元 for 250 pages less the reduction


def test_no_supplement_in_time_ends_the_case_as_abandoned(client, staff, make_case):
    case = make_case()
    act(client, staff["handler"], case, "request_supplement", what_to_add="请写明年份", supplement_by="2026-06-20")
    assert act(client, staff["handler"], case, "supplement_lapsed", on="2026-06-25").status_code == 303
    act(client, staff["reviewer"], case, "approve_reply", on="2026-06-26")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("closed", "other_no_supplement")


def test_article_35_deadline_is_recorded_and_refuses_an_earlier_date(client, staff, make_case):
    case = make_case(received=dt.date(2026, 6, 1))
    bad = act(
        client, staff["handler"], case, "article35_deadline", on="2026-06-05", new_due="2026-06-04", reason="量大"
    )
    assert bad.status_code == 400
    too_early = act(
        client, staff["handler"], case, "article35_deadline", on="2026-06-05", new_due="2026-06-29", reason="量大"
    )
    assert too_early.status_code == 400 and "晚于告知之日和原答复期限" in too_early.content.decode()
    ok = act(client, staff["handler"], case, "article35_deadline", on="2026-06-05", new_due="2026-08-31", reason="量大")
    assert ok.status_code == 303
    event = CaseEvent.objects.get(case=case, kind="article35_deadline")
    assert event.details == {"new_due": "2026-08-31", "reason": "量大"} and state(case) == "received"
    assert case.due_date == dt.date(2026, 8, 31)  # the notified deadline replaces the 20-day one


def test_split_makes_one_case_per_group(client, staff, make_case):
    case = make_case(items=("预算", "合同", "会议纪要"))
    items = list(case.items.order_by("pk"))
    groups = {f"group_{items[0].pk}": 1, f"group_{items[1].pk}": 2, f"group_{items[2].pk}": 2}
    assert act(client, staff["handler"], case, "split", **groups).status_code == 303
    children = Case.objects.filter(parent=case).order_by("number")
    assert [c.content for c in children] == ["预算", "合同；会议纪要"] and state(case) == "split"


def test_htmx_gets_a_fragment_and_a_redirect_header(client, staff, make_case):
    case = make_case()
    client.force_login(staff["handler"])
    url = reverse("cases:action", args=[case.pk, "request_supplement"])
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert 'name="version" value="1"' in fragment.content.decode()
    done = client.post(
        url,
        {"version": 1, "on": "2026-06-03", "what_to_add": "x", "supplement_by": "2026-06-20"},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 204 and done["HX-Redirect"] == reverse("cases:detail", args=[case.pk])


def test_an_unknown_action_is_not_found(client, staff, make_case):
    case = make_case()
    client.force_login(staff["handler"])
    assert client.get(reverse("cases:action", args=[case.pk, "delete"])).status_code == 404


def test_a_future_date_is_refused(client, staff, make_case):
    case = make_case()
    response = act(client, staff["registrar"], case, "accept", on="2026-07-02")
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()
