"""Use cases of taking an application in: assigning its handler, confirming an online receipt,
and opening the applicant's uploaded identity document.

Each write is one transaction with the optimistic ``version`` check of
xxgk.apps.cases.services, a timeline event and an audit row. The identity
document is personal information (个人信息保护法, applications.md §11): it is
opened only by the unit's handlers and reviewers, and every opening is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from xxgk.apps.cases.models import Case, CaseEvent
from xxgk.apps.cases.queries import is_unit_handler
from xxgk.apps.cases.services import CaseChanged, case_recompute_deadline
from xxgk.apps.units.access import can_act
from xxgk.apps.units.audit import audit
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.states import TransitionError

__all__ = [
    "ASSIGN_ROLES",
    "DOCUMENT_ROLES",
    "case_assign_handler",
    "case_confirm_receipt",
    "case_open_identity_document",
    "needs_receipt_confirmation",
]

ASSIGN_ROLES = ("registrar", "reviewer", "unit_admin")
CONFIRM_ROLES = ("registrar", "handler")
DOCUMENT_ROLES = ("handler", "reviewer")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def _bump(case: Case, version: int, **changes: Any) -> None:
    """Write ``changes`` if the case is still at ``version``; raise CaseChanged otherwise."""
    if not Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1, **changes):
        raise CaseChanged()
    case.refresh_from_db()


@transaction.atomic
def case_assign_handler(*, actor: Any, case: Case, version: int, handler: Any, ip: str | None = None) -> Case:
    """Assign (or, with ``handler=None``, unassign) the handler of an open case (指派承办人).

    Registrars, reviewers and unit administrators of the case's unit may
    assign; the assignee must hold the handler role in that unit.
    """
    if actor is not None and not can_act(actor, case.unit, *ASSIGN_ROLES):
        raise PermissionDenied("只有本单位的登记人员、审核人或单位管理员可以指派承办人。")
    if not case.is_open:
        raise TransitionError("案件已办结，不能再指派承办人。")
    if handler is not None and not is_unit_handler(case.unit, handler):
        raise TransitionError("只能指派本单位的承办人。")
    _bump(case, version, handler=handler)
    name = (handler.get_full_name() or handler.get_username()) if handler is not None else ""
    CaseEvent.objects.create(
        case=case,
        kind="handler_assigned",
        date=timezone.localdate(),
        actor=_user(actor),
        details={"handler": name or "（取消指派）"},
    )
    audit(
        actor=actor,
        action="case.assign_handler",
        obj=case,
        details={"handler": getattr(handler, "pk", None), "version": case.version},
        ip=ip,
    )
    return case


def _online(case: Case) -> Any:
    from xxgk.apps.portal.models import OnlineApplication

    return OnlineApplication.objects.select_for_update().filter(case=case).first()


def needs_receipt_confirmation(case: Case) -> bool:
    """Whether an online application still waits for both sides to confirm receipt (条例第三十一条)."""
    if case.channel != "online" or not case.is_open:
        return False
    from xxgk.apps.portal.models import OnlineApplication

    return OnlineApplication.objects.filter(case=case, receipt_confirmed=False).exists()


@transaction.atomic
def case_confirm_receipt(
    *,
    actor: Any,
    case: Case,
    version: int,
    on: dt.date,
    evidence: str,
    today: dt.date,
    ip: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Case:
    """Record the day both sides confirmed an online application as its receipt date (条例第三十一条).

    The day may not precede the submission nor follow ``today`` or any later
    step of the timeline; the reply deadline is recomputed from it (条例第三十三条).
    """
    if actor is not None and not can_act(actor, case.unit, *CONFIRM_ROLES):
        raise PermissionDenied("只有本单位的登记人员或承办人可以确认收到申请。")
    online = _online(case)
    if online is None or case.channel != "online":
        raise TransitionError("只有网上提交的申请需要确认收到日期。")
    if online.receipt_confirmed:
        raise TransitionError("该申请的收到日期已经确认。")
    if not case.is_open:
        raise TransitionError("案件已办结，不能再确认收到日期。")
    if not evidence.strip():
        raise TransitionError("请写明双方确认收到申请的依据（如电话确认的时间、回复邮件）。")
    submitted = online.submitted_at
    submitted_on = timezone.localtime(submitted).date() if timezone.is_aware(submitted) else submitted.date()
    if on < submitted_on:
        raise TransitionError(f"确认收到之日不能早于网上提交之日（{submitted_on:%Y-%m-%d}）。")
    if on > today:
        raise TransitionError("确认收到之日不能晚于今天。")
    later = case.events.exclude(kind__in=("received", "handler_assigned")).filter(date__lt=on)
    if later.exists():
        raise TransitionError("已有早于该日期的办理记录，确认收到之日不能晚于这些记录。")
    evidence = evidence.strip()[:200]
    _bump(case, version, receipt_date=on, receipt_evidence=evidence)
    CaseEvent.objects.filter(case=case, kind="received").update(date=on)
    CaseEvent.objects.create(
        case=case,
        kind="receipt_confirmed",
        date=on,
        actor=_user(actor),
        details={"evidence": evidence, "submitted_on": submitted_on.isoformat()},
    )
    online.receipt_confirmed = True
    online.save(update_fields=["receipt_confirmed"])
    case_recompute_deadline(case, calendar)
    audit(
        actor=actor,
        action="case.confirm_receipt",
        obj=case,
        details={"receipt_date": on.isoformat(), "evidence": evidence, "version": case.version},
        ip=ip,
    )
    return case


def case_open_identity_document(*, actor: Any, case: Case, ip: str | None = None) -> tuple[Any, str]:
    """The uploaded identity document (file, media type) for the unit's handler or reviewer; audited (§11)."""
    if not can_act(actor, case.unit, *DOCUMENT_ROLES):
        raise PermissionDenied("只有本单位的承办人、审核人可以查看申请人的身份证明材料。")
    from xxgk.apps.portal.models import OnlineApplication

    online = OnlineApplication.objects.filter(case=case).first()
    if online is None or not online.identity_file:
        raise FileNotFoundError("该申请没有上传身份证明材料。")
    handle = online.identity_file.open("rb")
    audit(actor=actor, action="case.view_identity_document", obj=case, details={"number": case.number}, ip=ip)
    return handle, online.identity_file_type
