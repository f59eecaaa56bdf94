"""Reads of the catalogue app: what the public may see, table 二 cells, late publications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xxgk.apps.catalogue.models import Entry, EntryStatus

__all__ = ["public_entries"]


def public_entries(*, unit: Any = None) -> QuerySet[Entry]:
    """Entries the public may see: published and not withdrawn, with the version shown (``current``).

    ``unit`` limits them to one unit. Newest publication first.
    """
    entries = Entry.objects.filter(status=EntryStatus.PUBLISHED, current__isnull=False)
    if unit is not None:
        entries = entries.filter(unit=unit)
    return entries.select_related("unit", "current").order_by("-published_on", "-pk")
