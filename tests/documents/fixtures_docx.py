"""DOCX renderings of the official-layout report, built with python-docx (merged cells as Word merges them)."""

from __future__ import annotations

import io
from functools import cache

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.table import Table

from tests.documents.fixtures_report import BODY, Spec, table2, table3, table4

TABLES = {"t2": table2, "t3": lambda: table3("\n"), "t4": table4}


def add_table(container: object, specs: list[Spec]) -> Table:
    """Add a table to a document or cell, merging cells as the specs span."""
    height = max(s.row + s.rowspan - 1 for s in specs)
    width = max(s.col + s.colspan - 1 for s in specs)
    table = container.add_table(rows=height, cols=width)  # type: ignore[attr-defined]
    for s in specs:
        cell = table.cell(s.row - 1, s.col - 1)
        if s.rowspan > 1 or s.colspan > 1:
            cell = cell.merge(table.cell(s.row + s.rowspan - 2, s.col + s.colspan - 2))
        cell.text = s.text
    return table


@cache  # python-docx merges are slow to build; the bytes never change
def report_docx(*, page_breaks: bool = False, rendered_breaks: bool = False, layout_table: bool = False) -> bytes:
    """The whole report as DOCX bytes.

    ``page_breaks`` puts a hard page break before sections 三 and 四;
    ``rendered_breaks`` marks the same places with ``w:lastRenderedPageBreak``
    as Word does when it saves a document it has laid out; ``layout_table``
    wraps the report in a one-row table whose first cell is a navigation column.
    """
    document = docx.Document()
    container: object = document
    if layout_table:
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "栏目导航"
        container = outer.cell(0, 1)
    for kind, value in BODY:
        if kind == "p":
            new_page = str(value).startswith(("三、", "四、"))
            paragraph = container.add_paragraph()  # type: ignore[attr-defined]
            if new_page and page_breaks:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
                paragraph = container.add_paragraph()  # type: ignore[attr-defined]
            run = paragraph.add_run()
            if new_page and rendered_breaks:
                run._r.append(OxmlElement("w:lastRenderedPageBreak"))
            run.add_text(str(value))
        else:
            add_table(container, TABLES[str(value)]())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
