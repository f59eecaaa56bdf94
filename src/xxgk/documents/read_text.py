"""Read plain text copied out of a web page into a reading stream.

Two table layouts occur when people copy a report out of a browser:

- one cell per line (the seed): each cell line starts with a tab, a line
  holding only a tab is an empty cell, an empty line ends the row, and a
  non-empty line without a leading tab right after a cell continues that cell
  (header cells broken over two lines, e.g. ``商业`` / ``企业``);
- one row per line: the cells of a row separated by tabs.

A line without tabs after an empty line is running text and ends the table.
"""

from __future__ import annotations

import re

from xxgk.core.report.model import Place
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["read_text"]

_BLANK = re.compile(r"^[ \u00a0\u3000\u200b\ufeff\r]*$")
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")
_CONTINUATION_MAX = 40  # a longer line after a row is running text, not a broken cell


def read_text(text: str, source: str | None = None) -> Stream:
    """Turn plain text (tables as tab-separated cells) into a Stream with line places.

    Crawler headers and page navigation are dropped first; text whose table cells were run together
    (no separators) goes to ``read_runtogether``.
    """
    from xxgk.documents.read_runtogether import is_run_together, read_run_together, strip_page_furniture

    text = strip_page_furniture(text.replace("\r\n", "\n").replace("\r", "\n"))
    if is_run_together(text):
        return read_run_together(text, source)
    builder = _Builder()
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        builder.feed(line, number)
    builder.end_row()
    return Stream(items=builder.items, source=source, source_type="text")


class _Builder:
    """Collects rows and paragraphs line by line."""

    def __init__(self) -> None:
        self.items: list[Paragraph | TableRow] = []
        self.table = 0
        self.in_table = False
        self.row: list[list] = []  # [text, line, column-or-None]
        self.row_line = 0
        self.last_was_cell = False  # the previous line added to a cell (no empty line between)

    def feed(self, line: str, number: int) -> None:
        """Consume one line of the source."""
        if "\t" not in line:
            if _BLANK.match(line):
                self.end_row()
                self.last_was_cell = False
                return
            if self.last_was_cell and self.row and _continues(line):
                self.row[-1][0] += "\n" + line.strip()
                return
            self.end_row()
            self.in_table = False
            self.last_was_cell = False
            self.items.append(Paragraph(line.strip(), Place(line=number)))
            return
        if not self.in_table:
            self.table += 1
            self.in_table = True
        body = line[1:] if line.startswith("\t") else line
        if "\t" in body or not line.startswith("\t"):
            # One row per line: a complete row of tab-separated cells.
            self.end_row()
            cells = line.split("\t")
            self.row = [[c.strip(" \r"), number, i] for i, c in enumerate(cells, start=1)]
            self.row_line = number
            self.end_row()
            self.last_was_cell = True
            return
        if not self.row:
            self.row_line = number
        self.row.append([body.strip(" \r"), number, None])
        self.last_was_cell = True

    def end_row(self) -> None:
        """Emit the pending row, if any."""
        if not self.row:
            return
        cells = tuple(
            TextCell(text, Place(line=line, column=column) if column else Place(line=line))
            for text, line, column in self.row
        )
        self.items.append(TableRow(self.table, cells, Place(line=self.row_line)))
        self.row = []


def _continues(line: str) -> bool:
    """Whether a tab-less line right after a cell continues that cell rather than starting text."""
    stripped = line.strip()
    return len(stripped) <= _CONTINUATION_MAX and not _HEADING.match(stripped) and "。" not in stripped
