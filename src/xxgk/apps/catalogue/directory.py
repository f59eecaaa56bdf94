"""Standard directories: import one for an area (all lines or none) and show a unit's coverage line by line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xxgk.apps.catalogue.models import DirectoryLine, Entry, EntryStatus, StandardDirectory, Version
from xxgk.apps.units.access import can_act
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.catalogue.directory import DirectoryRow, effective_limit
from xxgk.core.catalogue.states import OPEN_STATES

__all__ = ["DIRECTORY_ROLES", "LineCoverage", "directory_coverage", "directory_import"]

DIRECTORY_ROLES = ("reviewer", "unit_admin")


@transaction.atomic
def directory_import(
    *, actor: Any, area: str, title: str, rows: list[DirectoryRow], units: Iterable[Unit], source_name: str = ""
) -> StandardDirectory:
    """Store a directory with its lines, applying to ``units`` (reviewers or unit administrators of each)."""
    units = list(units)
    for unit in units:
        if actor is not None and not can_act(actor, unit, *DIRECTORY_ROLES):
            raise PermissionDenied(f"您不能为“{unit.name}”导入标准目录（需要审核人或单位管理员角色）。")
    directory = StandardDirectory.objects.create(
        area=area.strip()[:100], title=title.strip()[:200], source_name=source_name[:200], imported_by=actor
    )
    directory.units.set(units)
    DirectoryLine.objects.bulk_create(
        DirectoryLine(directory=directory, position=i, time_limit_days=row.time_limit_days, **row.values)
        for i, row in enumerate(rows, 1)
    )
    for unit in units:
        audit(
            actor=actor, action="catalogue.directory", obj=unit, details={"directory": directory.pk, "lines": len(rows)}
        )
    return directory


@dataclass(frozen=True)
class LineCoverage:
    """One directory line for one unit and period: what was published, what is late or still open."""

    line: DirectoryLine
    published: list[Entry]
    late: list[Entry]
    overdue_drafts: list[Version]

    @property
    def missing(self) -> bool:
        """Nothing published against the line in the period."""
        return not self.published


def directory_coverage(
    *, unit: Unit, start: dt.date, end: dt.date, today: dt.date, calendar: WorkCalendar
) -> list[tuple[StandardDirectory, list[LineCoverage]]]:
    """Each directory of ``unit`` with its lines' coverage between ``start`` and ``end`` (both included)."""
    directories = list(unit.directories.order_by("area", "pk"))
    published = (
        Entry.objects.filter(
            unit=unit,
            status=EntryStatus.PUBLISHED,
            current__directory_line__directory__in=directories,
            published_on__gte=start,
            published_on__lte=end,
        )
        .select_related("current")
        .order_by("published_on", "pk")
    )
    by_line: dict[int, list[Entry]] = {}
    for entry in published:
        assert entry.current is not None
        by_line.setdefault(entry.current.directory_line_id or 0, []).append(entry)
    open_versions = Version.objects.filter(
        entry__unit=unit,
        entry__status=EntryStatus.UNPUBLISHED,
        state__in=[s.value for s in OPEN_STATES],
        directory_line__directory__in=directories,
        formed_on__isnull=False,
    ).select_related("entry")
    drafts: dict[int, list[Version]] = {}
    for version in open_versions:
        drafts.setdefault(version.directory_line_id or 0, []).append(version)
    result = []
    for directory in directories:
        rows = []
        for line in directory.lines.order_by("position"):
            days = effective_limit(line.time_limit_days)
            entries = by_line.get(line.pk, [])
            late = [
                e
                for e in entries
                if e.current
                and e.current.formed_on
                and e.published_on
                and e.published_on > calendar.add_working_days(e.current.formed_on, days)
            ]
            overdue = [
                v
                for v in drafts.get(line.pk, [])
                if v.formed_on and today > calendar.add_working_days(v.formed_on, days)
            ]
            rows.append(LineCoverage(line, entries, late, overdue))
        result.append((directory, rows))
    return result
