"""The summary tables: cell-by-cell sums over units; a cell that is not a number makes its sum blank."""

from __future__ import annotations

from xxgk.core.report.aggregate import sum_cells
from xxgk.core.report.model import Cell, Kind, Report
from xxgk.core.report.rules import FAIL, check


def _unit(**cells: int | str) -> Report:
    return Report(cells={a.replace("__", "."): Cell.of(v) for a, v in cells.items()})


def test_each_summed_cell_is_the_sum_of_the_units_cells():
    a = _unit(t3__new_received__total=3, t2__fees__amount="1.25", t4__review__total=1)
    b = _unit(t3__new_received__total=4, t2__fees__amount="0.5", t4__review__total=0)
    summed = sum_cells([a, b])
    assert summed["t3.new_received.total"].value == "7"
    assert summed["t2.fees.amount"].value == "1.75"
    assert summed["t4.review.total"].value == "1"
    assert summed["t3.granted.natural_person"].kind is Kind.BLANK  # a cell no unit has is not assumed 0


def test_a_cell_that_is_not_a_number_in_any_unit_is_blank_in_the_sum():
    summed = sum_cells([_unit(t3__new_received__total=3), _unit(t3__new_received__total="/")])
    assert summed["t3.new_received.total"].kind is Kind.BLANK


def test_the_sum_of_balanced_reports_is_balanced():
    import datetime as dt

    from xxgk.core.cases.tables import CaseFact, table3

    one = table3([CaseFact(dt.date(2025, 3, 1), dt.date(2025, 3, 5), "granted", "natural_person")], 2025)
    two = table3([CaseFact(dt.date(2024, 12, 1), None, None, "commercial")], 2025)
    reports = [Report(cells={a: Cell.of(n) for a, n in t.items()}) for t in (one, two)]
    summed = Report(cells=sum_cells(reports))
    assert not [r for r in check(summed) if r.rule.startswith("T3") and r.status == FAIL]
