"""Working days and statutory deadlines (pure; no Django, no I/O).

- :mod:`.holidays`: the fixed statutory holidays of any year (provisional calendar).
- :mod:`.workdays`: :class:`WorkCalendar`, counting working days.
- :mod:`.events` and :mod:`.deadline`: the clock of an application and its deadline.
- :mod:`.explain`: the Chinese explanation every deadline comes with.
"""

from xxgk.core.calendar import events
from xxgk.core.calendar.deadline import (
    Deadline,
    Step,
    compute_deadline,
    consultation_limit,
    fee_lapse_refusal,
    fee_notice_received,
    fee_payment_deadline,
    fee_payment_limit,
    supplement_notice_deadline,
)
from xxgk.core.calendar.events import *  # noqa: F403 -- every event type is public; events.__all__ is the one list
from xxgk.core.calendar.explain import PROVISIONAL_MARK, cn_date, provisional_note
from xxgk.core.calendar.holidays import StatutoryHoliday, UnsupportedYearError, statutory_holidays
from xxgk.core.calendar.workdays import DayKind, ScheduledDay, WorkCalendar

__all__ = [
    "PROVISIONAL_MARK",
    "DayKind",
    "Deadline",
    "ScheduledDay",
    "StatutoryHoliday",
    "Step",
    "UnsupportedYearError",
    "WorkCalendar",
    "cn_date",
    "compute_deadline",
    "consultation_limit",
    "fee_lapse_refusal",
    "fee_notice_received",
    "fee_payment_deadline",
    "fee_payment_limit",
    "provisional_note",
    "statutory_holidays",
    "supplement_notice_deadline",
]
__all__ += events.__all__
