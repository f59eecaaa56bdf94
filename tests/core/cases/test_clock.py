"""The reply date a ledger row implies, on the spec's worked examples (applications.md §4)."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from xxgk.core.cases.clock import reply_due_date

D = date


@pytest.mark.parametrize(
    ("received", "kwargs", "due"),
    [
        (D(2026, 9, 18), {}, D(2026, 10, 22)),
        (D(2026, 3, 1), {}, D(2026, 3, 27)),
        (D(2026, 6, 1), {}, D(2026, 6, 30)),
        (D(2026, 6, 1), {"paused": ((D(2026, 6, 5), D(2026, 6, 19)),)}, D(2026, 7, 13)),
        (D(2026, 6, 1), {"paused": ((D(2026, 6, 5), D(2026, 6, 19)),), "extension_days": 20}, D(2026, 8, 10)),
        (D(2026, 6, 1), {"supplement_received_on": D(2026, 6, 15)}, D(2026, 7, 14)),
    ],
)
def test_reply_due_date_matches_the_worked_examples(cal, received, kwargs, due):
    assert reply_due_date(cal, received, **kwargs) == due


def test_the_receipt_day_itself_is_never_counted(cal):
    # Friday 2026-09-18 is a working day; counting it would make the answer a day early
    assert reply_due_date(cal, D(2026, 9, 18)) != D(2026, 10, 21)


@pytest.mark.parametrize(
    ("received", "supplement", "consultation", "fee", "extension"),
    [
        (D(2025, 9, 26), None, None, None, 0),
        (D(2025, 12, 19), D(2026, 1, 5), None, None, 0),
        (D(2025, 4, 30), None, (D(2025, 5, 6), D(2025, 5, 20)), None, 10),
        (D(2024, 2, 5), None, None, (D(2024, 2, 7), D(2024, 2, 26)), 0),
        (D(2026, 6, 1), None, (D(2026, 6, 5), D(2026, 6, 19)), None, 20),
    ],
)
def test_ledger_clock_agrees_with_the_deadline_engine(received, supplement, consultation, fee, extension):
    from xxgk.core.calendar import events as ev
    from xxgk.core.calendar.deadline import compute_deadline
    from xxgk.core.calendar.seed import chinesecalendar_calendar

    calendar = chinesecalendar_calendar(2024, 2026)
    events: list = [ev.Received(received)]
    paused = []
    if supplement:
        events += [ev.SupplementRequested(received + dt.timedelta(days=1)), ev.SupplementReceived(supplement)]
    if consultation:
        events += [ev.ConsultationSent(consultation[0]), ev.ConsultationAnswered(consultation[1])]
        paused.append(consultation)
    if fee:
        events += [ev.FeeNoticeSent(fee[0]), ev.FeePaid(fee[1])]
        paused.append(fee)
    if extension:
        events.append(ev.ExtensionApproved(received + dt.timedelta(days=10), extension))
    expected = compute_deadline(events, calendar).due
    got = reply_due_date(
        calendar, received, supplement_received_on=supplement, paused=tuple(paused), extension_days=extension
    )
    assert got == expected
