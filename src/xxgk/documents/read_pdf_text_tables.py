"""Find tables printed without ruling lines from the positions of their text (borderless, 三线表, frame only).

PDFs exported from web pages often print the statistical tables without
borders, or with horizontal rules only. There the table is found from the
text itself: a *value line* is a printed line whose right part is a run of
separate numbers (or 不适用 marks such as ``/``), left of which only label text
stands. Consecutive value lines form a table; its columns are found by
clustering the numbers' horizontal extents across all its lines, so every
number stays whole and in its own column (a column in which no row prints
anything cannot be seen). Label lines that carry no numbers (a label wrapped
over two or three lines, with the numbers centred beside it) are attached to
the nearest value line. Multi-column text lines just above the table become
header rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.core.report.model import Kind, Place, parse_value
from xxgk.documents.read_pdf_lines import CJK, Line
from xxgk.documents.read_pdf_text_headers import CharRun, header_rows, is_header_line, slot_bounds
from xxgk.documents.stream import TableRow, TextCell

__all__ = ["Segment", "TextTable", "column_of", "find_text_tables", "segments"]

_ATTACH_GAP = 0.6  # a label line this close (× font size) above the first or below the last value line belongs to it
_RUN_GAP = 4.0  # value lines further apart than this (× line height) are separate tables
_MAX_HEADER_LINES = 8


@dataclass
class Segment(CharRun):
    """A run of characters on one line with no wide gap inside: one cell's text on that line."""

    @property
    def is_value(self) -> bool:
        """Whether the segment is a number or a 不适用 mark (never a label)."""
        return parse_value(self.text).kind in (Kind.NUMBER, Kind.NA)


def _is_numeric_char(text: str) -> bool:
    return text.isdigit() or text in ".,"


def segments(line: Line) -> list[Segment]:
    """Split a line at wide gaps: numbers are split at any visible gap, text at a gap wider than a character."""
    out = [Segment([line.chars[0]])]
    for previous, char in zip(line.chars, line.chars[1:], strict=False):
        gap = char["x0"] - previous["x1"]
        size = max(char["size"], 1.0)
        a, b = previous["text"][-1:], char["text"][:1]
        if _is_numeric_char(a) or _is_numeric_char(b):
            wide = (gap > 0.25 * size and not (CJK.match(a) or CJK.match(b))) or gap > 0.8 * size
        else:
            wide = gap > 1.2 * size
        if wide:
            out.append(Segment([char]))
        else:
            out[-1].chars.append(char)
    return out


@dataclass
class _Printed:
    """A line with its segments and, for a value line, where its values start."""

    line: Line
    parts: list[Segment]
    first_value: int | None  # index of the first value segment, None for a text line

    @property
    def size(self) -> float:
        return max(self.line.size, 1.0)

    @property
    def middle(self) -> float:
        return (self.line.top + self.line.bottom) / 2


def _classify(line: Line) -> _Printed:
    """A value line has one or more trailing values, label text only before them, and no text after."""
    parts = segments(line)
    flags = [p.is_value for p in parts]
    first = next((i for i, f in enumerate(flags) if f), None)
    if first is None or not all(flags[first:]):
        return _Printed(line, parts, None)
    return _Printed(line, parts, first)


@dataclass
class TextTable:
    """A table found from text positions: its top edge, rows of segments, and the characters it used."""

    top: float
    header: list[list[str]]  # header rows: group headers, column labels
    columns: list[tuple[float, float]]  # horizontal extent of each value column
    rows: list[tuple[list[list[Segment]], list[Segment]]]  # (label cells as segment stacks, value segments)
    used: list[Line] = field(default_factory=list)

    def table_rows(self, table: int, page: int) -> list[TableRow]:
        """The table as stream rows: header rows, then label cell(s) and one cell per value column."""
        columns = self.columns
        out: list[TableRow] = []

        def row(texts: list[str]) -> None:
            number = len(out) + 1
            cells = tuple(
                TextCell(text, Place(page=page, table=table, row=number, column=i + 1)) for i, text in enumerate(texts)
            )
            out.append(TableRow(table=table, cells=cells, place=Place(page=page, table=table, row=number)))

        for texts in self.header:
            row(texts)
        for labels, values in self.rows:
            texts = ["\n".join(s.text for s in stack) for stack in labels]
            slots: list[list[str]] = [[] for _ in columns]
            for value in values:
                slots[_column_of(columns, value)].append(value.text)
            row(texts + [" ".join(slot) for slot in slots])
        return out


def _columns(values: list[Segment]) -> list[tuple[float, float]]:
    """Value columns: horizontal extents of numbers merged where they overlap, left to right."""
    merged: list[list[float]] = []
    for x0, x1 in sorted((v.x0, v.x1) for v in values):
        if merged and x0 < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _column_of(columns: list[tuple[float, float]], value: Segment) -> int:
    middle = (value.x0 + value.x1) / 2
    return min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= middle <= columns[i][1] else
               min(abs(columns[i][0] - middle), abs(columns[i][1] - middle)))  # fmt: skip


def find_text_tables(lines: list[Line]) -> list[TextTable]:
    """Find the borderless tables among a page's lines (top to bottom); their lines are listed in ``used``."""
    printed = [_classify(line) for line in sorted(lines, key=lambda line: line.top)]
    tables: list[TextTable] = []
    i = 0
    while i < len(printed):
        if printed[i].first_value is None:
            i += 1
            continue
        j = _run_end(printed, i)
        table = _build(printed, i, j)
        if table is not None:
            tables.append(table)
        i = j
    return tables


