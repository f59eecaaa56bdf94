"""Entering a new year's schedule recomputes the open deadlines it can move (applications.md §3)."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.apps.cases.models import Case
from xxgk.apps.workcalendar.services import schedule_enter

pytestmark = pytest.mark.django_db
D = dt.date


def test_entering_next_years_schedule_moves_a_provisional_deadline(make_case, django_capture_on_commit_callbacks):
    case = make_case(received=D(2026, 12, 20))
    case.refresh_from_db()
    assert (case.due_date, case.due_provisional) == (D(2027, 1, 18), True)

    with django_capture_on_commit_callbacks(execute=True):
        schedule_enter(year=2027, holidays=[(D(2027, 1, 1), D(2027, 1, 4), "元旦")], workdays=[], notice="国办通知")

    case.refresh_from_db()
    assert (case.due_date, case.due_provisional) == (D(2027, 1, 19), False)


def test_a_concluded_case_keeps_its_recorded_deadline(make_case, django_capture_on_commit_callbacks):
    case = make_case(received=D(2026, 12, 20))
    Case.objects.filter(pk=case.pk).update(state="closed", outcome="granted", concluded_on=D(2026, 12, 28))

    with django_capture_on_commit_callbacks(execute=True):
        schedule_enter(year=2027, holidays=[(D(2027, 1, 1), D(2027, 1, 4), "元旦")], workdays=[], notice="国办通知")

    case.refresh_from_db()
    assert case.due_date == D(2027, 1, 18)
