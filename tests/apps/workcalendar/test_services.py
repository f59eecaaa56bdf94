"""The calendar table: seeded by migration, changed only through the schedule services."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import UserFactory
from xxgk.apps.workcalendar.models import CalendarChange, CalendarDay, ScheduleYear
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.apps.workcalendar.services import ScheduleError, parse_schedule_list, schedule_enter, schedule_import_list
from xxgk.apps.workcalendar.signals import calendar_changed
from xxgk.core.calendar import Received, compute_deadline

pytestmark = pytest.mark.django_db
D = dt.date

HOLIDAYS_2027 = [
    (D(2027, 1, 1), D(2027, 1, 3), "元旦"),
    (D(2027, 2, 5), D(2027, 2, 13), "春节"),
]


@pytest.mark.parametrize(
    ("day", "workday"),
    [(D(2026, 9, 20), True), (D(2026, 10, 10), True), (D(2026, 9, 25), False), (D(2026, 10, 7), False)],
)
def test_a_fresh_database_knows_the_2026_schedule(day: dt.date, workday: bool) -> None:
    calendar = load_calendar()
    assert calendar.is_workday(day) is workday
    assert not calendar.is_provisional(day)


def test_the_migration_seeds_2004_to_2026_only() -> None:
    years = set(ScheduleYear.objects.values_list("year", flat=True))
    assert years == set(range(2004, 2027))
    assert CalendarDay.objects.filter(year=2027).count() == 0
    assert ScheduleYear.objects.get(year=2026).source == "chinesecalendar"


def test_entering_a_schedule_writes_days_changes_and_the_year() -> None:
    admin = UserFactory(is_superuser=True)
    schedule_enter(
        year=2027,
        holidays=HOLIDAYS_2027,
        workdays=[D(2027, 2, 20)],
        notice="国办通知",
        notice_number="国办发明电〔2026〕1号",
        user=admin,
    )
    schedule = ScheduleYear.objects.get(year=2027)
    assert (schedule.entered_by, schedule.source, schedule.notice_number) == (admin, "manual", "国办发明电〔2026〕1号")
    calendar = load_calendar()
    assert not calendar.is_provisional(D(2027, 3, 1))
    assert calendar.is_workday(D(2027, 2, 20)) and calendar.name(D(2027, 2, 20)) == "春节补班"
    assert not calendar.is_workday(D(2027, 2, 10))
    assert calendar.is_workday(D(2027, 4, 5))  # 清明 not entered: the entered schedule is the authority
    change = CalendarChange.objects.get(date=D(2027, 2, 10))
    assert (change.old_value, change.new_value, change.user) == ("工作日（暂定）", "休：春节", admin)
    assert "国办通知" in change.notice
    assert CalendarChange.objects.filter(date=D(2027, 4, 5)).get().new_value == "工作日"
    assert not CalendarChange.objects.filter(date=D(2027, 3, 1)).exists()  # unchanged days leave no row


def test_re_entering_a_year_replaces_it_and_records_the_difference() -> None:
    schedule_enter(year=2027, holidays=HOLIDAYS_2027, workdays=[], notice="一")
    schedule_enter(year=2027, holidays=HOLIDAYS_2027[:1], workdays=[], notice="二")
    assert not CalendarDay.objects.filter(date=D(2027, 2, 10)).exists()
    latest = CalendarChange.objects.filter(date=D(2027, 2, 10)).first()
    assert (latest.old_value, latest.new_value, latest.notice) == ("休：春节", "工作日", "二")


def test_the_signal_is_sent_after_commit(django_capture_on_commit_callbacks) -> None:
    received = []

    def listener(sender, year, **kwargs):
        received.append(year)

    calendar_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            schedule_enter(year=2027, holidays=HOLIDAYS_2027, workdays=[], notice="通知")
            assert received == []  # not before commit
    finally:
        calendar_changed.disconnect(listener)
    assert received == [2027]


def test_entering_2027_changes_a_provisional_deadline() -> None:
    before = compute_deadline([Received(D(2026, 12, 20))], load_calendar())
    schedule_enter(year=2027, holidays=[(D(2027, 1, 1), D(2027, 1, 4), "元旦")], workdays=[], notice="通知")
    after = compute_deadline([Received(D(2026, 12, 20))], load_calendar())
    assert (before.due, before.provisional) == (D(2027, 1, 18), True)
    assert (after.due, after.provisional) == (D(2027, 1, 19), False)


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ([], [], "至少"),
        ([(D(2027, 2, 13), D(2027, 2, 5), "春节")], [], "早于"),
        ([(D(2027, 2, 5), D(2027, 2, 6), "")], [], "名称"),
        ([(D(2028, 1, 1), D(2028, 1, 1), "元旦")], [], "不属于2027年"),
        ([(D(2027, 2, 5), D(2027, 2, 6), "春节"), (D(2027, 2, 6), D(2027, 2, 7), "春节")], [], "两个"),
        (HOLIDAYS_2027, [D(2027, 2, 17)], "不是周六或周日"),
        (HOLIDAYS_2027, [D(2027, 2, 6)], "既是放假日又是补班日"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_is_written(holidays, workdays, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        schedule_enter(year=2027, holidays=holidays, workdays=workdays, notice="通知")
    assert not ScheduleYear.objects.filter(year=2027).exists()
    assert not CalendarChange.objects.exists()


def test_a_new_years_range_may_begin_in_december() -> None:
    schedule_enter(year=2027, holidays=[(D(2026, 12, 31), D(2027, 1, 1), "元旦")], workdays=[], notice="通知")
    assert not load_calendar().is_workday(D(2026, 12, 31))


def test_re_entering_a_year_removes_its_december_day() -> None:
    schedule_enter(year=2027, holidays=[(D(2026, 12, 31), D(2027, 1, 1), "元旦")], workdays=[], notice="通知")
    schedule_enter(year=2027, holidays=[(D(2027, 1, 1), D(2027, 1, 3), "元旦")], workdays=[], notice="更正通知")
    assert load_calendar().is_workday(D(2026, 12, 31))
    change = CalendarChange.objects.filter(date=D(2026, 12, 31)).first()
    assert change is not None and change.notice == "更正通知" and change.new_value == "工作日"


def test_entering_the_year_before_keeps_the_next_years_december_day() -> None:
    schedule_enter(year=2027, holidays=[(D(2026, 12, 31), D(2027, 1, 1), "元旦")], workdays=[], notice="通知")
    schedule_enter(year=2026, holidays=[(D(2026, 10, 1), D(2026, 10, 7), "国庆节")], workdays=[], notice="通知")
    assert not load_calendar().is_workday(D(2026, 12, 31))


def test_importing_a_list() -> None:
    text = "日期,类型,名称\n2027-02-05,休,春节\n2027-02-08,holiday,春节\n# comment\n\n2027-02-20,班\n"
    schedule_import_list(year=2027, text=text, notice="通知")
    calendar = load_calendar()
    assert not calendar.is_workday(D(2027, 2, 8)) and calendar.is_workday(D(2027, 2, 20))
    assert calendar.name(D(2027, 2, 20)) == "春节补班"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-02-05,休\n2027-13-01,休\n", "第2行：日期“2027-13-01”无法识别"),
        ("2027-02-05,放风\n", "第1行：类型“放风”无法识别"),
        ("# only a comment\n", "没有任何日期"),
    ],
)
def test_a_bad_list_names_its_line(text: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_schedule_list(text)
