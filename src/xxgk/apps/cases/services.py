"""Every write to a case: registration, state transitions, ledger import — one transaction each.

The state machine is xxgk.core.cases.states; this module persists its
decisions with an optimistic version check (a stale version raises
:class:`CaseChanged`), writes the timeline event and the audit row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from xxgk.apps.cases.clock import deadline_for, fee_limit_for
from xxgk.apps.cases.ledger import case_import_ledger
from xxgk.apps.cases.models import Case, CaseEvent, Fee, RequestedItem, ReviewCase
from xxgk.apps.cases.queries import is_unit_handler
from xxgk.apps.units.access import can_act
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.calendar.deadline import MAX_EXTENSION_DAYS
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.states import ACTIONS, CaseFacts, State, TransitionError, apply
from xxgk.core.cases.tables import map_result

__all__ = [
    "CaseChanged",
    "case_facts",
    "case_import_ledger",
    "case_recompute_deadline",
    "case_register",
    "case_transition",
    "next_case_number",
    "review_conclude",
    "review_register",
]

# action → the CaseEvent kind it records
EVENT_OF_ACTION = {
    "accept": "accepted",
    "request_supplement": "supplement_requested",
    "receive_supplement": "supplement_received",
    "send_consultation": "consultation_sent",
    "receive_consultation": "consultation_answered",
    "send_fee_notice": "fee_notice_sent",
    "record_payment": "fee_paid",
    "request_extension": "extension_requested",
    "approve_extension": "extension_approved",
    "reject_extension": "extension_rejected",
    "draft_reply": "reply_drafted",
    "supplement_lapsed": "reply_drafted",
    "fee_lapsed": "reply_drafted",
    "approve_reply": "closed",
    "return_reply": "reply_returned",
    "withdraw": "withdrawn",
    "split": "split",
}


class CaseChanged(Exception):
    """The case was changed by someone else since it was read (optimistic concurrency)."""

    def __init__(self) -> None:
        super().__init__("该案件已被他人修改，请刷新后重试。")


def next_case_number(unit: Unit, year: int) -> str:
    """The next free number ``{year}-{serial:04d}`` of a unit."""
    prefix = f"{year}-"
    taken = Case.objects.filter(unit=unit, number__startswith=prefix).values_list("number", flat=True)
    serials = [int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:04d}"


def _calendar() -> WorkCalendar:
    from xxgk.apps.workcalendar.selectors import load_calendar

    return load_calendar()


def case_recompute_deadline(case: Case, calendar: WorkCalendar | None = None) -> None:
    """Store the case's current due date and whether it is provisional (条例第三十三条)."""
    deadline = deadline_for(case.events.order_by("date", "pk"), calendar or _calendar())
    due = deadline.due if deadline else None
    provisional = bool(deadline and deadline.provisional)
    Case.objects.filter(pk=case.pk).update(due_date=due, due_provisional=provisional)
    case.due_date, case.due_provisional = due, provisional


@transaction.atomic
def case_register(
    *,
    actor: Any,
    unit: Unit,
    channel: str,
    receipt_date: dt.date,
    applicant_type: str,
    items: list[str],
    number: str = "",
    receipt_evidence: str = "",
    handler: Any = None,
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
    **fields: Any,
) -> Case:
    """Register a received application (条例第二十九条、第三十一条): the case, its items, the timeline start.

    ``handler`` (optional) must hold the handler role in ``unit``; unassigned
    cases remind every handler of the unit.
    """
    _require_role(actor, unit, "registrar")
    if not items or not all(i.strip() for i in items):
        raise TransitionError("请至少填写一项申请内容。")
    if handler is not None and not is_unit_handler(unit, handler):
        raise TransitionError("只能指派本单位的承办人。")
    case = Case(
        unit=unit,
        number=number or next_case_number(unit, receipt_date.year),
        channel=channel,
        receipt_date=receipt_date,
        receipt_evidence=receipt_evidence,
        applicant_type=applicant_type,
        handler=handler,
        content=fields.pop("content", "") or "；".join(items),
        **fields,
    )
    case.full_clean()
    case.save()
    RequestedItem.objects.bulk_create([RequestedItem(case=case, description=i.strip()) for i in items])
    CaseEvent.objects.create(case=case, kind="received", date=receipt_date, actor=_user(actor))
    case_recompute_deadline(case, calendar)
    audit(actor=actor, action="case.register", obj=case, details={"number": case.number, "unit": unit.pk}, ip=ip)
    return case


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def _require_role(actor: Any, unit: Unit, role: str) -> None:
    """Staff need the action's role in the unit; ``actor=None`` is the system itself (imports, demo)."""
    if actor is not None and not can_act(actor, unit, role):
        raise PermissionDenied("您在本单位没有执行此操作的角色。")


