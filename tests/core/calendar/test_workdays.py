"""Working days: the entered schedule, 调休 and 补班, and the provisional rule."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.core.calendar.workdays import DayKind, ScheduledDay, WorkCalendar

D = dt.date


@pytest.mark.parametrize(
    ("day", "workday", "kind"),
    [
        (D(2026, 9, 20), True, DayKind.MAKEUP),  # Sunday 补班 (国庆)
        (D(2026, 10, 10), True, DayKind.MAKEUP),  # Saturday 补班
        (D(2026, 9, 25), False, DayKind.HOLIDAY),  # 中秋, a Friday
        (D(2026, 10, 7), False, DayKind.HOLIDAY),  # 调休 rest day, a Wednesday
        (D(2026, 10, 3), False, DayKind.HOLIDAY),  # holiday on a Saturday
        (D(2026, 9, 19), False, DayKind.WEEKEND),
        (D(2026, 9, 18), True, DayKind.WORKDAY),
        (D(2027, 2, 8), False, DayKind.HOLIDAY),  # provisional: statutory 春节 day, a Monday
        (D(2027, 2, 9), True, DayKind.WORKDAY),  # provisional: no 调休 assumed
        (D(2027, 2, 6), False, DayKind.HOLIDAY),  # provisional: statutory holiday on a Saturday
        (D(2027, 2, 20), False, DayKind.WEEKEND),  # provisional: no 补班 assumed
    ],
)
def test_the_kind_of_a_day(cal: WorkCalendar, day: dt.date, workday: bool, kind: DayKind) -> None:
    assert cal.is_workday(day) is workday
    assert cal.kind(day) is kind


@pytest.mark.parametrize(
    ("day", "provisional"), [(D(2026, 12, 31), False), (D(2027, 1, 1), True), (D(2004, 1, 1), False)]
)
def test_a_year_without_schedule_is_provisional(cal: WorkCalendar, day: dt.date, provisional: bool) -> None:
    assert cal.is_provisional(day) is provisional


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 9, 11), 1, D(2026, 9, 14)),  # Friday: next is Monday, not Friday itself
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Friday before the 补班 Sunday
        (D(2026, 9, 19), 1, D(2026, 9, 20)),  # Saturday: the 补班 Sunday is the first working day after
        (D(2026, 9, 18), 20, D(2026, 10, 22)),
        (D(2026, 3, 1), 20, D(2026, 3, 27)),  # start on a non-working day: still strictly after it
        (D(2026, 12, 30), 2, D(2027, 1, 4)),  # across the year end into a provisional year (元旦 off)
        (D(2026, 5, 5), 0, D(2026, 5, 5)),
    ],
)
def test_add_working_days_counts_strictly_after_the_start(
    cal: WorkCalendar, start: dt.date, n: int, expected: dt.date
) -> None:
    assert cal.add_working_days(start, n) == expected


def test_a_negative_count_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="≥ 0"):
        cal.add_working_days(D(2026, 1, 1), -1)


@pytest.mark.parametrize(
    ("after", "until", "count"),
    [
        (D(2026, 9, 18), D(2026, 10, 22), 20),
        (D(2026, 9, 18), D(2026, 9, 18), 0),
        (D(2026, 10, 22), D(2026, 9, 18), 0),
        (D(2026, 6, 5), D(2026, 6, 19), 9),  # 06-08…06-18; 06-19 is 端午
        (D(2026, 12, 31), D(2027, 1, 4), 1),
    ],
)
def test_working_days_in_counts_the_half_open_interval(
    cal: WorkCalendar, after: dt.date, until: dt.date, count: int
) -> None:
    assert cal.working_days_in(after, until) == count


def test_an_entered_schedule_replaces_the_provisional_rule() -> None:
    monday = D(2027, 2, 8)  # statutory 春节 day
    bridge = D(2027, 2, 10)  # a Wednesday the schedule makes a rest day
    makeup = D(2027, 2, 20)  # a Saturday the schedule makes a working day
    provisional = WorkCalendar({}, [])
    entered = WorkCalendar(
        {monday: ScheduledDay(False, "春节"), bridge: ScheduledDay(False, "春节"), makeup: ScheduledDay(True, "补班")},
        [2027],
    )
    assert (provisional.is_workday(bridge), entered.is_workday(bridge)) == (True, False)
    assert (provisional.is_workday(makeup), entered.is_workday(makeup)) == (False, True)
    assert entered.name(makeup) == "补班"
    assert provisional.name(monday) == "春节"
    assert entered.years_with_schedule == frozenset({2027})


def test_in_a_scheduled_year_an_unlisted_statutory_day_is_a_working_day() -> None:
    # The schedule is the authority once entered: 2027-04-05 is 清明 by statute, but absent here.
    entered = WorkCalendar({}, [2027])
    assert entered.is_workday(D(2027, 4, 5))
    assert not WorkCalendar({}, []).is_workday(D(2027, 4, 5))


def test_provisional_years_in_names_the_unscheduled_years(cal: WorkCalendar) -> None:
    assert cal.provisional_years_in(D(2026, 12, 20), D(2028, 1, 5)) == [2027, 2028]
    assert cal.provisional_years_in(D(2026, 1, 1), D(2026, 12, 31)) == []
    assert cal.provisional_years_in(D(2026, 12, 31), D(2026, 12, 31)) == []
