"""Fixtures shared by the app tests: the real working-day calendar and cheap password hashing."""

from __future__ import annotations

from functools import cache

import pytest

from xxgk.core.calendar import WorkCalendar
from xxgk.core.calendar.seed import chinesecalendar_calendar


@cache
def _seeded_calendar() -> WorkCalendar:
    return chinesecalendar_calendar()


@pytest.fixture
def calendar() -> WorkCalendar:
    """The State Council schedules 2004–2026 as a core WorkCalendar (built once per test process)."""
    return _seeded_calendar()


@pytest.fixture
def fast_passwords(settings) -> None:
    """Hash test passwords cheaply, for tests that are about something other than sign-in.

    An app's conftest turns it on for all its tests with an autouse fixture that requests it.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
