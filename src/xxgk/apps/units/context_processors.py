"""Template context for every page: the current unit and the units in the header switcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xxgk.apps.units.access import actable_units, current_unit, roles_in, visible_units
from xxgk.apps.units.models import Role

__all__ = ["platform"]

ROLE_LABELS = dict(Role.choices)


def platform(request: HttpRequest) -> dict[str, Any]:
    """``current_unit``, ``current_roles`` (Chinese labels) and ``switcher_units`` for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    unit = current_unit(request)
    units = (visible_units(user) if user.is_superuser else actable_units(user)).order_by("name")
    roles = sorted(roles_in(user, unit)) if unit is not None else []
    return {
        "current_unit": unit,
        "current_roles": [ROLE_LABELS[r] for r in roles],
        "switcher_units": list(units.only("pk", "name")[:200]),
    }
