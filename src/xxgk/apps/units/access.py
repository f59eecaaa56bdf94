"""Who may see and act in which unit — checked on every page and every query.

A person sees and acts only in the units they belong to (Membership). A member
of a people's government with the supervisor flag also sees every unit below
it, read-only. A system administrator (``is_superuser``) sees and acts
everywhere. Views use ``require_view``/``require_act`` (or the ``unit_access``
decorator) and querysets filter on ``visible_units``/``actable_units``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from xxgk.apps.units.models import Membership, Unit

__all__ = [
    "SESSION_KEY",
    "actable_units",
    "can_act",
    "can_view",
    "current_unit",
    "require_act",
    "require_view",
    "roles_in",
    "unit_access",
    "visible_units",
]

SESSION_KEY = "xxgk_current_unit"
VIEW_DENIED = "您无权查看该单位的信息：您不是该单位的工作人员，也不负责监督该单位。"
ACT_DENIED = "您无权在该单位办理此事项：该操作需要本单位相应角色的人员办理。"


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def _is_staff_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _visible_ids(user: Any) -> set[int]:
    """Ids of the units ``user`` belongs to plus the subordinates of units they supervise."""
    ids: set[int] = set()
    for unit_id, is_supervisor, kind in Membership.objects.filter(user=user).values_list(
        "unit_id", "is_supervisor", "unit__kind"
    ):
        ids.add(unit_id)
        if is_supervisor and kind == "人民政府":
            ids |= Unit(pk=unit_id).descendant_ids()
    return ids


def visible_units(user: Any) -> QuerySet[Unit]:
    """Units ``user`` may see: their own, the subordinates they supervise; all for a system admin."""
    if not _is_staff_user(user):
        return Unit.objects.none()
    if _is_admin(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=_visible_ids(user))


def actable_units(user: Any, roles: Iterable[str] | None = None) -> QuerySet[Unit]:
    """Units where ``user`` holds one of ``roles`` (any role if None); all for a system admin."""
    if not _is_staff_user(user):
        return Unit.objects.none()
    if _is_admin(user):
        return Unit.objects.all()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Unit.objects.filter(pk__in=memberships.values("unit_id"))


def roles_in(user: Any, unit: Unit) -> set[str]:
    """The roles ``user`` holds in ``unit`` (empty for a supervisor or a stranger)."""
    if not _is_staff_user(user):
        return set()
    return set(Membership.objects.filter(user=user, unit=unit).values_list("role", flat=True))


def can_view(user: Any, unit: Unit) -> bool:
    """Whether ``user`` may see ``unit`` and what happens in it."""
    if not _is_staff_user(user):
        return False
    return _is_admin(user) or unit.pk in _visible_ids(user)


def can_act(user: Any, unit: Unit, *roles: str) -> bool:
    """Whether ``user`` may act in ``unit`` holding one of ``roles`` (any role if none given)."""
    if not _is_staff_user(user):
        return False
    if _is_admin(user):
        return True
    held = roles_in(user, unit)
    return bool(held & set(roles)) if roles else bool(held)


def require_view(user: Any, unit: Unit) -> None:
    """Raise PermissionDenied (with a Chinese message) unless ``user`` may see ``unit``."""
    if not can_view(user, unit):
        raise PermissionDenied(VIEW_DENIED)


def require_act(user: Any, unit: Unit, *roles: str) -> None:
    """Raise PermissionDenied (with a Chinese message) unless ``user`` may act in ``unit``."""
    if not can_act(user, unit, *roles):
        raise PermissionDenied(ACT_DENIED if can_view(user, unit) else VIEW_DENIED)


def current_unit(request: HttpRequest) -> Unit | None:
    """The unit chosen in the header switcher, else the user's first unit; None if they have none."""
    user = request.user
    if not _is_staff_user(user):
        return None
    if hasattr(request, "_xxgk_current_unit"):
        return request._xxgk_current_unit
    unit = None
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        unit = Unit.objects.filter(pk=chosen).first()
        if unit is not None and not can_view(user, unit):
            unit = None
    if unit is None:
        unit = actable_units(user).order_by("name").first() or visible_units(user).order_by("name").first()
    request._xxgk_current_unit = unit
    return unit


def unit_access(*roles: str, act: bool = False, kwarg: str = "unit_id") -> Callable[..., Any]:
    """Decorate a view taking ``unit_id``: log-in required, unit loaded, access checked.

    With ``act=True`` (or any ``roles``) the user must be able to act in the
    unit; otherwise viewing is enough. The view receives ``unit=`` instead of
    the id. Anonymous users are sent to the login page.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            unit = get_object_or_404(Unit, pk=kwargs.pop(kwarg))
            if act or roles:
                require_act(request.user, unit, *roles)
            else:
                require_view(request.user, unit)
            return view(request, *args, unit=unit, **kwargs)

        return wrapped

    return decorator
