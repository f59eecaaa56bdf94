"""A case's reply deadline from its stored timeline, via the core deadline engine (xxgk.core.calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from xxgk.core.calendar.deadline import ClockError, Deadline, compute_deadline
from xxgk.core.calendar.events import (
    Article35Deadline,
    ConsultationAnswered,
    ConsultationSent,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    SupplementReceived,
    SupplementRequested,
)
from xxgk.core.calendar.workdays import WorkCalendar

__all__ = ["clock_events", "deadline_for"]

# CaseEvent.kind → how it becomes a clock event (None: it does not move the clock)
_EVENT_TYPES: dict[str, Any] = {
    "received": Received,
    "supplement_requested": SupplementRequested,
    "supplement_received": SupplementReceived,
    "consultation_sent": ConsultationSent,
    "consultation_answered": ConsultationAnswered,
    "fee_notice_sent": FeeNoticeSent,
    "fee_paid": FeePaid,
}


def clock_events(events: Iterable[Any]) -> list[Any]:
    """The core clock events of a case's CaseEvents (kind, date, details), in timeline order."""
    out: list[Any] = []
    for event in events:
        if event.kind == "extension_approved":
            out.append(ExtensionApproved(event.date, int(event.details.get("working_days", 0))))
        elif event.kind == "article35_deadline":  # 条例第三十五条: the notified deadline replaces the reply date
            out.append(Article35Deadline(event.date, dt.date.fromisoformat(event.details["new_due"])))
        elif event.kind in _EVENT_TYPES:
            out.append(_EVENT_TYPES[event.kind](event.date))
    return out


def deadline_for(events: Iterable[Any], calendar: WorkCalendar) -> Deadline | None:
    """The case's deadline (条例第三十三条) or None when its timeline cannot be computed."""
    try:
        return compute_deadline(clock_events(events), calendar)
    except ClockError:
        return None
