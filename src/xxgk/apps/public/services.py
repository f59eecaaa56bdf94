"""Writes of the public column: a unit changes its guide and rules texts (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from xxgk.apps.public.models import DisclosurePages
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit

__all__ = ["EDITABLE_FIELDS", "disclosure_pages_update"]

EDITABLE_FIELDS = ("arrangement", "guide_notes", "rules")


@transaction.atomic
def disclosure_pages_update(*, actor: Any, unit: Unit, ip: str | None = None, **changes: str) -> DisclosurePages:
    """Save the unit's guide and rules texts; the audit row records which texts changed, old and new."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    pages, _created = DisclosurePages.objects.select_for_update().get_or_create(unit=unit)
    diff = {k: {"old": getattr(pages, k), "new": v} for k, v in changes.items() if getattr(pages, k) != v}
    if not diff:
        return pages
    for name, value in changes.items():
        setattr(pages, name, value)
    pages.updated_at = timezone.now()
    pages.updated_by = actor if getattr(actor, "pk", None) else None
    pages.save()
    audit(actor=actor, action="public.pages_update", obj=pages, details={"unit": unit.pk, "changes": diff}, ip=ip)
    return pages
