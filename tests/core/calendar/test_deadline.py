"""The reply deadline: every worked example of applications.md §4, the awkward dates, illegal sequences."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.core.calendar import (
    Article35Deadline,
    ClockError,
    ConsultationAnswered,
    ConsultationSent,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    ScheduledDay,
    SupplementReceived,
    SupplementRequested,
    WorkCalendar,
    compute_deadline,
    consultation_limit,
    fee_lapse_refusal,
    fee_notice_received,
    fee_payment_deadline,
    fee_payment_limit,
    supplement_notice_deadline,
)

D = dt.date
R = Received(D(2026, 6, 1))

WORKED_EXAMPLES = [
    pytest.param([Received(D(2026, 9, 18))], D(2026, 10, 22), id="9-18 across 国庆 with two 补班 days"),
    pytest.param([Received(D(2026, 3, 1))], D(2026, 3, 27), id="received on a Sunday"),
    pytest.param([R], D(2026, 6, 30), id="6-01 base"),
    pytest.param(
        [R, ConsultationSent(D(2026, 6, 5)), ConsultationAnswered(D(2026, 6, 19))],
        D(2026, 7, 13),
        id="third party answers on 端午: 9 days excluded",
    ),
    pytest.param(
        [
            R,
            ConsultationSent(D(2026, 6, 5)),
            ConsultationAnswered(D(2026, 6, 19)),
            ExtensionApproved(D(2026, 7, 1), 20),
        ],
        D(2026, 8, 10),
        id="then extended by 20",
    ),
    pytest.param(
        [R, SupplementRequested(D(2026, 6, 3)), SupplementReceived(D(2026, 6, 15))],
        D(2026, 7, 14),
        id="补正 restarts the clock",
    ),
]


@pytest.mark.parametrize(("events", "due"), WORKED_EXAMPLES)
def test_worked_examples_of_the_spec(cal: WorkCalendar, events: list, due: dt.date) -> None:
    deadline = compute_deadline(events, cal)
    assert deadline.due == due
    assert deadline.provisional is False
    assert deadline.steps[-1].due == due
    assert len(deadline.steps) == len(events)


def test_supplement_notice_deadline_is_the_7th_working_day_after_receipt(cal: WorkCalendar) -> None:
    assert supplement_notice_deadline(D(2026, 9, 30), cal) == D(2026, 10, 15)


@pytest.mark.parametrize(
    ("events", "due"),
    [
        ([Received(D(2026, 12, 20))], D(2027, 1, 18)),  # year end into provisional 2027 (元旦 off)
        ([Received(D(2026, 9, 26))], D(2026, 10, 29)),  # received on a 中秋 holiday Saturday; 10-10 补班 counts
        ([Received(D(2026, 10, 10))], D(2026, 11, 6)),  # received on a 补班 Saturday: that day is not counted
        ([Received(D(2026, 2, 13))], D(2026, 3, 19)),  # 春节 2026 with 补班 on 2-14 and 2-28
    ],
)
def test_awkward_start_dates(cal: WorkCalendar, events: list, due: dt.date) -> None:
    assert compute_deadline(events, cal).due == due


def test_a_deadline_reaching_an_unscheduled_year_is_provisional(cal: WorkCalendar) -> None:
    deadline = compute_deadline([Received(D(2026, 12, 20))], cal)
    assert deadline.provisional and deadline.provisional_years == [2027]
    assert "2027年放假安排尚未录入" in deadline.explanation()


def test_entering_the_next_years_schedule_changes_a_provisional_deadline() -> None:
    from xxgk.core.calendar.seed import chinesecalendar_days

    days = chinesecalendar_days()
    before = compute_deadline([Received(D(2026, 12, 20))], WorkCalendar(days, range(2004, 2027)))
    days[D(2027, 1, 1)] = ScheduledDay(False, "元旦")
    days[D(2027, 1, 4)] = ScheduledDay(False, "元旦")  # a bridge day the provisional rule cannot know
    after = compute_deadline([Received(D(2026, 12, 20))], WorkCalendar(days, range(2004, 2028)))
    assert (before.due, before.provisional) == (D(2027, 1, 18), True)
    assert (after.due, after.provisional) == (D(2027, 1, 19), False)


@pytest.mark.parametrize(
    ("events", "due", "paused"),
    [
        ([R, SupplementRequested(D(2026, 6, 3))], None, True),
        ([R, FeeNoticeSent(D(2026, 6, 5))], None, True),
        # an open consultation excludes up to its 15-day limit: 6-08…6-29 (端午 6-19 is no working day)
        ([R, ConsultationSent(D(2026, 6, 5))], D(2026, 7, 21), True),
        # an answer after the limit excludes only up to the limit
        ([R, ConsultationSent(D(2026, 6, 5)), ConsultationAnswered(D(2026, 7, 3))], D(2026, 7, 21), False),
        # fee notice 6-05, paid 6-12: 6-08…6-12 (5 days) not counted
        ([R, FeeNoticeSent(D(2026, 6, 5)), FeePaid(D(2026, 6, 12))], D(2026, 7, 7), False),
        # a consultation started after the deadline does not move it
        ([R, ConsultationSent(D(2026, 7, 2)), ConsultationAnswered(D(2026, 7, 6))], D(2026, 6, 30), False),
        ([R, Article35Deadline(D(2026, 6, 10), D(2026, 9, 30))], D(2026, 9, 30), False),
        (
            [
                R,
                Article35Deadline(D(2026, 6, 10), D(2026, 9, 30)),
                FeeNoticeSent(D(2026, 9, 25)),
                FeePaid(D(2026, 9, 30)),
            ],
            D(2026, 10, 10),  # 9-28, 9-29, 9-30 excluded: three more days after 国庆, the last the 补班 Saturday
            False,
        ),
    ],
)
def test_pauses_and_exclusions(cal: WorkCalendar, events: list, due: dt.date | None, paused: bool) -> None:
    deadline = compute_deadline(events, cal)
    assert (deadline.due, deadline.paused) == (due, paused)


def test_the_fee_period_counts_when_configured(cal: WorkCalendar) -> None:
    events = [R, FeeNoticeSent(D(2026, 6, 5)), FeePaid(D(2026, 6, 12))]
    assert compute_deadline(events, cal, exclude_fee_period=False).due == D(2026, 6, 30)
    assert compute_deadline(events[:2], cal, exclude_fee_period=False).due == D(2026, 6, 30)


def test_two_consultations_are_matched_by_party(cal: WorkCalendar) -> None:
    events = [
        R,
        ConsultationSent(D(2026, 6, 5), party="甲公司"),
        ConsultationSent(D(2026, 6, 5), party="乙局", co_producer=True),
        ConsultationAnswered(D(2026, 6, 10), party="乙局"),
    ]
    deadline = compute_deadline(events, cal)
    assert deadline.paused  # 甲公司 has not answered
    assert "第三十四条" in deadline.steps[2].text and "甲公司" in deadline.steps[1].text


ILLEGAL = [
    pytest.param([], "缺少", id="no receipt"),
    pytest.param([R, Received(D(2026, 6, 2))], "只有一个", id="two receipts"),
    pytest.param([R, SupplementReceived(D(2026, 6, 5))], "没有发出补正告知", id="supplement without notice"),
    pytest.param(
        [R, SupplementRequested(D(2026, 6, 3)), SupplementReceived(D(2026, 6, 5)), SupplementRequested(D(2026, 6, 8))],
        "一次性",
        id="second 补正",
    ),
    pytest.param([R, ExtensionApproved(D(2026, 6, 5), 21)], "1至20", id="extension over 20"),
    pytest.param([R, ExtensionApproved(D(2026, 6, 5), 0)], "1至20", id="extension of 0"),
    pytest.param(
        [R, ExtensionApproved(D(2026, 6, 5), 5), ExtensionApproved(D(2026, 6, 8), 5)], "只能延长一次", id="second"
    ),
    pytest.param([R, ConsultationSent(D(2026, 5, 29))], "早于收到申请", id="event before receipt"),
    pytest.param([R, FeePaid(D(2026, 6, 5))], "没有发出收费通知", id="payment without notice"),
    pytest.param([R, FeeNoticeSent(D(2026, 6, 3)), FeeNoticeSent(D(2026, 6, 5))], "尚未缴费", id="second fee notice"),
    pytest.param([R, ConsultationAnswered(D(2026, 6, 5))], "没有对应", id="answer without letter"),
    pytest.param(
        [R, SupplementRequested(D(2026, 6, 3)), ConsultationSent(D(2026, 6, 5))], "等待申请人补正", id="clock stopped"
    ),
    pytest.param([R, Article35Deadline(D(2026, 6, 10), D(2026, 6, 20))], "第三十五条", id="art35 earlier"),
]


@pytest.mark.parametrize(("events", "message"), ILLEGAL)
def test_an_impossible_sequence_raises_a_chinese_clock_error(cal: WorkCalendar, events: list, message: str) -> None:
    with pytest.raises(ClockError, match=message):
        compute_deadline(events, cal)


def test_a_late_supplement_notice_is_recorded_not_refused(cal: WorkCalendar) -> None:
    deadline = compute_deadline([R, SupplementRequested(D(2026, 6, 15))], cal)
    assert "晚于告知期限" in deadline.steps[1].text


@pytest.mark.parametrize(
    ("func", "day", "expected"),
    [
        (consultation_limit, D(2026, 6, 5), D(2026, 6, 29)),
        (fee_payment_deadline, D(2026, 9, 18), D(2026, 10, 22)),
        (supplement_notice_deadline, D(2026, 6, 1), D(2026, 6, 10)),
    ],
)
def test_the_side_limits(cal: WorkCalendar, func, day: dt.date, expected: dt.date) -> None:
    assert func(day, cal) == expected


def test_the_explanation_names_start_events_and_calendar(cal: WorkCalendar) -> None:
    events = [
        R,
        ConsultationSent(D(2026, 6, 5)),
        ConsultationAnswered(D(2026, 6, 19)),
        ExtensionApproved(D(2026, 7, 1), 20),
    ]
    text = compute_deadline(events, cal).explanation()
    for part in (
        "2026-06-01",
        "第三十二条",
        "9个（2026年6月8日（星期一）至2026年6月18日（星期四）)",
        "延长答复期限20个工作日",
    ):
        assert part.replace(")", "）") in text
    assert "结论：答复期限为2026年8月10日（星期一）" in text
    assert "2026年按国务院办公厅公布的放假安排" in text


def test_the_same_events_give_the_same_dictionary(cal: WorkCalendar) -> None:
    events = [R, FeeNoticeSent(D(2026, 6, 5)), FeePaid(D(2026, 6, 12))]
    first, second = compute_deadline(events, cal).to_dict(), compute_deadline(list(reversed(events)), cal).to_dict()
    assert first == second and first["due"] == "2026-07-07"


@pytest.mark.parametrize(
    ("sent", "channel", "received", "limit"),
    [
        # the case: sent Friday 2026-12-04 and received that day; 元旦 2027 (provisional) skipped
        (D(2026, 12, 4), "email", None, D(2027, 1, 4)),
        (D(2026, 12, 4), "in_person", None, D(2027, 1, 4)),
        # by post the notice arrives 5 working days later unless its receipt is recorded (applications.md §2)
        (D(2026, 9, 18), "letter", None, D(2026, 10, 29)),
        (D(2026, 9, 18), "letter", D(2026, 9, 21), D(2026, 10, 26)),
        (D(2026, 9, 18), "unknown", None, D(2026, 10, 29)),  # an unknown channel never shortens the limit
    ],
)
def test_fee_payment_limit_counts_from_the_receipt_of_the_notice(cal, sent, channel, received, limit) -> None:
    assert fee_payment_limit(sent, cal, channel=channel, received=received) == limit


def test_fee_notice_received_before_it_was_sent_is_impossible(cal) -> None:
    with pytest.raises(ClockError, match="不能早于发出之日"):
        fee_notice_received(D(2026, 9, 18), cal, channel="letter", received=D(2026, 9, 17))


def test_fee_lapse_is_refused_up_to_and_including_the_limit(cal) -> None:
    limit = fee_payment_limit(D(2026, 12, 4), cal, channel="online")
    assert "2027年1月4日" in fee_lapse_refusal(D(2026, 12, 6), limit)
    assert "2027年1月4日" in fee_lapse_refusal(D(2027, 1, 4), limit)
    assert fee_lapse_refusal(D(2027, 1, 5), limit) is None
