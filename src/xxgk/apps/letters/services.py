"""Every write of the letters app: issuing a letter, numbering, editing and resetting templates, the prefix."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from xxgk.apps.cases.models import Case
from xxgk.apps.letters.context import LetterContextError, letter_context
from xxgk.apps.letters.models import Letter, LetterPrefix, LetterSequence, LetterTemplate
from xxgk.apps.letters.sandbox import render_body, validate_template
from xxgk.apps.letters.selectors import allowed_kinds_for_case, effective_template, unit_prefix
from xxgk.apps.units.access import can_act, require_act
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Role, Unit
from xxgk.core.cases.letters import KIND_TITLES, LetterKind, letter_number, reply_kind

__all__ = [
    "ISSUE_ROLES",
    "LetterRefused",
    "can_edit_templates",
    "fee_notice_refusal_for",
    "letter_issue",
    "next_serial",
    "prefix_set",
    "reply_letter_issue",
    "reserve_number",
    "template_reset",
    "template_save",
]

log = logging.getLogger("xxgk.letters")
ISSUE_ROLES = (Role.REGISTRAR, Role.HANDLER, Role.REVIEWER)


class LetterRefused(Exception):
    """A letter that may not be issued now; the message is Chinese, for the person who tried."""


def next_serial(unit: Unit, year: int) -> int:
    """Take the next letter serial of ``unit`` in ``year``, atomically (row lock; SQLite's write lock).

    The increment is one UPDATE … SET last = last + 1 under select_for_update,
    so two concurrent issuers never get the same number and none is skipped.
    """
    with transaction.atomic():
        for _attempt in range(2):
            rows = LetterSequence.objects.select_for_update().filter(unit=unit, year=year)
            if rows.update(last=F("last") + 1):
                return rows.values_list("last", flat=True).get()
            try:
                with transaction.atomic():
                    LetterSequence.objects.create(unit=unit, year=year, last=1)
                return 1
            except IntegrityError:  # another issuer created the row first: increment it instead
                continue
    raise RuntimeError("letter sequence row vanished while numbering")


def reserve_number(unit: Unit, on: dt.date) -> str:
    """Take the next number of the unit's letter series for a letter dated ``on`` (e.g. 勍香镇公开〔2026〕7号)."""
    return letter_number(unit_prefix(unit), on.year, next_serial(unit, on.year))


def fee_notice_refusal_for(case: Case) -> str | None:
    """Why the case's 收费通知书 cannot be issued now (none recorded, paid, lapsed), or None (国办函〔2020〕109号)."""
    from xxgk.apps.cases.models import Fee
    from xxgk.core.cases.letters import fee_notice_refusal

    fee = Fee.objects.filter(case=case).only("sent_on", "paid_on").first()
    return fee_notice_refusal(
        sent=fee is not None and fee.sent_on is not None,
        paid=fee is not None and fee.paid_on is not None,
        waiting=case.state == "awaiting_fee",
    )


def _fee_notice(case: Case) -> tuple[dt.date, str]:
    """The recorded fee notice's date and number, if the letter may still be issued (else LetterRefused).

    A notice recorded without a number (before numbering, or by an import)
    gets the next number of the series for its year, stored on the fee.
    """
    from xxgk.apps.cases.models import Fee

    refusal = fee_notice_refusal_for(case)
    if refusal:
        raise LetterRefused(refusal)
    fee = Fee.objects.select_for_update().get(case=case)
    assert fee.sent_on is not None
    if not fee.notice_number:
        fee.notice_number = reserve_number(case.unit, fee.sent_on)
        fee.save(update_fields=["notice_number"])
    return fee.sent_on, fee.notice_number


@transaction.atomic
def letter_issue(
    *,
    case: Case,
    kind: LetterKind | str,
    actor: Any,
    on: dt.date | None = None,
    extra: dict[str, str] | None = None,
    ip: str | None = None,
) -> Letter:
    """Issue one letter of ``case``: check it is allowed, number it, render and store the text as issued."""
    try:
        kind = LetterKind(kind)
    except ValueError:
        raise LetterRefused(f"未知的文书类型：{kind}") from None
    if actor is not None:
        require_act(actor, case.unit, *ISSUE_ROLES)
    fee_notice = _fee_notice(case) if kind is LetterKind.FEE_NOTICE else None
    if kind not in allowed_kinds_for_case(case):
        raise LetterRefused(f"本案当前不能出具《{KIND_TITLES[kind]}》。")
    if fee_notice is not None:  # one notice, one number, one date: those recorded (国办函〔2020〕109号)
        existing = Letter.objects.filter(case=case, kind=kind.value, number=fee_notice[1]).first()
        if existing is not None:
            return existing
        on = fee_notice[0]
    on = on or timezone.localdate()
    if on < case.receipt_date:
        raise LetterRefused("出具日期不能早于收到申请的日期。")
    template = effective_template(case.unit, kind)
    # Render before taking a number, so that a refused letter does not use one up.
    try:
        letter_context(case, kind, number="", issued_on=on, extra=extra)
    except LetterContextError as exc:
        raise LetterRefused(str(exc)) from None
    number = fee_notice[1] if fee_notice is not None else reserve_number(case.unit, on)
    context = letter_context(case, kind, number=number, issued_on=on, extra=extra)
    try:
        body = render_body(template.body, context)
    except Exception as exc:  # a stored template that no longer renders must not produce half a letter
        log.warning("letter template of unit %s kind %s failed: %s", case.unit_id, kind.value, exc)
        raise LetterRefused("文书模板无法生成文书，请单位管理员检查模板。") from None
    letter = Letter.objects.create(
        case=case,
        unit=case.unit,
        kind=kind.value,
        number=number,
        issued_on=on,
        title=template.title,
        body=body,
        unit_name=case.unit.name,
        issued_by=actor if getattr(actor, "pk", None) is not None else None,
    )
    audit(
        actor=actor,
        action="letter.issue",
        obj=letter,
        details={"case": case.pk, "kind": kind.value, "number": number},
        ip=ip,
    )
    return letter


def reply_letter_issue(*, case: Case, actor: Any, on: dt.date | None = None, ip: str | None = None) -> Letter:
    """Issue the 答复书 of a concluded case's outcome group, unless one was already issued (applications.md §7).

    Called when the reviewer approves the reply, so that the applicant finds
    the reply on the tracking page. Raises LetterRefused (Chinese) when it
    cannot be written, e.g. while the unit's review body is not configured.
    """
    if not case.outcome:
        raise LetterRefused("案件尚未办结，不能出具答复书。")
    kind = reply_kind(case.outcome)
    existing = Letter.objects.filter(case=case, kind=kind.value).order_by("-pk").first()
    if existing is not None:
        return existing
    return letter_issue(case=case, kind=kind, actor=actor, on=on, ip=ip)


def _require_admin(actor: Any, unit: Unit | None) -> None:
    if unit is None:
        if not getattr(actor, "is_superuser", False):
            raise PermissionDenied("只有系统管理员可以修改全系统默认模板。")
        return
    require_act(actor, unit, Role.UNIT_ADMIN)


@transaction.atomic
def template_save(
    *, actor: Any, unit: Unit | None, kind: LetterKind | str, title: str, body: str, ip: str | None = None
) -> LetterTemplate:
    """Store a unit's (or, for a system admin, the default) template of ``kind`` after checking it renders."""
    kind = LetterKind(kind)
    _require_admin(actor, unit)
    if not title.strip():
        raise ValidationError("标题不能为空。")
    validate_template(kind, body)
    row, _created = LetterTemplate.objects.update_or_create(
        unit=unit, kind=kind.value, defaults={"title": title.strip(), "body": body, "updated_by": actor}
    )
    audit(actor=actor, action="letter.template_save", obj=row, details={"unit": unit, "kind": kind.value}, ip=ip)
    return row


@transaction.atomic
def template_reset(*, actor: Any, unit: Unit, kind: LetterKind | str, ip: str | None = None) -> None:
    """Drop a unit's own template of ``kind`` so the default applies again."""
    kind = LetterKind(kind)
    _require_admin(actor, unit)
    deleted, _ = LetterTemplate.objects.filter(unit=unit, kind=kind.value).delete()
    if deleted:
        audit(actor=actor, action="letter.template_reset", obj=unit, details={"kind": kind.value}, ip=ip)


@transaction.atomic
def prefix_set(*, actor: Any, unit: Unit, prefix: str, ip: str | None = None) -> str:
    """Set the unit's letter-number prefix (empty: back to the short name + 公开)."""
    _require_admin(actor, unit)
    prefix = prefix.strip()
    if any(ch in prefix for ch in "〔〕[]号"):
        raise ValidationError("文号前缀不能含有“〔〕”或“号”，年份和序号由系统生成。")
    if prefix:
        LetterPrefix.objects.update_or_create(unit=unit, defaults={"prefix": prefix})
    else:
        LetterPrefix.objects.filter(unit=unit).delete()
    audit(actor=actor, action="letter.prefix_set", obj=unit, details={"prefix": prefix}, ip=ip)
    return unit_prefix(unit)


def can_edit_templates(user: Any, unit: Unit) -> bool:
    """Whether ``user`` may edit the unit's templates (unit administrators)."""
    return can_act(user, unit, Role.UNIT_ADMIN)
