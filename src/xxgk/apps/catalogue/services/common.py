"""What the catalogue services share: role checks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from xxgk.apps.units.access import can_act
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.states import MEMBERSHIP_ROLES, Role

__all__ = ["require_role"]

_REFUSALS = {
    Role.AUTHOR: "您在本单位没有起草或修改主动公开信息的角色。",
    Role.REVIEWER: "只有本单位的审核人可以审核、发布或撤回主动公开信息。",
    Role.SYSTEM: "该操作只能由系统执行。",
}


def require_role(actor: Any, unit: Unit, role: Role) -> None:
    """Staff need a membership role acting as ``role`` in ``unit``; ``actor=None`` is the system (import, timer)."""
    if actor is None:
        return
    if role is Role.SYSTEM or not can_act(actor, unit, *MEMBERSHIP_ROLES[role]):
        raise PermissionDenied(_REFUSALS[role])
