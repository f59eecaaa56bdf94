"""Reads of the workcalendar app: the calendar as a core :class:`WorkCalendar`."""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from xxgk.apps.workcalendar.models import CalendarChange, CalendarDay, ScheduleYear
from xxgk.core.calendar.workdays import ScheduledDay, WorkCalendar

__all__ = ["invalidate_calendar", "load_calendar", "schedule_years"]

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar] | None = None


def _stamp() -> tuple:
    """A cheap fingerprint of the calendar tables, so other processes' changes are seen too."""
    years = ScheduleYear.objects.aggregate(n=Count("id"), last=Max("entered_at"))
    days = CalendarDay.objects.aggregate(n=Count("id"), last=Max("id"))
    change = CalendarChange.objects.aggregate(last=Max("id"))
    return (years["n"], years["last"], days["n"], days["last"], change["last"])


def load_calendar() -> WorkCalendar:
    """The working-day calendar of the database (cached until the tables change)."""
    global _cached
    stamp = _stamp()
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
    days = {
        d.date: ScheduledDay(d.is_workday, d.name)
        for d in CalendarDay.objects.only("date", "is_workday", "name").iterator()
    }
    calendar = WorkCalendar(days, ScheduleYear.objects.values_list("year", flat=True))
    with _lock:
        _cached = (stamp, calendar)
    return calendar


def invalidate_calendar() -> None:
    """Forget the cached calendar (called after every change)."""
    global _cached
    with _lock:
        _cached = None


def schedule_years() -> dict[int, ScheduleYear]:
    """The entered schedules by year."""
    return {s.year: s for s in ScheduleYear.objects.select_related("entered_by")}
