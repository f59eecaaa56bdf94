"""Every change to units and memberships, each in one transaction with its audit row."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction

from xxgk.apps.units.audit import audit, model_snapshot, snapshot_diff
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

_M = TypeVar("_M", Unit, Membership)

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


def _update_audited(obj: _M, action: str, *, actor: Any, ip: str | None, changes: dict[str, Any]) -> _M:
    """Apply ``changes`` to ``obj``, validate and save it, and audit the old and new values that differ."""
    before = model_snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    diff = snapshot_diff(before, model_snapshot(obj))
    if diff:
        audit(actor=actor, action=action, obj=obj, details=diff, ip=ip)
    return obj


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
    return _update_audited(unit, "unit.update", actor=actor, ip=ip, changes=changes)


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
    return _update_audited(membership, "membership.update", actor=actor, ip=ip, changes=changes)


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
