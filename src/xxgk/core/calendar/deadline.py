"""The statutory reply deadline of an application: its clock, computed from events.

条例第三十条 (补正), 第三十二条 and 第三十四条 (consultation), 第三十三条 (reply
within 20 working days, one extension of up to 20), 第三十五条 (a later
deadline), 国办函〔2020〕109号 (fee notice). The rules as the project reads
them are in shared/spec/applications.md §4; every worked example there is a test.

The clock counts working days strictly after its start (the receipt, or the
receipt of the supplemented application), skipping the excluded days (the
working days of a consultation or an unpaid fee notice). The deadline is the
day on which the count reaches the number of days due (20 plus any extension).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from xxgk.core.calendar.events import (
    Article35Deadline,
    ClockError,
    ConsultationAnswered,
    ConsultationSent,
    Event,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    SupplementReceived,
    SupplementRequested,
)
from xxgk.core.calendar.explain import Step, cn_date, explain
from xxgk.core.calendar.workdays import WorkCalendar

__all__ = [
    "CONSULTATION_DAYS",
    "FEE_PAYMENT_DAYS",
    "MAX_EXTENSION_DAYS",
    "REPLY_DAYS",
    "SUPPLEMENT_NOTICE_DAYS",
    "ClockError",
    "Deadline",
    "Step",
    "compute_deadline",
    "consultation_limit",
    "fee_lapse_refusal",
    "fee_notice_received",
    "fee_payment_deadline",
    "fee_payment_limit",
    "supplement_notice_deadline",
]

REPLY_DAYS = 20  # 条例第三十三条第一款
MAX_EXTENSION_DAYS = 20  # 条例第三十三条第二款
SUPPLEMENT_NOTICE_DAYS = 7  # 条例第三十条
CONSULTATION_DAYS = 15  # 条例第三十二条、第三十四条
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号

# applications.md §2 applied to the fee notice, which goes out through the channel the applicant chose: the working
# days from sending the notice to the applicant receiving it, when that receipt is not recorded. Handed over, or
# sent online, by fax or e-mail and confirmed, it is received the day it is sent; by post it is received the day the
# applicant signs for it, which the project takes as 5 working days after posting when nobody recorded it (an
# assumption on the applicant's side: it can only make the payment limit later, never earlier).
NOTICE_DELIVERY_DAYS: dict[str, int] = {"in_person": 0, "online": 0, "fax": 0, "email": 0, "letter": 5}


class CountsWorkingDays(Protocol):
    """Anything that finds the n-th working day after a day (a WorkCalendar, or a ledger's calendar)."""

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day strictly after ``start``."""
        ...


def supplement_notice_deadline(received: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day to send a 补正 notice: the 7th working day after receipt (条例第三十条)."""
    return calendar.add_working_days(received, SUPPLEMENT_NOTICE_DAYS)


def consultation_limit(sent: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day of a consultation: the 15th working day after the letter is sent (条例第三十二条、第三十四条)."""
    return calendar.add_working_days(sent, CONSULTATION_DAYS)


def fee_payment_deadline(received_notice: dt.date, calendar: CountsWorkingDays) -> dt.date:
    """The last day to pay: the 20th working day after the applicant receives the fee notice (国办函〔2020〕109号)."""
    return calendar.add_working_days(received_notice, FEE_PAYMENT_DAYS)


def fee_notice_received(
    sent: dt.date, calendar: CountsWorkingDays, *, channel: str, received: dt.date | None = None
) -> dt.date:
    """The day the applicant received the fee notice: as recorded, else ``sent`` plus the delivery rule of its channel.

    An unknown channel takes the longest delivery, so that a payment limit is never set too early.
    """
    if received is not None:
        if received < sent:
            raise ClockError(f"收到收费通知之日（{cn_date(received)}）不能早于发出之日（{cn_date(sent)}）。")
        return received
    days = NOTICE_DELIVERY_DAYS.get(channel, max(NOTICE_DELIVERY_DAYS.values()))
    return calendar.add_working_days(sent, days)


def fee_payment_limit(
    sent: dt.date, calendar: CountsWorkingDays, *, channel: str, received: dt.date | None = None
) -> dt.date:
    """The last day to pay a fee notice sent on ``sent`` (国办函〔2020〕109号; applications.md §2, §5)."""
    return fee_payment_deadline(fee_notice_received(sent, calendar, channel=channel, received=received), calendar)


def fee_lapse_refusal(on: dt.date, limit: dt.date) -> str | None:
    """Why the fee cannot be treated as unpaid on ``on`` (the applicant may still pay up to ``limit``), or None."""
    if on > limit:
        return None
    return (
        f"缴费期限至{cn_date(limit)}（自申请人收到收费通知次日起第{FEE_PAYMENT_DAYS}个工作日，"
        f"国办函〔2020〕109号），期限届满前不能以“逾期未缴费”视为放弃申请。"
    )


@dataclass
class Deadline:
    """A computed reply deadline with the steps that produced it."""

    received: dt.date
    due: dt.date | None  # None while waiting for the applicant (补正 or fee)
    provisional: bool  # some day counted lies in a year without an entered schedule
    paused: bool  # the clock is not running at the last event
    days: int
    steps: list[Step] = field(default_factory=list)
    scheduled_years: list[int] = field(default_factory=list)
    provisional_years: list[int] = field(default_factory=list)

    def explanation(self) -> str:
        """Chinese multi-line text: the start, each event's effect and the calendar used."""
        return explain(self)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary of the deadline."""
        return {
            "received": self.received.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "provisional": self.provisional,
            "provisional_years": self.provisional_years,
            "paused": self.paused,
            "days": self.days,
            "steps": [s.to_dict() for s in self.steps],
            "explanation": self.explanation(),
        }


@dataclass
class _Consultation:
    sent: dt.date
    party: str
    limit: dt.date


@dataclass
class _Clock:
    """The running state while events are applied in date order."""

    calendar: WorkCalendar
    received: dt.date
    days: int
    exclude_fee_period: bool
    start: dt.date = dt.date.min
    needed: int = 0
    excluded: set[dt.date] = field(default_factory=set)
    consultations: list[_Consultation] = field(default_factory=list)
    supplement_requested: dt.date | None = None
    supplement_pending: bool = False
    fee_sent: dt.date | None = None
    extended: bool = False
    fixed: tuple[dt.date, dt.date, frozenset[dt.date]] | None = None  # (event date, new due, excluded then)

    def all_excluded(self) -> set[dt.date]:
        excluded = set(self.excluded)
        for c in self.consultations:  # an open consultation excludes up to its limit
            excluded.update(self.calendar.workdays_between(c.sent, c.limit))
        return excluded

    def walk(self, anchor: dt.date, n: int, excluded: set[dt.date]) -> dt.date:
        day = anchor
        while n > 0:
            day = self.calendar.add_working_days(day, 1)
            if day not in excluded:
                n -= 1
        return day

    def due(self) -> dt.date | None:
        if self.supplement_pending or (self.fee_sent is not None and self.exclude_fee_period):
            return None
        excluded = self.all_excluded()
        if self.fixed is not None:
            event_date, new_due, before = self.fixed
            later = {d for d in excluded - before if event_date < d <= new_due}
            return self.walk(new_due, self.needed + len(later), excluded)
        return self.walk(self.start, self.needed, excluded)

    def paused(self) -> bool:
        fee_waiting = self.fee_sent is not None and self.exclude_fee_period
        return self.supplement_pending or fee_waiting or bool(self.consultations)


def _sorted_events(events: list[Event]) -> tuple[Received, list[Event]]:
    receipts = [e for e in events if isinstance(e, Received)]
    if len(receipts) != 1:
        raise ClockError("事件中必须有且只有一个“收到申请”。" if receipts else "缺少“收到申请”事件，无法起算期限。")
    received = receipts[0]
    others: list[Event] = sorted((e for e in events if not isinstance(e, Received)), key=lambda e: e.date)
    for event in others:
        if event.date < received.date:
            raise ClockError(f"{cn_date(event.date)}的事件早于收到申请之日（{cn_date(received.date)}）。")
    return received, others


def _apply(clock: _Clock, event: Event) -> str:
    """Apply one event to the clock; returns the Chinese text of its effect."""
    cal = clock.calendar
    if clock.supplement_pending and not isinstance(event, SupplementReceived):
        raise ClockError(f"{cn_date(event.date)}：等待申请人补正期间期限不计算，请先登记收到补正。")
    if isinstance(event, SupplementRequested):
        if clock.supplement_requested is not None:
            raise ClockError("补正只能一次性告知（条例第三十条），不能第二次发出补正告知。")
        limit = supplement_notice_deadline(clock.received, cal)
        clock.supplement_requested, clock.supplement_pending = event.date, True
        late = f"；晚于告知期限{cn_date(limit)}（收到申请后第7个工作日）" if event.date > limit else ""
        return f"发出补正告知（条例第三十条）{late}；等待申请人补正，期间不计算答复期限"
    if isinstance(event, SupplementReceived):
        if not clock.supplement_pending:
            raise ClockError(f"{cn_date(event.date)}登记了收到补正，但此前没有发出补正告知。")
        clock.supplement_pending = False
        clock.start, clock.needed = event.date, clock.days
        clock.excluded.clear()
        clock.fixed = None
        return f"收到补正后的申请，重新起算：自次日起第{clock.days}个工作日（条例第三十条）"
    if isinstance(event, ConsultationSent):
        limit = consultation_limit(event.date, cal)
        clock.consultations.append(_Consultation(event.date, event.party, limit))
        article = "第三十四条" if event.co_producer else "第三十二条"
        whom = "相关行政机关" if event.co_producer else "第三方"
        party = f"（{event.party}）" if event.party else ""
        return (
            f"向{whom}{party}发出征求意见书（条例{article}），自次日起至收到答复之日的工作日不计入期限，"
            f"最迟至第{CONSULTATION_DAYS}个工作日{cn_date(limit)}"
        )
    if isinstance(event, ConsultationAnswered):
        match = next((c for c in clock.consultations if c.party == event.party), None)
        if match is None and not event.party and clock.consultations:
            match = clock.consultations[0]
        if match is None:
            raise ClockError(f"{cn_date(event.date)}登记了征求意见答复，但没有对应的未答复征求意见。")
        clock.consultations.remove(match)
        end = min(event.date, match.limit)
        excluded = cal.workdays_between(match.sent, end)
        clock.excluded.update(excluded)
        late = (
            f"；答复晚于第{CONSULTATION_DAYS}个工作日，只扣除至{cn_date(match.limit)}"
            if event.date > match.limit
            else ""
        )
        return f"收到征求意见答复{late}；不计入期限的工作日{_span(excluded)}"
    if isinstance(event, FeeNoticeSent):
        if clock.fee_sent is not None:
            raise ClockError(f"{cn_date(event.date)}：上一份收费通知尚未缴费，不能再发出收费通知。")
        clock.fee_sent = event.date
        if not clock.exclude_fee_period:
            return "发出收费通知（国办函〔2020〕109号）；按设置，收费期间计入答复期限"
        return "发出收费通知（国办函〔2020〕109号）；自次日起至缴费之日不计入答复期限，等待申请人缴费"
    if isinstance(event, FeePaid):
        if clock.fee_sent is None:
            raise ClockError(f"{cn_date(event.date)}登记了缴费，但此前没有发出收费通知。")
        sent, clock.fee_sent = clock.fee_sent, None
        if not clock.exclude_fee_period:
            return "收到缴费；收费期间计入答复期限"
        excluded = cal.workdays_between(sent, event.date)
        clock.excluded.update(excluded)
        return f"收到缴费；不计入期限的工作日{_span(excluded)}"
    if isinstance(event, ExtensionApproved):
        if clock.extended:
            raise ClockError("答复期限只能延长一次（条例第三十三条第二款）。")
        if not 1 <= event.working_days <= MAX_EXTENSION_DAYS:
            raise ClockError(
                f"延长期限应为1至{MAX_EXTENSION_DAYS}个工作日（条例第三十三条第二款），不能是{event.working_days}个。"
            )
        before = clock.due()
        clock.extended = True
        clock.needed += event.working_days
        late = f"；延期决定晚于原期限{cn_date(before)}" if before is not None and event.date > before else ""
        return (
            f"经政府信息公开工作机构负责人同意，延长答复期限{event.working_days}个工作日（条例第三十三条第二款）{late}"
        )
    if isinstance(event, Article35Deadline):
        before = clock.due()
        if event.new_due <= event.date or (before is not None and event.new_due < before):
            raise ClockError(f"依条例第三十五条确定的期限{cn_date(event.new_due)}应晚于原答复期限和告知之日。")
        clock.fixed = (event.date, event.new_due, frozenset(clock.all_excluded()))
        clock.needed = 0
        return f"依条例第三十五条告知申请人新的答复期限{cn_date(event.new_due)}，取代原期限"
    raise ClockError(f"未知的事件：{event!r}")


def _span(days: list[dt.date]) -> str:
    if not days:
        return "0个"
    if len(days) == 1:
        return f"1个（{cn_date(days[0])}）"
    return f"{len(days)}个（{cn_date(days[0])}至{cn_date(days[-1])}）"


def compute_deadline(
    events: list[Event], calendar: WorkCalendar, *, days: int = REPLY_DAYS, exclude_fee_period: bool = True
) -> Deadline:
    """The reply deadline after ``events``, with a step per event (条例第三十条、第三十二条至第三十五条).

    ``days`` is the base period (20 working days, 条例第三十三条); ``exclude_fee_period``
    leaves the days from fee notice to payment out of the count (国办函〔2020〕109号).
    Raises :class:`ClockError` for an impossible sequence.
    """
    if days < 1:
        raise ClockError(f"答复期限应至少为1个工作日，不能是{days}个。")
    received, others = _sorted_events(events)
    clock = _Clock(calendar, received.date, days, exclude_fee_period, start=received.date, needed=days)
    due = clock.due()
    steps = [
        Step(
            received.date, f"收到申请（条例第三十一条），起算答复期限：自次日起第{days}个工作日（条例第三十三条）", due
        )
    ]
    latest = due or received.date
    for event in others:
        text = _apply(clock, event)
        due = clock.due()
        steps.append(Step(event.date, text, due))
        latest = max(latest, due or event.date, *(c.limit for c in clock.consultations))
    provisional_years = calendar.provisional_years_in(received.date, latest)
    first = received.date.year
    return Deadline(
        received=received.date,
        due=due,
        provisional=bool(provisional_years) and due is not None,
        paused=clock.paused(),
        days=days,
        steps=steps,
        scheduled_years=[y for y in range(first, latest.year + 1) if y in calendar.years_with_schedule],
        provisional_years=provisional_years,
    )
