"""Reads of the public column: the county's units, a unit's published entries by item, theme and directory line.

Everything the public sees comes through ``catalogue.selectors.public_entries``
(published, not withdrawn), so a withdrawn entry cannot appear here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from xxgk.apps.catalogue.models import Attachment, DirectoryLine, Entry, Version
from xxgk.apps.catalogue.selectors import public_entries
from xxgk.apps.public.models import DisclosurePages
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.metadata import ITEM_LABELS, THEMES

__all__ = [
    "BROWSE_KINDS",
    "Facet",
    "browse_entries",
    "column_facets",
    "county_root",
    "disclosure_pages",
    "facet_label",
    "public_attachment",
    "public_entry",
    "published_history",
    "units_with_counts",
]

BROWSE_KINDS = ("item", "theme", "line")
_FIELD = {"item": "current__item", "theme": "current__theme", "line": "current__directory_line"}


@dataclass(frozen=True)
class Facet:
    """One way into a unit's published entries: its key, its label and how many entries it holds."""

    key: str
    label: str
    count: int


def county_root() -> Unit | None:
    """The county's own government: the top unit of the tree (the one with the most units below it)."""
    roots = list(Unit.objects.filter(parent__isnull=True).annotate(n=Count("children")).order_by("-n", "name"))
    return roots[0] if roots else None


def disclosure_pages(unit: Unit) -> DisclosurePages:
    """The unit's own texts (an unsaved empty record when it has written none)."""
    return DisclosurePages.objects.filter(unit=unit).first() or DisclosurePages(unit=unit)


def column_facets(unit: Unit, kind: str) -> list[Facet]:
    """The facets of ``kind`` (item / theme / line) that hold published entries of ``unit``, in statutory order."""
    field = _FIELD[kind]
    grouped = public_entries(unit=unit).order_by().values_list(field).annotate(n=Count("pk"))
    counts = dict(grouped.values_list(field, "n"))
    if kind == "item":
        return [Facet(key, label, counts[key]) for key, label in ITEM_LABELS.items() if counts.get(key)]
    if kind == "theme":
        return [Facet(theme, theme, counts[theme]) for theme in THEMES if counts.get(theme)]
    lines = DirectoryLine.objects.filter(pk__in=[k for k in counts if k]).select_related("directory")
    return [
        Facet(str(line.pk), f"{line.directory.area}：{line}", counts[line.pk])
        for line in sorted(lines, key=lambda ln: (ln.directory.area, ln.directory_id, ln.position))
    ]


def facet_label(unit: Unit, kind: str, key: str) -> str | None:
    """The label of one facet of ``unit``, or None when it holds no published entry (or does not exist)."""
    return next((f.label for f in column_facets(unit, kind) if f.key == key), None)


def browse_entries(unit: Unit, *, kind: str = "", key: str = "") -> QuerySet[Entry]:
    """The unit's published entries, newest first, limited to one facet when ``kind`` and ``key`` are given."""
    entries = public_entries(unit=unit)
    if kind in _FIELD and key:
        entries = entries.filter(**{_FIELD[kind]: key})
    return entries


def public_entry(unit: Unit, pk: int) -> Entry | None:
    """A published entry of ``unit`` as the public may see it; None when withdrawn, unpublished or elsewhere."""
    return (
        public_entries(unit=unit)
        .select_related("current__directory_line__directory")
        .prefetch_related("current__attachments")
        .filter(pk=pk)
        .first()
    )


def published_history(entry: Entry) -> list[Version]:
    """The versions the public has seen, newest first: the current one and the corrected (superseded) ones."""
    return list(entry.versions.filter(state__in=["published", "superseded"]).order_by("-number"))


def public_attachment(entry: Entry, attachment_id: int) -> Attachment | None:
    """An attachment of the entry's current version (older versions' files are not served)."""
    return Attachment.objects.filter(pk=attachment_id, version_id=entry.current_id).first()


def units_with_counts() -> list[tuple[Unit, int, Any]]:
    """Every unit with its depth in the tree and its number of published entries."""
    from xxgk.apps.portal.views import _unit_tree

    counts = dict(public_entries().order_by().values_list("unit").annotate(n=Count("pk")).values_list("unit", "n"))
    return [(unit, depth, counts.get(unit.pk, 0)) for unit, depth in _unit_tree()]
