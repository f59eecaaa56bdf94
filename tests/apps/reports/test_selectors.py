"""The drill-down: every cell of tables 三 and 四 lists exactly the cases it counts (applications.md §8–§9)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.apps.reports.ledger_data import import_rows
from xxgk.apps.cases.models import ReviewCase
from xxgk.apps.cases.selectors import table3_cells, table4_cells
from xxgk.apps.reports.selectors import (
    UnknownCell,
    cell_ref,
    report_years,
    review_cases_in_cell,
    t3_cases_in_cell,
)
from xxgk.core.cases.tables import CountingRule
from xxgk.core.report.layout import t3_addresses, t4_addresses

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_table3_cell_lists_as_many_cases_as_it_counts(unit, calendar, year):
    import_rows(unit, calendar)
    cells = table3_cells([unit.pk], year)
    for address in t3_addresses():
        assert t3_cases_in_cell([unit.pk], year, cell_ref(address)).count() == cells[address], address


def test_a_cell_lists_the_right_cases(unit, calendar):
    import_rows(unit, calendar)
    numbers = lambda address: [c.number for c in t3_cases_in_cell([unit.pk], 2025, cell_ref(address))]  # noqa: E731
    assert numbers("t3.granted.natural_person") == ["2024-0009", "2025-0001", "2025-0002"]
    assert numbers("t3.carried_forward.total") == ["2025-0006", "2025-0007"]
    assert numbers("t3.carried_over.total") == ["2024-0009"]


def _reviews(unit):
    specs = [
        ("review", dt.date(2025, 2, 1), "upheld", dt.date(2025, 5, 1)),
        ("review", dt.date(2025, 3, 1), "corrected", dt.date(2026, 2, 1)),  # pending at the end of 2025
        ("litigation_direct", dt.date(2024, 11, 1), "other", dt.date(2025, 1, 15)),  # counted in 2025 when concluded
        ("litigation_after_review", dt.date(2025, 9, 1), "", None),
    ]
    for kind, filed, key, on in specs:
        ReviewCase.objects.create(
            unit=unit, kind=kind, body="某县人民政府", filed_on=filed, result_key=key, result_on=on
        )


@pytest.mark.parametrize("rule", list(CountingRule))
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_table4_cell_lists_as_many_reviews_as_it_counts(unit, year, rule):
    _reviews(unit)
    cells = table4_cells([unit.pk], year, rule)
    for address in t4_addresses():
        assert review_cases_in_cell([unit.pk], year, cell_ref(address), rule).count() == cells[address], address


@pytest.mark.parametrize(
    "address",
    ["t3.granted", "t3.granted.nobody", "t3.other_handling.total", "t2.rules.issued", "t4.review.late", "x"],
)
def test_an_unknown_address_is_refused(address):
    with pytest.raises(UnknownCell):
        cell_ref(address)


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("t3.granted.natural_person", "表三 （一）予以公开 · 自然人"),
        ("t4.litigation_direct.pending", "表四 未经复议直接起诉 · 尚未审结"),
    ],
)
def test_a_cell_is_named_in_chinese(address, label):
    assert cell_ref(address).label == label


def test_report_years_are_those_with_cases_or_reviews(unit, calendar):
    assert report_years(unit) == []
    import_rows(unit, calendar)
    _reviews(unit)
    assert report_years(unit) == [2026, 2025, 2024]
