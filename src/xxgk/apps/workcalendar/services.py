"""Writes of the workcalendar app: entering a year's State Council schedule.

Every change goes through :func:`schedule_enter`: in one transaction it
replaces the year's days, records a :class:`CalendarChange` row per date whose
status changed and marks the year as entered; after commit it sends
:data:`calendar_changed` so that open deadlines can be recomputed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence

from django.db import transaction

from xxgk.apps.workcalendar.models import CalendarChange, CalendarDay, ScheduleYear
from xxgk.apps.workcalendar.selectors import invalidate_calendar, load_calendar
from xxgk.apps.workcalendar.signals import calendar_changed
from xxgk.core.calendar.holidays import FIRST_YEAR, LAST_YEAR
from xxgk.core.calendar.workdays import DayKind, ScheduledDay, WorkCalendar

__all__ = ["ScheduleError", "describe_day", "parse_schedule_list", "schedule_enter", "schedule_import_list"]

log = logging.getLogger(__name__)

MAX_RANGE_DAYS = 31
_HOLIDAY_TYPES = {"休", "假", "放假", "holiday", "off", "rest"}
_WORKDAY_TYPES = {"班", "上班", "补班", "workday", "work"}


class ScheduleError(ValueError):
    """A schedule that cannot be entered; the message is Chinese, for people."""


def describe_day(calendar: WorkCalendar, day: dt.date) -> str:
    """A short Chinese description of a day's status, as the change history shows it."""
    kind, name = calendar.kind(day), calendar.name(day)
    text = {
        DayKind.HOLIDAY: f"休：{name}" if name else "休",
        DayKind.MAKEUP: f"班：{name}" if name else "班（补班）",
        DayKind.WORKDAY: "工作日",
        DayKind.WEEKEND: "休息日（周末）",
    }[kind]
    return text + ("（暂定）" if calendar.is_provisional(day) else "")


def _validate(
    year: int, holidays: Sequence[tuple[dt.date, dt.date, str]], workdays: Sequence[dt.date]
) -> dict[dt.date, ScheduledDay]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ScheduleError(f"年份{year}超出支持范围（{FIRST_YEAR}–{LAST_YEAR}）。")
    if not holidays:
        raise ScheduleError("请至少录入一个放假日期段。")

    def in_year(day: dt.date) -> bool:  # a 元旦 range may begin in the last days of the year before
        return day.year == year or (day.year == year - 1 and day.month == 12)

    days: dict[dt.date, ScheduledDay] = {}
    for start, end, name in holidays:
        name = (name or "").strip()
        if not name:
            raise ScheduleError(f"{start.isoformat()}开始的放假日期段缺少节日名称。")
        if end < start:
            raise ScheduleError(f"{name}：结束日期{end.isoformat()}早于开始日期{start.isoformat()}。")
        if (end - start).days >= MAX_RANGE_DAYS:
            raise ScheduleError(f"{name}：放假日期段超过{MAX_RANGE_DAYS}天，请检查日期。")
        day = start
        while day <= end:
            if not in_year(day):
                raise ScheduleError(f"{name}：日期{day.isoformat()}不属于{year}年的放假安排。")
            if day in days:
                raise ScheduleError(f"{day.isoformat()}同时出现在两个放假日期段中。")
            days[day] = ScheduledDay(False, name)
            day += dt.timedelta(days=1)
    for day, name in _named_workdays(workdays, days):
        if not in_year(day):
            raise ScheduleError(f"补班日期{day.isoformat()}不属于{year}年的放假安排。")
        if day.weekday() < 5:
            raise ScheduleError(f"补班日期{day.isoformat()}不是周六或周日，无需补班。")
        if day in days:
            raise ScheduleError(f"{day.isoformat()}既是放假日又是补班日。")
        days[day] = ScheduledDay(True, name)
    return days


def _named_workdays(workdays: Iterable, holidays: dict[dt.date, ScheduledDay]) -> list[tuple[dt.date, str]]:
    """Name each 补班 day after the nearest holiday (补班 days sit next to the holiday they make up for)."""
    result = []
    for item in workdays:
        day, name = item if isinstance(item, tuple) else (item, "")
        if not name and holidays:
            nearest = min(holidays, key=lambda h: abs((h - day).days))
            name = f"{holidays[nearest].name}补班"
        result.append((day, name or "补班"))
    return result


