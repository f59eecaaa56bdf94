"""Use cases of the staff case pages that wrap the case services: registering with evidence,
drafting a reply with per-item decisions, 第三十五条 notes, and viewing a full identity number.

Each function is one transaction; state changes still go only through
xxgk.apps.cases.services.case_transition (optimistic ``version`` check).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F

from xxgk.apps.cases.models import Case, CaseEvent, RequestedItem
from xxgk.apps.cases.services import CaseChanged, case_recompute_deadline, case_register, case_transition
from xxgk.apps.units.access import can_act
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.privacy import IDENTITY_ROLES
from xxgk.core.cases.states import State, TransitionError

__all__ = [
    "ARTICLE35_KINDS",
    "EVENT_LABELS",
    "case_approve_reply",
    "case_draft_reply",
    "case_note_article35",
    "case_register_received",
    "case_view_identity",
]

EVENT_LABELS: dict[str, str] = {
    "received": "收到申请",
    "accepted": "受理",
    "supplement_requested": "发出补正告知",
    "supplement_received": "收到补正材料",
    "consultation_sent": "发出征求意见",
    "consultation_answered": "收到征求意见答复",
    "fee_notice_sent": "发出收费通知",
    "fee_paid": "收到缴费",
    "extension_requested": "申请延期",
    "extension_approved": "批准延期",
    "extension_rejected": "不批准延期",
    "reply_drafted": "拟定答复",
    "reply_returned": "答复退回修改",
    "closed": "审核通过并答复",
    "withdrawn": "申请人撤回",
    "split": "拆分申请",
    "article35_reasons_requested": "要求说明理由（条例第三十五条）",
    "article35_deadline": "告知合理期限（条例第三十五条）",
    "handler_assigned": "指派承办人",
    "receipt_confirmed": "确认收到网上申请（条例第三十一条）",
}

ARTICLE35_KINDS = ("article35_reasons_requested", "article35_deadline")
_ARTICLE35_STATES = frozenset({State.RECEIVED.value, State.IN_PROGRESS.value, State.CONSULTING.value})


@transaction.atomic
def case_register_received(
    *,
    actor: Any,
    unit: Unit,
    evidence_file: UploadedFile | None = None,
    letter_kind: str = "",
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
    **fields: Any,
) -> Case:
    """Register an application received in person, by letter, fax or e-mail with its receipt evidence (条例第三十一条).

    ``fields`` are those of :func:`xxgk.apps.cases.services.case_register`; the
    letter kind (挂号/普通) and the stored evidence file go on the "received" event.
    """
    case = case_register(actor=actor, unit=unit, ip=ip, calendar=calendar, **fields)
    details: dict[str, Any] = {}
    if letter_kind:
        details["letter_kind"] = letter_kind
    if evidence_file is not None:
        name = default_storage.save(f"case-evidence/{unit.pk}/{case.number}/{evidence_file.name}", evidence_file)
        details["evidence_file"] = name
    if details:
        CaseEvent.objects.filter(case=case, kind="received").update(details=details)
    return case


@transaction.atomic
def case_draft_reply(
    *,
    actor: Any,
    case: Case,
    version: int,
    on: dt.date,
    outcome: str,
    decisions: dict[int, tuple[str, str]],
    action: str = "draft_reply",
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Case:
    """Store each item's decision and reason, then draft the reply (条例第三十六条: reasons for withheld items).

    The item changes are rolled back if the transition is refused.
    """
    if outcome not in OUTCOMES:
        raise TransitionError(f"未知的办理结果：{outcome}")
    items = {i.pk: i for i in RequestedItem.objects.select_for_update().filter(case=case)}
    for pk, (decision, reason) in decisions.items():
        item = items.get(pk)
        if item is None:
            raise TransitionError("申请事项不属于本案件。")
        if decision and decision not in OUTCOMES:
            raise TransitionError(f"未知的处理决定：{decision}")
        item.decision, item.reason = decision or outcome, reason.strip()
    RequestedItem.objects.bulk_update(list(items.values()), ["decision", "reason"])
    return case_transition(
        actor=actor,
        case=case,
        version=version,
        action=action,
        on=on,
        outcome=outcome,
        details=details,
        ip=ip,
        calendar=calendar,
    )


@transaction.atomic
def case_approve_reply(
    *,
    actor: Any,
    case: Case,
    version: int,
    on: dt.date,
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
) -> tuple[Case, Any, str]:
    """Approve the drafted reply, conclude the case and issue its 答复书 (条例第三十六条, applications.md §7).

    Returns (case, letter or None, why no letter). A letter that cannot be
    written (say, the unit's review body is not configured) does not undo the
    approval: the reason is returned and the letter can be issued later.
    """
    case = case_transition(
        actor=actor,
        case=case,
        version=version,
        action="approve_reply",
        on=on,
        details=details,
        ip=ip,
        calendar=calendar,
    )
    from django.apps import apps

    if not apps.is_installed("xxgk.apps.letters"):
        return case, None, ""
    from xxgk.apps.letters.services import LetterRefused, reply_letter_issue

    try:
        with transaction.atomic():
            letter = reply_letter_issue(case=case, actor=actor, on=on, ip=ip)
    except LetterRefused as exc:
        return case, None, str(exc)
    return case, letter, ""


@transaction.atomic
def case_note_article35(
    *,
    actor: Any,
    case: Case,
    version: int,
    kind: str,
    on: dt.date,
    details: dict[str, Any],
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Case:
    """Record a 第三十五条 step: reasons requested, or a later reply deadline notified to the applicant.

    The state does not change; the version does, so a concurrent edit is refused.
    """
    if kind not in ARTICLE35_KINDS:
        raise TransitionError(f"未知的操作：{kind}")
    if actor is not None and not can_act(actor, case.unit, "handler"):
        raise PermissionDenied("您在本单位没有执行此操作的角色。")
    if case.state not in _ARTICLE35_STATES:
        raise TransitionError("案件当前状态不能执行条例第三十五条的操作。")
    if on < case.receipt_date:
        raise TransitionError("操作日期不能早于收到日期。")
    if kind == "article35_deadline":
        new_due = dt.date.fromisoformat(str(details.get("new_due", "")))
        if new_due <= on or (case.due_date is not None and new_due <= case.due_date):
            raise TransitionError("依条例第三十五条告知的期限应晚于告知之日和原答复期限。")
    if not Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1):
        raise CaseChanged()
    case.refresh_from_db()
    user = actor if getattr(actor, "pk", None) is not None else None
    CaseEvent.objects.create(case=case, kind=kind, date=on, actor=user, details=details)
    case_recompute_deadline(case, calendar)
    audit(actor=actor, action=f"case.{kind}", obj=case, details={"version": case.version, **details}, ip=ip)
    return case


def case_view_identity(*, actor: Any, case: Case, ip: str | None = None) -> str:
    """The full identity number, for a handler or reviewer of the unit; every view is audited (个人信息保护法)."""
    if not can_act(actor, case.unit, *IDENTITY_ROLES):
        raise PermissionDenied("只有本单位的承办人、审核人可以查看完整证件号码。")
    audit(actor=actor, action="case.view_identity", obj=case, details={"number": case.number}, ip=ip)
    return case.identity_number
