"""Reads of the catalogue app: what the public may see, table 二 cells, late publications, work lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from xxgk.apps.catalogue.models import Entry, EntryStatus, UnitYearFigures, Version
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.catalogue.deadline import DUE_SOON_WORKING_DAYS, is_late, publication_due, working_days_left
from xxgk.core.catalogue.metadata import EntryKind, Validity
from xxgk.core.catalogue.states import OPEN_STATES

__all__ = [
    "DraftDue",
    "drafts_due",
    "late_publication_counts",
    "late_publications",
    "public_entries",
    "table2_cells",
    "table2_cells_by_unit",
    "table2_entries",
]

# table 二 row key → the entry kind counted in it (annual-report.md §2, catalogue.md §7)
_T2_KIND_ROWS = {"regulations": EntryKind.REGULATION, "normative_documents": EntryKind.NORMATIVE}


def public_entries(*, unit: Any = None) -> QuerySet[Entry]:
    """Entries the public may see: published and not withdrawn, with the version shown (``current``).

    ``unit`` limits them to one unit. Newest publication first.
    """
    entries = Entry.objects.filter(status=EntryStatus.PUBLISHED, current__isnull=False)
    if unit is not None:
        entries = entries.filter(unit=unit)
    return entries.select_related("unit", "current").order_by("-published_on", "-pk")


def table2_cells(*, unit: Any, year: int) -> dict[str, int | Decimal]:
    """Table 二 of ``unit`` for ``year``, keyed by the spec's t2 cell addresses (annual-report.md §2).

    规章 / 行政规范性文件 come from the published catalogue (the current version of
    each published entry): 本年制发 = took effect in the year, 本年废止 = repealed
    in the year, 现行有效 = in force on 31 December (took effect by then, neither
    repealed nor lapsed by then; one marked 失效 without a date counts as
    lapsed). 行政许可 / 行政处罚 / 行政强制 and 行政事业性收费 (万元) are the
    figures entered or imported for the unit and year (0 if none).
    """
    return table2_cells_by_unit(unit_ids=[unit.pk], year=year)[unit.pk]


def _t2_column_q(year: int) -> dict[str, Q]:
    """Which published entries each counted column of table 二 takes (see ``table2_cells``)."""
    end = dt.date(year, 12, 31)
    return {
        "issued": Q(current__effective_on__year=year),
        "repealed": Q(current__repealed_on__year=year),
        "in_force": Q(current__effective_on__lte=end)
        & ~Q(current__repealed_on__lte=end)
        & ~Q(current__lapsed_on__lte=end)
        & ~Q(current__validity=Validity.LAPSED.value, current__lapsed_on__isnull=True),
    }


def table2_entries(*, unit: Any, year: int, address: str) -> QuerySet[Entry] | None:
    """The published entries counted in one cell of table 二 (None for a cell that is entered, not counted)."""
    parts = address.split(".")
    if (
        len(parts) != 3
        or parts[0] != "t2"
        or parts[1] not in _T2_KIND_ROWS
        or parts[2] not in ("issued", "repealed", "in_force")
    ):
        return None
    q = _t2_column_q(year)[parts[2]]
    entries = Entry.objects.filter(unit=unit, status=EntryStatus.PUBLISHED, current__isnull=False)
    return entries.filter(q, current__kind=_T2_KIND_ROWS[parts[1]].value).select_related("current").order_by("pk")


def table2_cells_by_unit(*, unit_ids: Iterable[int], year: int) -> dict[int, dict[str, int | Decimal]]:
    """Table 二 of ``year`` for each unit (as ``table2_cells``), by one grouped query per entry kind."""
    ids = list(unit_ids)
    columns = _t2_column_q(year)
    published = Entry.objects.filter(unit_id__in=ids, status=EntryStatus.PUBLISHED, current__isnull=False)
    out: dict[int, dict[str, int | Decimal]] = {}
    for uid in ids:
        cells: dict[str, int | Decimal] = {}
        for row in _T2_KIND_ROWS:
            cells.update({f"t2.{row}.issued": 0, f"t2.{row}.repealed": 0, f"t2.{row}.in_force": 0})
        cells.update(
            {
                "t2.licensing.decisions": 0,
                "t2.punishment.decisions": 0,
                "t2.coercion.decisions": 0,
                "t2.fees.amount": Decimal(0),
            }
        )
        out[uid] = cells
    for row, kind in _T2_KIND_ROWS.items():
        groups = (
            published.filter(current__kind=kind.value)
            .values("unit_id")
            .annotate(**{column: Count("pk", filter=q) for column, q in columns.items()})
            .order_by()
        )
        for group in groups:
            for column in ("issued", "repealed", "in_force"):
                out[group["unit_id"]][f"t2.{row}.{column}"] = group[column]
    for figures in UnitYearFigures.objects.filter(unit_id__in=ids, year=year):
        cells = out[figures.unit_id]
        cells["t2.licensing.decisions"] = figures.licensing
        cells["t2.punishment.decisions"] = figures.punishment
        cells["t2.coercion.decisions"] = figures.coercion
        cells["t2.fees.amount"] = figures.fees.normalize()
    return out


def _first_publications(unit_ids: Iterable[int], year: int) -> QuerySet[Entry]:
    """Entries first published in ``year`` (including those withdrawn since), with the first version's 生成日期."""
    return (
        Entry.objects.filter(unit_id__in=list(unit_ids), published_on__year=year)
        .annotate(first_number=Min("versions__number", filter=Q(versions__published_at__isnull=False)))
        .select_related("unit", "current")
    )


