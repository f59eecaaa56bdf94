"""Case services: registration, transitions with roles and guards, optimistic concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.apps.cases.models import Case, CaseEvent, Fee
from xxgk.apps.cases.services import CaseChanged, case_transition, review_conclude, review_register
from xxgk.apps.units.models import AuditEntry
from xxgk.core.cases.states import TransitionError

D = dt.date
pytestmark = pytest.mark.django_db


def act(case, who, action, on, staff, calendar, **kwargs):
    return case_transition(
        actor=staff[who], case=case, version=case.version, action=action, on=on, calendar=calendar, **kwargs
    )


def test_register_numbers_the_case_and_starts_the_clock(make_case):
    first, second = make_case(), make_case()
    assert (first.number, second.number) == ("2026-0001", "2026-0002")
    assert first.due_date == D(2026, 6, 30)  # applications.md §4 worked example
    assert list(first.events.values_list("kind", flat=True)) == ["received"]
    assert first.items.count() == 1 and first.state == "received"
    assert AuditEntry.objects.filter(action="case.register").count() == 2


def test_register_refuses_an_application_without_items(make_case):
    with pytest.raises(TransitionError, match="至少填写一项"):
        make_case(items=[])


def test_full_lifecycle_with_consultation_extension_and_approval(make_case, staff, calendar):
    case = make_case()
    case = act(case, "registrar", "accept", D(2026, 6, 1), staff, calendar)
    case = act(case, "handler", "send_consultation", D(2026, 6, 5), staff, calendar)
    case = act(case, "handler", "receive_consultation", D(2026, 6, 19), staff, calendar)
    assert case.due_date == D(2026, 7, 13)
    case = act(case, "handler", "request_extension", D(2026, 7, 1), staff, calendar)
    case = act(case, "reviewer", "approve_extension", D(2026, 7, 2), staff, calendar, details={"working_days": 20})
    assert case.due_date == D(2026, 8, 10)
    case.items.update(decision="granted")
    case = act(case, "handler", "draft_reply", D(2026, 7, 20), staff, calendar, outcome="granted")
    assert (case.state, case.outcome, case.concluded_on) == ("reply_drafted", None, None)
    case = act(case, "reviewer", "approve_reply", D(2026, 7, 21), staff, calendar)
    assert (case.state, case.outcome, case.concluded_on) == ("closed", "granted", D(2026, 7, 21))
    assert case.version == 8


@pytest.mark.parametrize(
    ("who", "action"), [("handler", "accept"), ("registrar", "approve_reply"), ("reviewer", "send_consultation")]
)
def test_an_action_needs_its_role(make_case, staff, calendar, who, action):
    case = make_case()
    with pytest.raises(PermissionDenied):
        act(case, who, action, D(2026, 6, 2), staff, calendar)
    assert Case.objects.get(pk=case.pk).version == 1


def test_stale_version_raises_case_changed_and_applies_nothing_twice(make_case, staff, calendar):
    case = make_case()
    first_reader, second_reader = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    act(first_reader, "registrar", "accept", D(2026, 6, 2), staff, calendar)
    with pytest.raises(CaseChanged, match="该案件已被他人修改，请刷新后重试。"):
        case_transition(actor=staff["registrar"], case=second_reader, version=1, action="withdraw", on=D(2026, 6, 2))
    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.version) == ("in_progress", 2)
    assert list(stored.events.values_list("kind", flat=True)) == ["received", "accepted"]


def test_illegal_transition_writes_nothing(make_case, staff, calendar):
    case = make_case()
    with pytest.raises(TransitionError, match="不能执行"):
        act(case, "reviewer", "approve_reply", D(2026, 6, 2), staff, calendar)
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_refusal_needs_a_reason_per_withheld_item(make_case, staff, calendar):
    case = act(make_case(), "registrar", "accept", D(2026, 6, 1), staff, calendar)
    with pytest.raises(TransitionError, match="逐项说明理由"):
        act(case, "handler", "draft_reply", D(2026, 6, 10), staff, calendar, outcome="withheld_third_party")
    case.items.update(decision="withheld_third_party", reason="涉及第三方商业秘密，第三方不同意公开")
    case = act(case, "handler", "draft_reply", D(2026, 6, 10), staff, calendar, outcome="withheld_third_party")
    assert case.draft_outcome == "withheld_third_party"


def test_fee_notice_and_lapse_end_the_case_as_fee_unpaid(make_case, staff, calendar):
    case = act(make_case(), "registrar", "accept", D(2026, 6, 1), staff, calendar)
    fee = {"method": "by_pages", "quantity": 250, "notice_number": "收费〔2026〕1号"}
    case = act(case, "handler", "send_fee_notice", D(2026, 6, 3), staff, calendar, fee=fee)
    assert Fee.objects.get(case=case).amount == 4700
    assert case.due_date is None  # the clock waits for the payment
    case = act(case, "handler", "fee_lapsed", D(2026, 7, 3), staff, calendar, outcome="other_fee_unpaid")
    case = act(case, "reviewer", "approve_reply", D(2026, 7, 3), staff, calendar)
    assert (case.state, case.outcome) == ("closed", "other_fee_unpaid")


@pytest.mark.parametrize(
    "fee", [{"method": "both", "quantity": 3}, {"method": "by_pages", "quantity": 50, "reduction": 9}]
)
def test_bad_fee_notice_is_refused(make_case, staff, calendar, fee):
    case = act(make_case(), "registrar", "accept", D(2026, 6, 1), staff, calendar)
    with pytest.raises(TransitionError):
        act(case, "handler", "send_fee_notice", D(2026, 6, 3), staff, calendar, fee=fee)
    assert not Fee.objects.exists() and Case.objects.get(pk=case.pk).state == "in_progress"


@pytest.mark.parametrize("days", [0, 21, "5"])
def test_extension_must_be_one_to_twenty_working_days(make_case, staff, calendar, days):
    case = act(make_case(), "registrar", "accept", D(2026, 6, 1), staff, calendar)
    case = act(case, "handler", "request_extension", D(2026, 6, 20), staff, calendar)
    with pytest.raises(TransitionError, match="1至20个工作日"):
        act(case, "reviewer", "approve_extension", D(2026, 6, 22), staff, calendar, details={"working_days": days})


def test_withdraw_concludes_as_other(make_case, staff, calendar):
    case = act(make_case(), "registrar", "withdraw", D(2026, 6, 4), staff, calendar)
    assert (case.state, case.outcome, case.concluded_on) == ("withdrawn", "other_other", D(2026, 6, 4))


def test_split_makes_one_case_per_group_and_keeps_the_receipt(make_case, staff, calendar):
    case = make_case(items=["甲路拆迁公告", "乙村征地批复", "丙河治理规划"])
    act(
        case,
        "handler",
        "split",
        D(2026, 6, 2),
        staff,
        calendar,
        children=[["甲路拆迁公告"], ["乙村征地批复", "丙河治理规划"]],
    )
    children = list(Case.objects.filter(parent=case).order_by("number"))
    assert [c.number for c in children] == ["2026-0001-1", "2026-0001-2"]
    assert all(c.receipt_date == D(2026, 6, 1) and c.due_date == D(2026, 6, 30) for c in children)
    assert [c.items.count() for c in children] == [1, 2]


def test_split_into_one_group_is_refused(make_case, staff, calendar):
    case = make_case(items=["甲", "乙"])
    with pytest.raises(TransitionError, match="至少分为两件"):
        act(case, "handler", "split", D(2026, 6, 2), staff, calendar, children=[["甲", "乙"]])
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "key"), [("维持", "upheld"), ("复议机关决定撤销原答复", "corrected"), ("撤回", "other")]
)
def test_review_result_is_classified_by_the_mapping(unit, raw, key):
    review = review_register(actor=None, unit=unit, kind="review", body="某县人民政府", filed_on=D(2026, 3, 1))
    review = review_conclude(actor=None, review=review, result=raw, result_on=D(2026, 5, 1))
    assert review.result_key == key


def test_unclassifiable_review_result_is_refused(unit):
    review = review_register(actor=None, unit=unit, kind="review", body="某县人民政府", filed_on=D(2026, 3, 1))
    with pytest.raises(TransitionError, match="无法归类"):
        review_conclude(actor=None, review=review, result="另行处理", result_on=D(2026, 5, 1))


def test_full_identity_number_is_for_unit_staff_and_every_view_is_logged(make_case, staff):
    from tests.factories import UserFactory
    from xxgk.apps.cases.workflow import case_view_identity as case_reveal_identity
    from xxgk.core.cases.privacy import mask_identity

    case = make_case(identity_type="居民身份证", identity_number="110101199003071234")
    assert case_reveal_identity(actor=staff["handler"], case=case) == "110101199003071234"
    assert AuditEntry.objects.filter(action="case.view_identity").count() == 1
    with pytest.raises(PermissionDenied):
        case_reveal_identity(actor=UserFactory(username="outsider"), case=case)
    assert AuditEntry.objects.filter(action="case.view_identity").count() == 1
    assert mask_identity("110101199003071234") == "110***********1234"
