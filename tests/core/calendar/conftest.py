"""Calendars for the core tests: the package schedules of 2004–2026, nothing entered after."""

from __future__ import annotations

import pytest

from xxgk.core.calendar.seed import chinesecalendar_calendar
from xxgk.core.calendar.workdays import WorkCalendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    """2004–2026 scheduled (chinesecalendar), 2027 onwards provisional."""
    return chinesecalendar_calendar()
