"""Fixtures for the pure case core: the working-day calendar the deadline engine counts on."""

from __future__ import annotations

import pytest

from xxgk.core.calendar.seed import chinesecalendar_calendar
from xxgk.core.calendar.workdays import WorkCalendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    """The published schedules (2026 as in applications.md §3: 端午 6-19, 中秋 9-25, 国庆 10-1…10-7)."""
    return chinesecalendar_calendar()
