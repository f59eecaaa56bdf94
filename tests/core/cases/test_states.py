"""The case state machine: every allowed and every forbidden transition, and the guards."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from xxgk.core.cases.states import ACTIONS, CaseFacts, Role, State, TransitionError, allowed_actions, apply

S = State
OPEN = [
    S.RECEIVED,
    S.AWAITING_SUPPLEMENT,
    S.IN_PROGRESS,
    S.CONSULTING,
    S.AWAITING_FEE,
    S.EXTENSION_REQUESTED,
    S.REPLY_DRAFTED,
]

# The lifecycle as the law describes it (applications.md §2–§7), written out independently of states.py.
EXPECTED: dict[tuple[State, str], State] = {
    (S.RECEIVED, "accept"): S.IN_PROGRESS,
    (S.RECEIVED, "request_supplement"): S.AWAITING_SUPPLEMENT,
    (S.IN_PROGRESS, "request_supplement"): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, "receive_supplement"): S.IN_PROGRESS,
    (S.AWAITING_SUPPLEMENT, "supplement_lapsed"): S.REPLY_DRAFTED,
    (S.IN_PROGRESS, "send_consultation"): S.CONSULTING,
    (S.CONSULTING, "receive_consultation"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "send_fee_notice"): S.AWAITING_FEE,
    (S.AWAITING_FEE, "record_payment"): S.IN_PROGRESS,
    (S.AWAITING_FEE, "fee_lapsed"): S.REPLY_DRAFTED,
    (S.IN_PROGRESS, "request_extension"): S.EXTENSION_REQUESTED,
    (S.CONSULTING, "request_extension"): S.EXTENSION_REQUESTED,
    (S.EXTENSION_REQUESTED, "approve_extension"): S.IN_PROGRESS,
    (S.EXTENSION_REQUESTED, "reject_extension"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "draft_reply"): S.REPLY_DRAFTED,
    (S.REPLY_DRAFTED, "approve_reply"): S.CLOSED,
    (S.REPLY_DRAFTED, "return_reply"): S.IN_PROGRESS,
    (S.RECEIVED, "split"): S.SPLIT,
    (S.IN_PROGRESS, "split"): S.SPLIT,
    **{(state, "withdraw"): S.WITHDRAWN for state in OPEN},
}

# Facts under which every guard passes for the given action.
PERMISSIVE = {
    "supplement_lapsed": CaseFacts(supplement_requested=True, outcome="other_no_supplement"),
    "fee_lapsed": CaseFacts(fee_notice_sent=True, outcome="other_fee_unpaid"),
    "draft_reply": CaseFacts(outcome="granted"),
    "approve_reply": CaseFacts(outcome="granted"),
    "split": CaseFacts(item_count=3),
}

ALL_PAIRS = [(state, name) for state in State for name in ACTIONS]


@pytest.mark.parametrize(("state", "name"), [p for p in ALL_PAIRS if p in EXPECTED])
def test_allowed_transition_reaches_its_target(state, name):
    facts = PERMISSIVE.get(name, CaseFacts())
    assert apply(state, name, facts) is EXPECTED[(state, name)]
    assert name in [a.name for a in allowed_actions(state, facts)]


@pytest.mark.parametrize(("state", "name"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_forbidden_transition_is_refused_in_chinese(state, name):
    facts = PERMISSIVE.get(name, CaseFacts())
    with pytest.raises(TransitionError, match="不能执行"):
        apply(state, name, facts)
    assert name not in [a.name for a in allowed_actions(state, facts)]


@pytest.mark.parametrize("state", [S.CLOSED, S.WITHDRAWN, S.SPLIT])
def test_terminal_states_allow_nothing(state):
    assert allowed_actions(state, CaseFacts(outcome="granted", item_count=5)) == []


@pytest.mark.parametrize(
    ("state", "name", "facts", "message"),
    [
        (S.IN_PROGRESS, "request_supplement", CaseFacts(supplement_requested=True), "一次性告知"),
        (S.IN_PROGRESS, "request_extension", CaseFacts(extension_used=True), "只能申请一次"),
        (S.IN_PROGRESS, "send_fee_notice", CaseFacts(fee_notice_sent=True), "只收一次费"),
        (S.IN_PROGRESS, "split", CaseFacts(item_count=1), "不能拆分"),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(), "请先选择办理结果"),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="nonsense"), "未知的办理结果"),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="unavailable_unclear"), "收到补正材料之后"),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="other_fee_unpaid"), "未发出收费通知"),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="other_no_supplement"), "未发出补正告知"),
        (
            S.IN_PROGRESS,
            "draft_reply",
            CaseFacts(outcome="withheld_third_party", items_without_reason=2),
            "逐项说明理由",
        ),
        (S.AWAITING_SUPPLEMENT, "supplement_lapsed", CaseFacts(supplement_requested=True, outcome="granted"), "只能以"),
        (S.AWAITING_FEE, "fee_lapsed", CaseFacts(fee_notice_sent=True, outcome="other_other"), "只能以"),
        (S.REPLY_DRAFTED, "approve_reply", CaseFacts(outcome="partially_granted", items_without_reason=1), "逐项"),
    ],
)
def test_guard_refuses_with_reason(state, name, facts, message):
    with pytest.raises(TransitionError, match=message):
        apply(state, name, facts)


@pytest.mark.parametrize(
    ("state", "name", "facts"),
    [
        (
            S.IN_PROGRESS,
            "draft_reply",
            CaseFacts(outcome="unavailable_unclear", supplement_requested=True, supplement_received=True),
        ),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="withheld_third_party", items_without_reason=0)),
        (S.IN_PROGRESS, "draft_reply", CaseFacts(outcome="other_fee_unpaid", fee_notice_sent=True)),
    ],
)
def test_guard_lets_a_well_founded_reply_through(state, name, facts):
    assert apply(state, name, facts) is S.REPLY_DRAFTED


@pytest.mark.parametrize(("bad_state", "name"), [("nowhere", "accept"), ("received", "teleport")])
def test_unknown_state_or_action_is_a_transition_error(bad_state, name):
    with pytest.raises(TransitionError, match="未知"):
        apply(bad_state, name)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("accept", Role.REGISTRAR),
        ("draft_reply", Role.HANDLER),
        ("approve_reply", Role.REVIEWER),
        ("approve_extension", Role.REVIEWER),
        ("record_payment", Role.REGISTRAR),
    ],
)
def test_each_action_names_the_role_that_takes_it(name, role):
    assert ACTIONS[name].role is role


def test_fee_lapse_waits_for_the_payment_limit() -> None:
    facts = CaseFacts(fee_notice_sent=True, outcome="other_fee_unpaid", fee_payment_limit=dt.date(2027, 1, 4))
    with pytest.raises(TransitionError, match=r"缴费期限至2027年1月4日"):
        apply(S.AWAITING_FEE, "fee_lapsed", dataclasses.replace(facts, on=dt.date(2026, 12, 6)))
    with pytest.raises(TransitionError, match=r"期限届满前"):
        apply(S.AWAITING_FEE, "fee_lapsed", dataclasses.replace(facts, on=dt.date(2027, 1, 4)))
    assert apply(S.AWAITING_FEE, "fee_lapsed", dataclasses.replace(facts, on=dt.date(2027, 1, 5))) is S.REPLY_DRAFTED
