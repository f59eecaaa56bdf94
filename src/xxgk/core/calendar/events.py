"""The events of an application's clock (shared/spec/applications.md §4).

Each event is a plain value with the date it happened; :func:`compute_deadline`
in :mod:`xxgk.core.calendar.deadline` turns a list of them into a deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "Article35Deadline",
    "ClockError",
    "ConsultationAnswered",
    "ConsultationSent",
    "Event",
    "ExtensionApproved",
    "FeeNoticeSent",
    "FeePaid",
    "Received",
    "SupplementReceived",
    "SupplementRequested",
]


class ClockError(ValueError):
    """An event sequence that cannot happen; the message is Chinese, for people."""


@dataclass(frozen=True, slots=True)
class Received:
    """The application is received (条例第三十一条): the clock starts."""

    date: dt.date


@dataclass(frozen=True, slots=True)
class SupplementRequested:
    """A 补正 notice is sent to the applicant (条例第三十条)."""

    date: dt.date


@dataclass(frozen=True, slots=True)
class SupplementReceived:
    """The supplemented application is received (条例第三十条): the clock restarts."""

    date: dt.date


@dataclass(frozen=True, slots=True)
class ConsultationSent:
    """A consultation letter is sent to a third party (第三十二条) or a co-producing agency (第三十四条)."""

    date: dt.date
    party: str = ""
    co_producer: bool = False


@dataclass(frozen=True, slots=True)
class ConsultationAnswered:
    """The consulted party's answer arrives (matched to the open consultation of the same party)."""

    date: dt.date
    party: str = ""


@dataclass(frozen=True, slots=True)
class FeeNoticeSent:
    """A 收费通知 is sent (国办函〔2020〕109号)."""

    date: dt.date


@dataclass(frozen=True, slots=True)
class FeePaid:
    """The applicant's payment arrives (国办函〔2020〕109号)."""

    date: dt.date


@dataclass(frozen=True, slots=True)
class ExtensionApproved:
    """The head of the disclosure office approves an extension of up to 20 working days (条例第三十三条第二款)."""

    date: dt.date
    working_days: int


@dataclass(frozen=True, slots=True)
class Article35Deadline:
    """A reasonable later deadline set and notified under 条例第三十五条."""

    date: dt.date
    new_due: dt.date


Event = (
    Received
    | SupplementRequested
    | SupplementReceived
    | ConsultationSent
    | ConsultationAnswered
    | FeeNoticeSent
    | FeePaid
    | ExtensionApproved
    | Article35Deadline
)