def schedule_enter(
    *,
    year: int,
    holidays: Sequence[tuple[dt.date, dt.date, str]],
    workdays: Sequence[dt.date | tuple[dt.date, str]],
    notice: str,
    notice_number: str = "",
    user=None,
    source: str = ScheduleYear.Source.MANUAL,
) -> ScheduleYear:
    """Enter (or correct) the State Council holiday schedule of ``year``; returns the schedule.

    ``holidays`` are (first day, last day, name) ranges of rest days, ``workdays``
    the weekend days declared working days (补班). Replaces whatever the year had.
    """
    days = _validate(year, holidays, workdays)
    before = load_calendar()
    with transaction.atomic():
        previous = set(CalendarDay.objects.filter(year=year).values_list("date", flat=True))
        CalendarDay.objects.filter(year=year).delete()  # the schedule's days, a December 元旦 day included
        CalendarDay.objects.filter(date__in=list(days)).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, year=year, is_workday=s.is_workday, name=s.name) for d, s in sorted(days.items())
        )
        schedule, _ = ScheduleYear.objects.update_or_create(
            year=year,
            defaults={
                "notice": notice.strip(),
                "notice_number": notice_number.strip(),
                "source": source,
                "entered_by": user,
            },
        )
        invalidate_calendar()
        after = load_calendar()
        touched = {
            dt.date(year, 1, 1) + dt.timedelta(days=i)
            for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
        }
        touched |= set(days) | previous
        reference = f"{notice.strip()} {notice_number.strip()}".strip()
        changes = [
            CalendarChange(date=d, old_value=old, new_value=new, user=user, notice=reference)
            for d in sorted(touched)
            if (before.kind(d), before.name(d)) != (after.kind(d), after.name(d))
            for old, new in [(describe_day(before, d), describe_day(after, d))]
        ]
        CalendarChange.objects.bulk_create(changes)
        transaction.on_commit(lambda: _after_commit(year))
    log.info("calendar schedule entered: year=%s days=%s changes=%s user=%s", year, len(days), len(changes), user)
    return schedule


def _after_commit(year: int) -> None:
    invalidate_calendar()
    calendar_changed.send(sender=ScheduleYear, year=year)


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_schedule_list(text: str) -> tuple[list[tuple[dt.date, dt.date, str]], list[tuple[dt.date, str]]]:
    """Parse a list of lines ``date,type[,name]`` (type 休/班 or holiday/workday) into holidays and 补班 days.

    Blank lines and lines starting with # are skipped, so is a header line. Raises
    :class:`ScheduleError` naming every bad line.
    """
    holidays: list[tuple[dt.date, dt.date, str]] = []
    workdays: list[tuple[dt.date, str]] = []
    errors: list[str] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in re.split(r"[,，\t;；]", line)]
        day = _parse_date(fields[0])
        if day is None:
            if not holidays and not workdays and not errors and fields[0].lower() in {"date", "日期"}:
                continue  # header
            errors.append(f"第{number}行：日期“{fields[0]}”无法识别（应为 YYYY-MM-DD）")
            continue
        kind = fields[1].lower() if len(fields) > 1 else ""
        name = fields[2] if len(fields) > 2 else ""
        if kind in _HOLIDAY_TYPES:
            holidays.append((day, day, name or "放假"))
        elif kind in _WORKDAY_TYPES:
            workdays.append((day, name))
        else:
            errors.append(f"第{number}行：类型“{kind}”无法识别（应为 休/班 或 holiday/workday）")
    if errors:
        raise ScheduleError("；".join(errors) + "。")
    if not holidays and not workdays:
        raise ScheduleError("清单中没有任何日期。")
    return holidays, workdays


def schedule_import_list(*, year: int, text: str, notice: str, notice_number: str = "", user=None) -> ScheduleYear:
    """Enter the schedule of ``year`` from an uploaded list (lines ``date,type[,name]``)."""
    holidays, workdays = parse_schedule_list(text)
    return schedule_enter(
        year=year, holidays=holidays, workdays=workdays, notice=notice, notice_number=notice_number, user=user
    )
