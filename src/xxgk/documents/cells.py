"""The flat cell export: CSV with header ``address,value``, one row per cell (spec annual-report.md §5).

Rows follow the print order of tables 二, 三 and 四 for the formats the
report prints; ``value`` is the canonical number, empty for blank, ``NA`` for
na, or the verbatim text.
"""

from __future__ import annotations

import csv
import io

from xxgk.core.report.layout import cell_addresses
from xxgk.core.report.model import Report
from xxgk.documents.errors import ReadError

__all__ = ["CELLS_HEADER", "CellsCsvError", "cells_from_csv", "report_addresses", "report_to_cells_csv"]

CELLS_HEADER = ("address", "value")


class CellsCsvError(ReadError):
    """The text is not a flat cell export (header ``address,value``)."""

    message_zh = "单元格 CSV 格式不正确：第一行应为 address,value，其后每行一个单元格地址和值。"


def report_addresses(report: Report) -> list[str]:
    """The addresses of every cell the report prints, in the order of spec §5."""
    addresses = cell_addresses(report.t2_format, report.t3_format)
    if not report.has_t4:
        addresses = [a for a in addresses if not a.startswith("t4.")]
    return addresses


def report_to_cells_csv(report: Report) -> str:
    """The report's cells as CSV text (LF line ends), one ``address,value`` row per cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CELLS_HEADER)
    for address in report_addresses(report):
        writer.writerow((address, report.cell(address).value))
    return buffer.getvalue()


def cells_from_csv(text: str) -> dict[str, str]:
    """Read a flat cell export into ``{address: value}`` (in file order); raise CellsCsvError if malformed."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or tuple(cell.strip() for cell in rows[0]) != CELLS_HEADER:
        raise CellsCsvError("missing header address,value")
    cells: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 2 or not row[0].strip():
            raise CellsCsvError(
                f"line {number}: expected 2 fields", f"单元格 CSV 第{number}行格式不正确：应为“地址,值”两列。"
            )
        address = row[0].strip()
        if address in cells:
            raise CellsCsvError(
                f"line {number}: duplicate address {address}", f"单元格 CSV 第{number}行：地址“{address}”重复。"
            )
        cells[address] = row[1]
    return cells
