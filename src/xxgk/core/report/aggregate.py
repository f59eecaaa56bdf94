"""The county's summary tables: tables 二, 三 and 四 summed cell by cell over units' reports.

条例第四十九条 second paragraph: a people's government publishes the summary
of its own and its departments' reports. A summed cell is a number only when
every unit's cell is one; otherwise it is blank and a rule that needs it is
not assessable (annual-report.md §5: never turn blank into 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from xxgk.core.report.layout import t2_addresses, t3_addresses, t4_addresses
from xxgk.core.report.model import Cell, Report

__all__ = ["sum_cells"]


def sum_cells(reports: Iterable[Report]) -> dict[str, Cell]:
    """Tables 二/三/四 (2021 format) as the cell-by-cell sum of ``reports``; blank where any is not a number."""
    addresses = [*t2_addresses(), *t3_addresses(), *t4_addresses()]
    totals: dict[str, Decimal | None] = dict.fromkeys(addresses, Decimal(0))
    for report in reports:
        for address in addresses:
            running = totals[address]
            number = report.number(address)
            totals[address] = None if running is None or number is None else running + number
    return {address: Cell.of(total) for address, total in totals.items()}
