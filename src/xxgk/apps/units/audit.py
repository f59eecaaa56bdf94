"""Writing the audit log: who did what to which object, when and from where."""

from __future__ import annotations

import logging
from typing import Any

from django.db import models
from django.http import HttpRequest

from xxgk.apps.units.models import AuditEntry

__all__ = ["audit", "client_ip", "model_snapshot"]

log = logging.getLogger("xxgk.audit")


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it (REMOTE_ADDR; proxies are not trusted)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def model_snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe plain values (foreign keys as ids)."""
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value changed between two snapshots, each as its old and new value."""
    return {k: {"old": before.get(k), "new": v} for k, v in after.items() if before.get(k) != v}


def audit(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    actor_name: str = "",
) -> AuditEntry:
    """Write one audit row (call inside the transaction of the change it records)."""
    user = actor if getattr(actor, "pk", None) is not None else None
    name = actor_name or (user.get_username() if user is not None else "")
    entry = AuditEntry.objects.create(
        actor=user,
        actor_name=name[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        details={k: _plain(v) for k, v in (details or {}).items()},
        ip=ip,
    )
    log.info("audit %s by %s on %s#%s", action, name or "-", entry.object_type or "-", entry.object_id or "-")
    return entry