def late_publications(*, unit_ids: Iterable[int], year: int, calendar: WorkCalendar) -> list[tuple[Entry, dt.date]]:
    """Entries first published in ``year`` after their limit (条例第二十六条), each with its limit."""
    entries = list(_first_publications(unit_ids, year))
    formed = dict(
        Version.objects.filter(
            entry__in=entries, number__in={e.first_number for e in entries if e.first_number}
        ).values_list("entry_id", "formed_on")
        if entries
        else []
    )
    late = []
    for entry in entries:
        formed_on = formed.get(entry.pk)
        if formed_on and entry.published_on and is_late(formed_on, entry.published_on, calendar):
            late.append((entry, publication_due(formed_on, calendar)))
    return sorted(late, key=lambda pair: (pair[0].published_on, pair[0].pk))


def late_publication_counts(
    *, unit_ids: Iterable[int], year: int, calendar: WorkCalendar | None = None
) -> dict[int, int]:
    """Per unit id: how many entries first published in ``year`` missed the 20-working-day limit (0 for none)."""
    ids = list(unit_ids)
    if calendar is None:
        from xxgk.apps.workcalendar.selectors import load_calendar

        calendar = load_calendar()
    counts = dict.fromkeys(ids, 0)
    for entry, _ in late_publications(unit_ids=ids, year=year, calendar=calendar):
        counts[entry.unit_id] += 1
    return counts


@dataclass(frozen=True)
class DraftDue:
    """A version on its way to publication with its limit and working days left (negative: overdue)."""

    version: Version
    due: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        """Whether the limit has passed."""
        return self.days_left < 0


def drafts_due(
    *, unit: Any, today: dt.date, calendar: WorkCalendar, soon: int = DUE_SOON_WORKING_DAYS
) -> list[DraftDue]:
    """Unpublished drafts of ``unit`` whose limit is within ``soon`` working days or past, most urgent first."""
    versions = Version.objects.filter(
        entry__unit=unit,
        entry__status=EntryStatus.UNPUBLISHED,
        state__in=[s.value for s in OPEN_STATES],
        formed_on__isnull=False,
    ).select_related("entry")
    found = []
    for version in versions:
        assert version.formed_on is not None
        due = publication_due(version.formed_on, calendar)
        left = working_days_left(due, today, calendar)
        if left <= soon:
            found.append(DraftDue(version, due, left))
    return sorted(found, key=lambda d: (d.days_left, d.version.pk))
