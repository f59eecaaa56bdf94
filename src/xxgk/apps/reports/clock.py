"""Today's date for the report pages (one place, so tests can fix the date)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

__all__ = ["today"]


def today() -> dt.date:
    """The local date now (settings.TIME_ZONE)."""
    return timezone.localdate()
