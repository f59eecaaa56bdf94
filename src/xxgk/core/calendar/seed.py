"""The State Council schedules of 2004–2026 as shipped by the ``chinesecalendar`` package.

The package is data, not I/O: its tables are Python literals. The project seeds
its own calendar table from it once (a data migration) and edits it from then on.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from xxgk.core.calendar.workdays import ScheduledDay, WorkCalendar

__all__ = ["SEED_FIRST_YEAR", "SEED_LAST_YEAR", "chinesecalendar_calendar", "chinesecalendar_days"]

SEED_FIRST_YEAR = 2004
SEED_LAST_YEAR = 2026

_CHINESE_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}
_FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def _name(english: str) -> str:
    chinese = _CHINESE_NAMES.get(english, english)
    return _FULL_NAMES.get(chinese, chinese)


def chinesecalendar_days(first: int = SEED_FIRST_YEAR, last: int = SEED_LAST_YEAR) -> dict[dt.date, ScheduledDay]:
    """The holidays and 补班 days of the schedules of ``first``–``last`` (Chinese holiday names)."""
    days: dict[dt.date, ScheduledDay] = {}
    for day, english in chinese_calendar.holidays.items():
        if first <= day.year <= last:
            days[day] = ScheduledDay(False, _name(english))
    for day, english in chinese_calendar.workdays.items():
        if first <= day.year <= last:
            days[day] = ScheduledDay(True, _name(english) + "补班")
    return days


def chinesecalendar_calendar(first: int = SEED_FIRST_YEAR, last: int = SEED_LAST_YEAR) -> WorkCalendar:
    """A calendar with the package's schedules for ``first``–``last`` and the provisional rule elsewhere."""
    return WorkCalendar(chinesecalendar_days(first, last), range(first, last + 1))
