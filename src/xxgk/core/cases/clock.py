"""A ledger row's reply deadline, for flagging late replies on import.

条例第三十条、第三十二条、第三十三条 and 国办函〔2020〕109号 as summarised in
applications.md §4. The project's full deadline engine with explanations is
xxgk.core.calendar.deadline; this module covers only what a ledger row records
(receipt, one 补正, one consultation, one fee notice, an extension) so that the
import can flag, never refuse.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

__all__ = ["REPLY_WORKING_DAYS", "WorkingDays", "reply_due_date"]

REPLY_WORKING_DAYS = 20  # 条例第三十三条第二款


class WorkingDays(Protocol):
    """Anything that says whether a day is a working day (e.g. xxgk.core.calendar.workdays.WorkCalendar)."""

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start`` (for the fee payment limit)."""
        ...


def reply_due_date(
    calendar: WorkingDays,
    received_on: date,
    *,
    supplement_received_on: date | None = None,
    paused: tuple[tuple[date, date], ...] = (),
    extension_days: int = 0,
) -> date:
    """The statutory reply date: the 20th working day strictly after the (supplemented) receipt (条例第三十三条).

    ``paused`` holds (sent, answered) spans whose working days after ``sent`` up
    to and including ``answered`` are not counted (条例第三十二条, 109号).
    """
    start = supplement_received_on or received_on
    needed = REPLY_WORKING_DAYS + extension_days
    day, counted = start, 0
    while counted < needed:
        day += timedelta(days=1)
        if calendar.is_workday(day) and not any(sent < day <= answered for sent, answered in paused):
            counted += 1
    return day