def case_facts(
    case: Case, *, outcome: str | None = None, on: dt.date | None = None, calendar: WorkCalendar | None = None
) -> CaseFacts:
    """What the state machine's guards need to know about a stored case (on ``on``, when the action has a date)."""
    kinds = set(case.events.values_list("kind", flat=True))
    fee_waiting = "fee_notice_sent" in kinds and "fee_paid" not in kinds
    items = list(case.items.all())
    draft = outcome or case.draft_outcome or None
    return CaseFacts(
        supplement_requested="supplement_requested" in kinds,
        supplement_received="supplement_received" in kinds,
        fee_notice_sent="fee_notice_sent" in kinds,
        extension_used="extension_approved" in kinds,
        item_count=len(items),
        outcome=draft,
        items_without_reason=sum(1 for i in items if i.decision != "granted" and not i.reason.strip()),
        on=on,
        fee_payment_limit=fee_limit_for(case, calendar or _calendar()) if fee_waiting and on else None,
    )


@transaction.atomic
def case_transition(
    *,
    actor: Any,
    case: Case,
    version: int,
    action: str,
    on: dt.date,
    details: dict[str, Any] | None = None,
    outcome: str | None = None,
    fee: dict[str, Any] | None = None,
    children: list[list[str]] | None = None,
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Case:
    """Take one action of the state machine on a case, if its version is still ``version``.

    ``outcome`` goes with draft_reply / supplement_lapsed / fee_lapsed; ``fee``
    (method, quantity, amount, reduction, reduction_reason) with
    send_fee_notice; ``children`` (the items of each new case) with split.
    Raises CaseChanged, TransitionError or PermissionDenied; nothing is written then.
    """
    act = ACTIONS.get(action)
    if act is None:
        raise TransitionError(f"未知的操作：{action}")
    _require_role(actor, case.unit, act.role.value)
    if on < case.receipt_date:
        raise TransitionError("操作日期不能早于收到日期。")
    new_state = apply(case.state, action, case_facts(case, outcome=outcome, on=on, calendar=calendar))
    changes: dict[str, Any] = {"state": new_state.value, "version": F("version") + 1}
    if outcome is not None and new_state is State.REPLY_DRAFTED:
        changes["draft_outcome"] = outcome
    if action == "approve_reply":
        changes.update(outcome=case.draft_outcome, concluded_on=on)
    if action == "withdraw":
        changes.update(outcome="other_other", concluded_on=on)
    if action == "return_reply":
        changes["draft_outcome"] = ""
    event_details = dict(details or {})
    if action == "approve_extension":
        days = event_details.get("working_days")
        if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
            raise TransitionError(f"延期应为1至{MAX_EXTENSION_DAYS}个工作日（条例第三十三条第二款）。")
    if not Case.objects.filter(pk=case.pk, version=version).update(**changes):
        raise CaseChanged()
    case.refresh_from_db()
    if action == "send_fee_notice":
        _fee_notice(case, on, fee or {})
    if action == "record_payment":
        Fee.objects.filter(case=case).update(paid_on=on, receipt_number=event_details.get("receipt_number", ""))
    if action == "split":
        for child in _split(case, children or [], actor):
            case_recompute_deadline(child, calendar)
    if outcome:
        event_details["outcome"] = outcome
    CaseEvent.objects.create(
        case=case, kind=EVENT_OF_ACTION[action], date=on, actor=_user(actor), details=event_details
    )
    case_recompute_deadline(case, calendar)
    audit(
        actor=actor,
        action=f"case.{action}",
        obj=case,
        details={"state": case.state, "version": case.version, **event_details},
        ip=ip,
    )
    return case


def _fee_notice(case: Case, on: dt.date, fee: dict[str, Any]) -> None:
    """Store the fee of a 收费通知 (国办函〔2020〕109号): one method, with the reason for any reduction.

    The notice takes the next number of the unit's letter series for the year of ``on``; the 收费通知书
    is then issued with that number and dated ``on`` (xxgk.apps.letters.services.letter_issue).
    """
    from xxgk.core.cases.fees import FeeError, quote

    try:
        q = quote(
            fee.get("method", ""),
            int(fee.get("quantity", 0)),
            reduction=int(fee.get("reduction", 0)),
            reduction_reason=str(fee.get("reduction_reason", "")),
        )
    except (FeeError, ValueError) as exc:
        raise TransitionError(str(exc)) from None
    amount = Decimal(fee["amount"]) if fee.get("amount") not in (None, "") else Decimal(q.due)
    number = str(fee.get("notice_number", ""))
    if apps.is_installed("xxgk.apps.letters"):  # one number series per unit and year for every letter
        from xxgk.apps.letters.services import reserve_number

        number = reserve_number(case.unit, on)
    Fee.objects.create(
        case=case,
        method=q.method.value,
        quantity=q.quantity,
        amount=amount,
        reduction=q.reduction,
        reduction_reason=q.reduction_reason,
        notice_number=number,
        sent_on=on,
    )


def _split(case: Case, children: list[list[str]], actor: Any) -> list[Case]:
    """Create one case per group of items (一事一申请); each keeps the parent's receipt and applicant."""
    if len(children) < 2 or not all(children):
        raise TransitionError("拆分须至少分为两件，每件至少一项申请内容。")
    copy = {
        f.attname: getattr(case, f.attname)
        for f in Case._meta.concrete_fields
        if f.attname
        not in ("id", "number", "state", "version", "parent_id", "tracking_token", "created_at", "content", "outcome")
    }
    made = []
    for n, items in enumerate(children, start=1):
        child = Case.objects.create(
            **{**copy, "number": f"{case.number}-{n}", "parent_id": case.pk, "content": "；".join(items)}
        )
        RequestedItem.objects.bulk_create([RequestedItem(case=child, description=i) for i in items])
        CaseEvent.objects.create(
            case=child, kind="received", date=case.receipt_date, actor=_user(actor), details={"split_from": case.number}
        )
        made.append(child)
    return made


@transaction.atomic
def review_register(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    body: str,
    filed_on: dt.date,
    application: Case | None = None,
    ip: str | None = None,
) -> ReviewCase:
    """Record an administrative review or lawsuit about a disclosure decision (applications.md §8)."""
    review = ReviewCase(unit=unit, kind=kind, body=body, filed_on=filed_on, application=application)
    review.full_clean()
    review.save()
    audit(actor=actor, action="review.register", obj=review, details={"kind": kind, "filed_on": filed_on}, ip=ip)
    return review


@transaction.atomic
def review_conclude(
    *, actor: Any, review: ReviewCase, result: str, result_on: dt.date, ip: str | None = None
) -> ReviewCase:
    """Record the result of a review or lawsuit and its table 四 class by the configured mapping (§8)."""
    from xxgk.apps.cases.selectors import review_result_mapping

    if result_on < review.filed_on:
        raise TransitionError("结案日期不能早于立案日期。")
    try:
        key = map_result(result, review_result_mapping())
    except ValueError as exc:
        raise TransitionError(str(exc)) from None
    review.result, review.result_key, review.result_on, review.status = result, key, result_on, "concluded"
    review.save(update_fields=["result", "result_key", "result_on", "status"])
    audit(actor=actor, action="review.conclude", obj=review, details={"result": result, "key": key}, ip=ip)
    return review
