"""Reads: table 二 cells from the catalogue and figures, late publications per unit, drafts due soon."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.apps.catalogue.conftest import draft_fields
from tests.factories import UnitFactory
from xxgk.apps.catalogue.selectors import drafts_due, late_publication_counts, late_publications, table2_cells
from xxgk.apps.catalogue.services import entry_create, version_transition
from xxgk.apps.catalogue.services.figures import figures_save

pytestmark = pytest.mark.django_db


def _publish(unit: Any, on: dt.date, **fields: Any) -> Any:
    entry = entry_create(actor=None, unit=unit, fields=draft_fields(**fields))
    now = dt.datetime.combine(on, dt.time(10), tzinfo=dt.UTC)
    version = version_transition(actor=None, version=entry.versions.get(), name="submit", now=now)
    version = version_transition(actor=None, version=version, name="approve", now=now)
    return version_transition(actor=None, version=version, name="publish", now=now, published_on=on)


def test_table2_counts_the_current_published_versions_and_the_figures(unit: Any) -> None:
    normative = {"kind": "行政规范性文件"}
    _publish(unit, dt.date(2024, 1, 10), effective_on=dt.date(2024, 2, 1), **normative)
    _publish(unit, dt.date(2023, 1, 10), effective_on=dt.date(2023, 2, 1), repealed_on=dt.date(2024, 5, 1), **normative)
    _publish(unit, dt.date(2023, 1, 10), effective_on=dt.date(2023, 2, 1), validity="失效", **normative)
    withdrawn = _publish(unit, dt.date(2024, 1, 10), effective_on=dt.date(2024, 2, 1), **normative)
    version_transition(actor=None, version=withdrawn, name="withdraw", reason="误发")
    _publish(unit, dt.date(2024, 3, 1), kind="规章", effective_on=dt.date(2024, 4, 1))
    entry_create(actor=None, unit=unit, fields=draft_fields(kind="规章", effective_on=dt.date(2024, 4, 1)))
    figures_save(
        actor=None, unit=unit, year=2024, licensing=5, punishment=2, coercion=0, fees=Decimal("3.5000"), source="台账"
    )
    assert table2_cells(unit=unit, year=2024) == {
        "t2.regulations.issued": 1,
        "t2.regulations.repealed": 0,
        "t2.regulations.in_force": 1,
        "t2.normative_documents.issued": 1,
        "t2.normative_documents.repealed": 1,
        "t2.normative_documents.in_force": 1,
        "t2.licensing.decisions": 5,
        "t2.punishment.decisions": 2,
        "t2.coercion.decisions": 0,
        "t2.fees.amount": Decimal("3.5"),
    }
    assert table2_cells(unit=UnitFactory(), year=2024)["t2.fees.amount"] == 0


def test_late_publications_are_counted_per_unit_on_the_working_day_calendar(unit: Any, calendar: Any) -> None:
    other = UnitFactory()
    # Formed Friday 2024-02-02: with 2月4日 and 2月18日 worked and 2月10日–17日 off, the 20th working day is 3月6日.
    _publish(unit, dt.date(2024, 3, 6), formed_on=dt.date(2024, 2, 2))
    late = _publish(unit, dt.date(2024, 3, 7), formed_on=dt.date(2024, 2, 2))
    _publish(unit, dt.date(2025, 3, 6), formed_on=dt.date(2024, 2, 2))  # late, but published in another year
    assert late_publication_counts(unit_ids=[unit.pk, other.pk], year=2024, calendar=calendar) == {
        unit.pk: 1,
        other.pk: 0,
    }
    [(entry, due)] = late_publications(unit_ids=[unit.pk], year=2024, calendar=calendar)
    assert entry.pk == late.entry_id and due == dt.date(2024, 3, 6)


def test_late_publication_counts_loads_the_database_calendar_when_none_is_given(unit: Any) -> None:
    _publish(unit, dt.date(2024, 6, 28), formed_on=dt.date(2024, 1, 2))
    assert late_publication_counts(unit_ids=[unit.pk], year=2024) == {unit.pk: 1}


def test_drafts_due_soon_and_overdue_are_listed_most_urgent_first(unit: Any, calendar: Any) -> None:
    today = dt.date(2024, 6, 3)
    overdue = entry_create(actor=None, unit=unit, fields=draft_fields(formed_on=dt.date(2024, 4, 1)))
    soon = entry_create(actor=None, unit=unit, fields=draft_fields(formed_on=dt.date(2024, 5, 13)))
    entry_create(actor=None, unit=unit, fields=draft_fields(formed_on=dt.date(2024, 6, 1)))  # not yet due soon
    found = drafts_due(unit=unit, today=today, calendar=calendar)
    assert [d.version.entry_id for d in found] == [overdue.pk, soon.pk]
    assert found[0].overdue and not found[1].overdue
    assert 0 <= found[1].days_left <= 5
