"""Template filters of the catalogue pages: one date style (2024年3月5日), state labels."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from xxgk.core.catalogue.states import STATE_LABELS, State

register = template.Library()


@register.filter
def cnday(value: dt.date | dt.datetime | None) -> str:
    """A date as 2024年3月5日 (a datetime in local time)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def version_state(value: str) -> str:
    """A version's state in Chinese."""
    try:
        return STATE_LABELS[State(value)]
    except ValueError:
        return value


@register.filter
def get_item(mapping: dict, key: str) -> object:
    """``mapping[key]`` in a template (cell addresses contain dots)."""
    return mapping.get(key, "")


@register.filter
def person(user: object, fallback: str = "系统") -> str:
    """A person's name as staff know it (full name, else user name); ``fallback`` for the system (imports, timer)."""
    if user is None:
        return fallback
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", "") or fallback)
