"""Working days: the State Council schedule where entered, a provisional rule elsewhere.

A working day is Monday–Friday, minus the statutory holidays and the rest days
of the annual State Council schedule (调休), plus the weekend days the schedule
declares working days (补班). For a year without an entered schedule the
calendar is provisional: weekends plus the fixed statutory holidays, no 调休
(shared/spec/applications.md §3).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from xxgk.core.calendar.holidays import statutory_holidays

__all__ = ["DayKind", "ScheduledDay", "WorkCalendar"]

_ONE_DAY = dt.timedelta(days=1)


class DayKind(StrEnum):
    """What kind of day a date is, for display."""

    WORKDAY = "workday"  # an ordinary Monday–Friday
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # a day off by the schedule or by the 办法 (provisional)
    MAKEUP = "makeup"  # a weekend day declared a working day (补班)


@dataclass(frozen=True, slots=True)
class ScheduledDay:
    """A day whose status the State Council schedule fixes explicitly."""

    is_workday: bool
    name: str = ""


class WorkCalendar:
    """Working days from entered schedules, and the provisional rule for other years.

    ``days`` maps each explicitly scheduled date to its status; a date not in
    it follows the weekend rule (in a scheduled year) or the weekend rule plus
    the statutory holidays (in a provisional year). ``years_with_schedule``
    names the years whose State Council schedule has been entered.
    """

    def __init__(self, days: Mapping[dt.date, ScheduledDay], years_with_schedule: Iterable[int]) -> None:
        self._days = dict(days)
        self.years_with_schedule: frozenset[int] = frozenset(years_with_schedule)
        self._workdays_by_year: dict[int, list[dt.date]] = {}

    def __repr__(self) -> str:
        years = sorted(self.years_with_schedule)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return f"<WorkCalendar scheduled years {span}, {len(self._days)} scheduled days>"

    def is_provisional(self, day: dt.date) -> bool:
        """Whether ``day`` lies in a year whose State Council schedule has not been entered."""
        return day.year not in self.years_with_schedule

    def _provisional_holidays(self, year: int) -> dict[dt.date, str]:
        return {h.date: h.name for h in statutory_holidays(year)}

    def kind(self, day: dt.date) -> DayKind:
        """The kind of ``day``: ordinary working day, weekend, holiday or 补班."""
        weekend = day.weekday() >= 5
        scheduled = self._days.get(day)
        if scheduled is None and self.is_provisional(day) and day in self._provisional_holidays(day.year):
            scheduled = ScheduledDay(False, "")
        if scheduled is None:
            return DayKind.WEEKEND if weekend else DayKind.WORKDAY
        if scheduled.is_workday:
            return DayKind.MAKEUP if weekend else DayKind.WORKDAY
        return DayKind.HOLIDAY

    def name(self, day: dt.date) -> str:
        """The holiday or 补班 name of ``day`` ('' for an ordinary day)."""
        scheduled = self._days.get(day)
        if scheduled is not None:
            return scheduled.name
        if self.is_provisional(day):
            return self._provisional_holidays(day.year).get(day, "")
        return ""

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        return self.kind(day) in (DayKind.WORKDAY, DayKind.MAKEUP)

    def _workdays(self, year: int) -> list[dt.date]:
        cached = self._workdays_by_year.get(year)
        if cached is None:
            day, cached = dt.date(year, 1, 1), []
            while day.year == year:
                if self.is_workday(day):
                    cached.append(day)
                day += _ONE_DAY
            self._workdays_by_year[year] = cached
        return cached

    def working_days_in(self, after: dt.date, until: dt.date) -> int:
        """The number of working days in (after, until]: after itself not counted, until counted."""
        if until <= after:
            return 0
        total = 0
        for year in range(after.year, until.year + 1):
            days = self._workdays(year)
            lo = bisect.bisect_right(days, after)
            hi = bisect.bisect_right(days, until)
            total += hi - lo
        return total

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day strictly after ``start`` (``start`` itself never counts; n=0 gives start).

        条例第三十三条: "the 20th working day after receipt" counts the working days after the day of receipt.
        """
        if n < 0:
            raise ValueError(f"n must be ≥ 0, got {n}")
        if n == 0:
            return start
        year = start.year
        days = self._workdays(year)
        index = bisect.bisect_right(days, start)
        while True:
            available = len(days) - index
            if n <= available:
                return days[index + n - 1]
            n -= available
            year += 1
            days, index = self._workdays(year), 0

    def workdays_between(self, after: dt.date, until: dt.date) -> list[dt.date]:
        """The working days in (after, until], in order."""
        result: list[dt.date] = []
        for year in range(after.year, until.year + 1):
            days = self._workdays(year)
            result.extend(days[bisect.bisect_right(days, after) : bisect.bisect_right(days, until)])
        return result

    def provisional_years_in(self, after: dt.date, until: dt.date) -> list[int]:
        """The years without an entered schedule that (after, until] touches."""
        if until <= after:
            return []
        first = (after + _ONE_DAY).year
        return [y for y in range(first, until.year + 1) if y not in self.years_with_schedule]
