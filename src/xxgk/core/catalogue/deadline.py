"""The publication limit: within 20 working days of being formed or changed (条例第二十六条).

spec catalogue.md §2. Counted on the project's working-day calendar
(xxgk.core.calendar) like the reply deadline of an application: the day the
information is formed does not count; the limit is the 20th working day after it.
"""

from __future__ import annotations

import datetime as dt

from xxgk.core.calendar.workdays import WorkCalendar

__all__ = ["DUE_SOON_WORKING_DAYS", "PUBLICATION_DAYS", "is_late", "publication_due", "working_days_left"]

PUBLICATION_DAYS = 20  # 条例第二十六条
DUE_SOON_WORKING_DAYS = 5  # a draft is "due soon" on the work page from this many working days before its limit


def publication_due(formed_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day to publish information formed on ``formed_on``: the 20th working day after it."""
    return calendar.add_working_days(formed_on, PUBLICATION_DAYS)


def is_late(formed_on: dt.date, published_on: dt.date, calendar: WorkCalendar) -> bool:
    """Whether publishing on ``published_on`` missed the limit (条例第二十六条)."""
    return published_on > publication_due(formed_on, calendar)


def working_days_left(due: dt.date, today: dt.date, calendar: WorkCalendar) -> int:
    """Working days from ``today`` to ``due`` (0 on the day itself; negative once past: the days overdue)."""
    if due >= today:
        return calendar.working_days_in(today, due)
    return -calendar.working_days_in(due, today)
