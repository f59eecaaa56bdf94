"""Write a report as Markdown: headings, paragraphs and one pipe table per statistical table.

Pipe tables cannot merge cells, so each table is printed as its expanded grid
(spec annual-report.md §2–§4): a cell covered by a row span repeats the label
of the cell above it (every value row names its group and its item), a cell
covered by a column span is left empty. The first printed row is the pipe
table's header row.
"""

from __future__ import annotations

import re

from xxgk.core.report.layout import SECTIONS
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

__all__ = ["markdown_table", "report_markdown"]

_MARKER_START = re.compile(r"^([#>]|[-+*=](?=\s|$))")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _escape(text: str) -> str:
    """Escape what would break a pipe table cell or start Markdown markup."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _escape_paragraph(text: str) -> str:
    """Keep a paragraph from being read as a heading, list, quote or table row."""
    text = text.replace("|", "\\|")
    text = _MARKER_START.sub(lambda m: "\\" + m.group(0), text, count=1)
    return _ORDERED_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def _slot_text(slot: Slot) -> str:
    if slot.is_origin:
        return slot.cell.text
    # A label covered by a row span repeats in its first column, so each row names its group and item;
    # anything covered by a column span stays empty.
    if slot.cell.header and slot.row_offset > 0 and slot.column_offset == 0:
        return slot.cell.text
    return ""


def markdown_table(table: Table) -> str:
    """One table as a pipe table whose rows are the table's expanded grid."""
    lines: list[str] = []
    for r, row in enumerate(expanded(table)):
        lines.append("| " + " | ".join(_escape(_slot_text(slot)) for slot in row) + " |")
        if r == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return "\n".join(lines)


def report_markdown(report: Report) -> str:
    """The report as Markdown text (title as ``#``, section headings as ``##``, pipe tables)."""
    out = [f"# {_escape_paragraph(report_title(report))}", ""]
    tables = report_tables(report)
    for key, _ in SECTIONS:
        out += [f"## {_escape_paragraph(section_heading(report, key))}", ""]
        for paragraph in section_paragraphs(report, key):
            out += [_escape_paragraph(paragraph), ""]
        if key in tables:
            out += [markdown_table(tables[key]), ""]
    return "\n".join(out)
