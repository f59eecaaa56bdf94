"""A case's reply deadline from its stored timeline, via the core deadline engine (xxgk.core.calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from xxgk.core.calendar.deadline import ClockError, Deadline, compute_deadline, fee_payment_limit
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

__all__ = ["clock_events", "deadline_for", "fee_limit_for"]

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
        if event.kind in ("extension_approved", "extension_recorded"):  # recorded: imported from a ledger
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


def fee_limit_for(case: Any, calendar: WorkCalendar) -> dt.date | None:
    """The last day to pay the case's unpaid fee notice (国办函〔2020〕109号), or None when none is waiting.

    The notice goes through the channel recorded with it (else the application's); the day the applicant
    received it is the one recorded on the notice event, else the channel's delivery rule of applications.md §2.
    """
    from xxgk.apps.cases.models import Fee

    fee = Fee.objects.filter(case=case).only("sent_on", "paid_on").first()
    if fee is None or fee.sent_on is None or fee.paid_on is not None:
        return None
    event = case.events.filter(kind="fee_notice_sent").order_by("-date", "-pk").first()
    details = event.details if event is not None else {}
    received = details.get("notice_received_on")
    return fee_payment_limit(
        fee.sent_on,
        calendar,
        channel=details.get("notice_channel") or case.channel,
        received=dt.date.fromisoformat(received) if received else None,
    )
