"""Every change to units and memberships, each in one transaction with its audit row."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from xxgk.apps.units.audit import audit, model_snapshot
from xxgk.apps.units.models import Membership, Unit

__all__ = [
    "UNIT_SETTINGS_FIELDS",
    "membership_add",
    "membership_remove",
    "membership_update",
    "unit_create",
    "unit_delete",
    "unit_update",
]

# What a unit administrator may change on their own unit (the rest is for system administrators).
UNIT_SETTINGS_FIELDS = (
    "short_name",
    "review_body_override",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "office_web",
    "report_due_month",
    "report_due_day",
)


@transaction.atomic
def unit_create(*, actor: Any, ip: str | None = None, **fields: Any) -> Unit:
    """Create a unit after full validation and audit it."""
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    audit(actor=actor, action="unit.create", obj=unit, details=model_snapshot(unit), ip=ip)
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, ip: str | None = None, **changes: Any) -> Unit:
    """Change fields of a unit after full validation; the audit row records old and new values."""
    before = model_snapshot(unit)
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    after = model_snapshot(unit)
    diff = {k: {"old": before[k], "new": after[k]} for k in after if before.get(k) != after[k]}
    if diff:
        audit(actor=actor, action="unit.update", obj=unit, details=diff, ip=ip)
    return unit


@transaction.atomic
def unit_delete(*, actor: Any, unit: Unit, ip: str | None = None) -> None:
    """Delete a unit (refused by the database while it has subordinate units) and audit it."""
    snapshot = model_snapshot(unit)
    audit(actor=actor, action="unit.delete", obj=unit, details=snapshot, ip=ip)
    unit.delete()


@transaction.atomic
def membership_add(
    *, actor: Any, unit: Unit, user: Any, role: str, is_supervisor: bool = False, ip: str | None = None
) -> Membership:
    """Give ``user`` a role in ``unit`` (validated: role known, supervisor only on a government)."""
    membership = Membership(unit=unit, user=user, role=role, is_supervisor=is_supervisor)
    membership.full_clean()
    membership.save()
    audit(
        actor=actor,
        action="membership.add",
        obj=membership,
        details={"unit": unit.pk, "user": user.get_username(), "role": role, "is_supervisor": is_supervisor},
        ip=ip,
    )
    return membership


@transaction.atomic
def membership_update(*, actor: Any, membership: Membership, ip: str | None = None, **changes: Any) -> Membership:
    """Change a membership (role or supervisor flag) and audit old and new values."""
    before = model_snapshot(membership)
    for name, value in changes.items():
        setattr(membership, name, value)
    membership.full_clean()
    membership.save()
    after = model_snapshot(membership)
    diff = {k: {"old": before[k], "new": after[k]} for k in after if before.get(k) != after[k]}
    if diff:
        audit(actor=actor, action="membership.update", obj=membership, details=diff, ip=ip)
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership, ip: str | None = None) -> None:
    """Take a role away from a person and audit it."""
    audit(
        actor=actor,
        action="membership.remove",
        obj=membership,
        details={
            "unit": membership.unit_id,
            "user": membership.user.get_username(),
            "role": membership.role,
            "is_supervisor": membership.is_supervisor,
        },
        ip=ip,
    )
    membership.delete()
