"""Fixtures for the pure case core: a small working-day calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest


class WeekdayCalendar:
    """Monday–Friday minus given holidays plus given make-up working days."""

    def __init__(self, holidays: set[date] = frozenset(), workdays: set[date] = frozenset()) -> None:
        self.holidays, self.workdays = set(holidays), set(workdays)

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start``."""
        day = start
        while n > 0:
            day += timedelta(days=1)
            n -= self.is_workday(day)
        return day


# 2026 as in applications.md §3: 端午 6-19, 中秋 9-25, 国庆 10-1…10-7, 补班 9-20 and 10-10
CAL_2026 = WeekdayCalendar(
    holidays={date(2026, 6, 19), date(2026, 9, 25), *(date(2026, 10, d) for d in range(1, 8))},
    workdays={date(2026, 9, 20), date(2026, 10, 10)},
)


@pytest.fixture
def cal() -> WeekdayCalendar:
    """The 2026 calendar of the spec's worked examples (only the days they touch)."""
    return CAL_2026
