"""Write a report as plain text in the layout of text copied out of an official web page.

This is the layout of the seed (tests/data/seed-qinxiang-2022.txt): the title,
each section heading followed by its paragraphs, and each table as one cell
per line prefixed by a tab, an empty line after every table row. A cell that
continues a merged cell from the row above prints as an empty cell, and the
narrow header cells break over two lines as the web page prints them.
"""

from __future__ import annotations

from xxgk.core.report.layout import SECTIONS, T3_COLUMNS, T4_RESULTS
from xxgk.core.report.model import Report
from xxgk.documents.write_grid import (
    Slot,
    Table,
    expanded,
    report_tables,
    report_title,
    section_heading,
    section_paragraphs,
)

__all__ = ["report_text", "text_table"]

# Header cells that the official web page prints on two lines (as in the seed).
_T3_BROKEN = {label: f"{label[:2]}\n{label[2:]}" for key, label in T3_COLUMNS if key in ("commercial", "research")}
_T4_BROKEN = {label: f"{label[:2]}\n{label[2:]}" for key, label in T4_RESULTS if key != "total"}


def _printed(table: Table, row_index: int, slot: Slot) -> str:
    """The printed text of an origin cell, with the seed's line breaks in narrow header cells."""
    text = slot.cell.text
    if table.key == "table3" and row_index == 2:
        return _T3_BROKEN.get(text, text)
    if table.key == "table4" and row_index in (1, 2):
        # In the second header row the first label (结果维持) is wide enough to stay on one line.
        first = row_index == 1 and text == T4_RESULTS[0][1]
        return text if first else _T4_BROKEN.get(text, text)
    return text


def text_table(table: Table) -> list[str]:
    """The lines of one table: per row, one tab-prefixed line per cell, then an empty line."""
    lines: list[str] = []
    for r, row in enumerate(expanded(table)):
        for slot in row:
            if slot.column_offset:
                continue
            lines.append("\t" + (_printed(table, r, slot) if slot.row_offset == 0 else ""))
        lines.append("")
    return lines


def report_text(report: Report) -> str:
    """The report as plain text in the seed's layout (LF line ends, ending with a newline)."""
    out = [report_title(report), ""]
    tables = report_tables(report)
    for key, _ in SECTIONS:
        out.append(section_heading(report, key))
        paragraphs = section_paragraphs(report, key)
        if key in tables:
            for paragraph in paragraphs:
                out += [paragraph, ""]
            out += [*text_table(tables[key]), ""]
        else:
            out.append("")
            for paragraph in paragraphs:
                out += [paragraph, ""]
    return "\n".join(out).rstrip("\n") + "\n"
