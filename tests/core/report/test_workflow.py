"""The report's steps from draft to publication: allowed and forbidden transitions, roles, the due date."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.core.report.workflow import ACTIONS, ReportState, TransitionRefused, due_date, is_late, transition

D, S, A, P = (s.value for s in ReportState)
ALLOWED = [
    (D, "submit", {"handler"}, S),
    (S, "return", {"reviewer"}, D),
    (S, "approve", {"reviewer"}, A),
    (S, "approve", {"unit_admin"}, A),
    (A, "publish", {"unit_admin"}, P),
    (P, "correct", {"reviewer"}, D),
]


@pytest.mark.parametrize(("state", "action", "roles", "target"), ALLOWED)
def test_every_allowed_step(state, action, roles, target):
    assert transition(state, action, roles) == target


@pytest.mark.parametrize("state", [D, S, A, P])
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_step_from_a_state_it_does_not_leave_is_refused_in_chinese(state, action):
    if state in ACTIONS[action].sources:
        return
    with pytest.raises(TransitionRefused) as refused:
        transition(state, action, {"unit_admin"})
    assert "不能" in refused.value.message_zh


@pytest.mark.parametrize(("state", "action"), [(S, "approve"), (A, "publish"), (S, "return"), (P, "correct")])
def test_a_handler_cannot_approve_publish_return_or_correct(state, action):
    with pytest.raises(TransitionRefused) as refused:
        transition(state, action, {"handler", "registrar"})
    assert "审核人或单位管理员" in refused.value.message_zh


def test_someone_without_a_role_cannot_submit_but_an_admin_can():
    with pytest.raises(TransitionRefused):
        transition(D, "submit", set())
    assert transition(D, "submit", set(), is_admin=True) == S


def test_an_unknown_action_is_refused():
    with pytest.raises(TransitionRefused):
        transition(D, "delete", {"unit_admin"})


def test_the_due_date_is_31_january_of_the_next_year_unless_set_otherwise():
    assert due_date(2025) == dt.date(2026, 1, 31)
    assert due_date(2025, 3, 31) == dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("published", "today", "late"),
    [
        (dt.date(2026, 1, 31), dt.date(2026, 6, 1), False),
        (dt.date(2026, 2, 1), dt.date(2026, 6, 1), True),
        (None, dt.date(2026, 1, 31), False),
        (None, dt.date(2026, 2, 1), True),
    ],
)
def test_late_means_published_after_the_due_date_or_unpublished_after_it(published, today, late):
    assert is_late(dt.date(2026, 1, 31), published, today) is late
