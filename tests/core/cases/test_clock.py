"""One clock: a ledger row and the same case handled by hand get the same due date (applications.md §4, §10).

The hand path is the events a handler records one by one; the ledger path is
the row a unit's spreadsheet holds for the same timeline, written out and read
back through :func:`parse_row`. Both end in the core deadline engine.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.core.calendar import events as ev
from xxgk.core.calendar.deadline import CONSULTATION_DAYS, MAX_EXTENSION_DAYS, compute_deadline
from xxgk.core.calendar.seed import chinesecalendar_calendar
from xxgk.core.cases.ledger import LedgerRow, parse_row, row_to_record

D = date
CAL = chinesecalendar_calendar()
TODAY = D(2026, 12, 31)


def _row(received: date, **dates) -> LedgerRow:
    fields = {"channel": "online", "applicant_type": "natural_person", "applicant": "张三", "content": "某文件"}
    return LedgerRow(number="1", received_on=received, **fields, **dates)


def _ledger_due(row: LedgerRow) -> date | None:
    result = parse_row(row_to_record(row, mask=False), line=2, calendar=CAL, today=TODAY)
    assert result.errors == ()
    return result.due_on


@pytest.mark.parametrize(
    ("row", "due"),
    [
        (_row(D(2026, 9, 18)), D(2026, 10, 22)),
        (_row(D(2026, 3, 1)), D(2026, 3, 27)),
        (_row(D(2026, 6, 1)), D(2026, 6, 30)),
        (
            _row(D(2026, 6, 1), consultation_sent_on=D(2026, 6, 5), consultation_answered_on=D(2026, 6, 19)),
            D(2026, 7, 13),
        ),
        (
            _row(
                D(2026, 6, 1),
                consultation_sent_on=D(2026, 6, 5),
                consultation_answered_on=D(2026, 6, 19),
                extension_days=20,
            ),
            D(2026, 8, 10),
        ),
        (
            _row(D(2026, 6, 1), supplement_requested_on=D(2026, 6, 3), supplement_received_on=D(2026, 6, 15)),
            D(2026, 7, 14),
        ),
    ],
)
def test_a_ledger_row_gets_the_worked_examples_due_date(row, due):
    assert _ledger_due(row) == due


def test_a_consultation_answered_late_excludes_only_its_15_working_days():
    sent, answered = D(2026, 6, 5), D(2026, 9, 30)  # answered months later
    row = _row(D(2026, 6, 1), consultation_sent_on=sent, consultation_answered_on=answered)
    limit = CAL.add_working_days(sent, CONSULTATION_DAYS)
    # the 20 days due: 4 before the letter (6-02…6-05), then 16 counted after the 15-day limit
    assert _ledger_due(row) == CAL.add_working_days(limit, 16)
    assert _ledger_due(row) == D(2026, 7, 21)


def test_an_extension_over_the_limit_counts_at_the_limit_and_is_flagged():
    over = _row(D(2026, 6, 1), extension_days=MAX_EXTENSION_DAYS + 10)
    result = parse_row(row_to_record(over, mask=False), line=2, calendar=CAL, today=TODAY)
    assert result.due_on == _ledger_due(_row(D(2026, 6, 1), extension_days=MAX_EXTENSION_DAYS))
    assert "extension_over_limit" in result.flags


def test_a_row_waiting_for_the_applicant_has_no_due_date_and_is_not_long_open():
    row = _row(D(2026, 6, 1), supplement_requested_on=D(2026, 6, 3))
    result = parse_row(row_to_record(row, mask=False), line=2, calendar=CAL, today=TODAY)
    assert result.due_on is None and result.flags == ()


def test_an_extension_while_waiting_for_a_supplement_is_refused_in_chinese():
    row = _row(D(2026, 6, 1), supplement_requested_on=D(2026, 6, 3), consultation_sent_on=D(2026, 6, 4))
    result = parse_row(row_to_record(row, mask=False), line=2, calendar=CAL, today=TODAY)
    assert result.row is None and "补正" in result.errors[0]


def _working_days_after(start: date, n: int) -> date:
    return CAL.add_working_days(start, n)


@st.composite
def timelines(draw):
    """A random application timeline as a handler records it, event by event, in 2024–2026."""
    received = D(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 900)))
    hand: list[ev.Event] = [ev.Received(received)]
    dates: dict[str, object] = {}
    last = received
    if draw(st.booleans()):
        asked = _working_days_after(received, draw(st.integers(1, 7)))
        back = asked + dt.timedelta(days=draw(st.integers(1, 40)))
        hand += [ev.SupplementRequested(asked), ev.SupplementReceived(back)]
        dates |= {"supplement_requested_on": asked, "supplement_received_on": back}
        last = back
    if draw(st.booleans()):
        sent = last + dt.timedelta(days=draw(st.integers(0, 10)))
        answered = sent + dt.timedelta(days=draw(st.integers(0, 60)))  # sometimes after the 15-day limit
        hand += [ev.ConsultationSent(sent), ev.ConsultationAnswered(answered)]
        dates |= {"consultation_sent_on": sent, "consultation_answered_on": answered}
        last = max(last, answered)
    if draw(st.booleans()):
        notice = last + dt.timedelta(days=draw(st.integers(0, 10)))
        paid = notice + dt.timedelta(days=draw(st.integers(0, 30)))
        hand += [ev.FeeNoticeSent(notice), ev.FeePaid(paid)]
        dates |= {"fee_notice_on": notice, "fee_paid_on": paid}
        last = max(last, paid)
    if draw(st.booleans()):
        days = draw(st.integers(1, MAX_EXTENSION_DAYS))
        hand.append(ev.ExtensionApproved(last + dt.timedelta(days=draw(st.integers(0, 5))), days))
        dates["extension_days"] = days
    return hand, _row(received, **dates)


@settings(max_examples=300, deadline=None)
@given(timelines())
def test_the_ledger_path_and_the_hand_path_agree(timeline):
    hand, row = timeline
    assert _ledger_due(row) == compute_deadline(hand, CAL).due
