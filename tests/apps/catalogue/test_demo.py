"""The demo catalogue: dozens of entries per unit, repealed documents, a draft the scan catches, figures."""

from __future__ import annotations

from typing import Any

import pytest

from xxgk.apps.catalogue.demo import DEMO_YEAR, load_demo_catalogue
from xxgk.apps.catalogue.models import Entry, ScanFinding, UnitYearFigures
from xxgk.apps.catalogue.selectors import public_entries, table2_cells

pytestmark = pytest.mark.django_db


def test_every_unit_gets_a_catalogue_once(unit: Any, django_capture_on_commit_callbacks: Any) -> None:
    load_demo_catalogue()
    load_demo_catalogue()
    entries = Entry.objects.filter(unit=unit)
    assert public_entries(unit=unit).count() >= 30
    themes = set(public_entries(unit=unit).values_list("current__theme", flat=True))
    items = set(public_entries(unit=unit).values_list("current__item", flat=True))
    assert len(themes) >= 6 and len(items) >= 12
    assert entries.filter(status="withdrawn").count() == 1
    assert entries.filter(versions__number=2, versions__state="published").count() == 1
    finding = ScanFinding.objects.get(version__entry__unit=unit)
    assert finding.kind == "身份证号码" and finding.acknowledged_at is None
    assert unit.directories.get().lines.count() == 4
    cells = table2_cells(unit=unit, year=DEMO_YEAR)
    assert cells["t2.normative_documents.repealed"] == 2 and cells["t2.normative_documents.issued"] == 2
    assert cells["t2.licensing.decisions"] == UnitYearFigures.objects.get(unit=unit, year=DEMO_YEAR).licensing
    numbers = list(entries.exclude(index_number=None).values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers)) and all(n.startswith(unit.org_code + "/") for n in numbers)