def _value_start(p: _Printed) -> float:
    assert p.first_value is not None
    return p.parts[p.first_value].x0


def _run_end(printed: list[_Printed], start: int) -> int:
    """The index after the last line of the run of value lines (and label lines between them) from ``start``."""
    zone = _value_start(printed[start])
    end = start + 1
    last_value = start
    k = start + 1
    while k < len(printed):
        p = printed[k]
        pitch = max(p.line.bottom - p.line.top, printed[last_value].line.bottom - printed[last_value].line.top)
        if p.line.top - printed[k - 1].line.bottom > _RUN_GAP * pitch:
            break
        if p.first_value is not None:
            zone = min(zone, _value_start(p))
            last_value = k
            end = k + 1
        elif p.line.x1 >= zone:
            break  # running text or a new header: the table ended
        k += 1
    return end


# A label line whose distances to the two nearest value lines differ by less than this share of its
# height is equally near both; when neither value line prints a label of its own, the label is given to
# neither (sure or silent). Value lines that start with label text keep the wrapped lines around them.
_TIE = 0.25


def _build(printed: list[_Printed], start: int, end: int) -> TextTable | None:
    """Assemble one table from printed[start:end] plus label lines touching it and header lines above it."""
    run = printed[start:end]
    values = [p for p in run if p.first_value is not None]
    zone = min(_value_start(p) for p in values)
    labels_of: dict[int, list[_Printed]] = {id(p): [p] for p in values}
    loose = [p for p in run if p.first_value is None]
    # Label lines just above the first or just below the last value line (a wrapped, centred label).
    above, below = _touching(printed, start - 1, -1, values[0], zone), _touching(printed, end, 1, values[-1], zone)
    for p in [*above, *loose, *below]:
        ranked = sorted(values, key=lambda v: (abs(v.middle - p.middle), v.middle > p.middle))
        nearest = ranked[0]
        tied = len(ranked) > 1 and abs(ranked[1].middle - p.middle) - abs(nearest.middle - p.middle) < _TIE * p.size
        if tied and not (nearest.first_value or ranked[1].first_value):
            continue  # a label midway between two bare value lines: which row it names is not sure, so neither
        labels_of[id(nearest)].append(p)
    header_start = start - len(above)
    kept = [p for p in values if not (p.first_value == 0 and len(p.parts) == 1 and len(labels_of[id(p)]) == 1)]
    if not kept:
        return None  # lone numbers with no label beside them are not table rows
    columns = _columns([v for p in kept for v in p.parts[p.first_value :]])
    label_right = max((s.x1 for p in kept for q in labels_of[id(p)] for s in _label_parts(q, p)), default=0.0)
    bounds = slot_bounds(label_right, columns)
    header: list[_Printed] = []
    k = header_start - 1
    while k >= 0 and len(header) < _MAX_HEADER_LINES:
        p = printed[k]
        gap = (header[-1] if header else printed[header_start]).line.top - p.line.bottom
        if p.first_value is not None or gap > _RUN_GAP * p.size or not is_header_line(p.line, bounds):
            break
        header.append(p)
        k -= 1
    header.reverse()
    header_texts = header_rows([p.line for p in header], bounds)
    lone = kept[0]
    has_label = bool(lone.first_value) or len(labels_of[id(lone)]) > 1
    labelled_header = has_label and bool(header_texts) and len(header_texts[-1]) >= 2
    if len(kept) < 2 and not labelled_header and len(lone.parts) - (lone.first_value or 0) < 5:
        return None  # one short value line without a label and column header is not a table
    rows = []
    used: list[Line] = []
    for p in kept:
        stack = sorted(labels_of[id(p)], key=lambda q: q.line.top)
        rows.append((_label_cells([s for q in stack for s in _label_parts(q, p)]), p.parts[p.first_value :]))
    for p in [*header, *above, *run, *below]:
        used.append(p.line)
    top = (header[0] if header else (above[0] if above else run[0])).line.top
    return TextTable(top, header_texts, columns, rows, used)


def _label_parts(line: _Printed, value_line: _Printed) -> list[Segment]:
    """The label segments a line gives to its row: all of a label line, the part before the values of a value line."""
    return line.parts[: line.first_value] if line is value_line else line.parts


def _touching(printed: list[_Printed], k: int, step: int, value: _Printed, zone: float) -> list[_Printed]:
    """Label-only lines next to a value line with (almost) no gap: the rest of its wrapped label."""
    out: list[_Printed] = []
    previous = value
    while 0 <= k < len(printed) and len(out) < 2:
        p = printed[k]
        if p.first_value is not None or p.line.x1 >= zone:
            break
        gap = previous.line.top - p.line.bottom if step < 0 else p.line.top - previous.line.bottom
        if gap > _ATTACH_GAP * value.size:
            break
        out.append(p)
        previous = p
        k += step
    return out[::-1] if step < 0 else out


def _label_cells(parts: list[Segment]) -> list[list[Segment]]:
    """Group label segments of one row (over several lines) into cells by horizontal overlap, left to right."""
    cells: list[list[Segment]] = []
    for part in sorted(parts, key=lambda s: s.x0):
        for cell in cells:
            if part.x0 < max(s.x1 for s in cell) and part.x1 > min(s.x0 for s in cell):
                cell.append(part)
                break
        else:
            cells.append([part])
    for cell in cells:
        cell.sort(key=lambda s: s.chars[0]["top"])
    return cells


column_of = _column_of  # where a value segment belongs (also used by the OCR reader)
