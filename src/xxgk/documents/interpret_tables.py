"""Collectors for tables 二 and 四 and what all collectors share, used by the interpreter (spec annual-report.md §2–§4).

Each collector receives the rows the interpreter assigned to its table (header
rows and value rows, with horizontally repeated span cells already dropped)
and turns them into cells and label notes. Tables are recognised by content,
so a table split over several ``table`` numbers, or sharing one, reads alike.
Table 三, with its header-tree reading, is in ``interpret_table3``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from xxgk.core.report.labels import (
    MISSPELLED,
    OTHER_FORMAT,
    T2_COLUMN_LABELS,
    T4_GROUP_LABELS,
    T4_RESULT_LABELS,
    LabelMatch,
    normalise,
)
from xxgk.core.report.layout import (
    FORMAT_2019,
    FORMAT_2021,
    T2_2019_BLOCKS,
    T2_BLOCKS,
    T4_GROUPS,
    T4_RESULTS,
)
from xxgk.core.report.model import READ, Cell, Kind, LabelNote, Place, parse_value
from xxgk.documents.stream import TextCell

__all__ = ["UNMAPPED", "T2Collector", "T4Collector", "note_for", "put_cell", "split_row"]

# A printed header label that could not be mapped to an official column: its values were not read.
UNMAPPED = "unmapped"

T4_WIDTH = len(T4_GROUPS) * len(T4_RESULTS)


def put_cell(cells: dict[str, Cell], unread: dict[str, str], address: str, tc: TextCell) -> None:
    """Place a source cell's value at an address, with its provenance; a doubtful cell is left unread."""
    if tc.doubt is not None:
        unread[address] = tc.doubt
        return
    cell = parse_value(tc.text, tc.place)
    if tc.provenance != READ or tc.decoded_by:
        cell = replace(cell, provenance=tc.provenance, confidence=tc.confidence, decoded_by=tc.decoded_by)
    cells[address] = cell


def note_for(match: LabelMatch | None, expected: str, where: str, cell: TextCell | None) -> LabelNote:
    """A label note for one required label: how it matched, or missing."""
    if match is None:
        return LabelNote("missing", expected, None, where)
    return LabelNote(match.status, match.expected, match.found, where, cell.place if cell else None)


def _valid_t2(version: str) -> dict[str, tuple[str, ...]]:
    blocks = T2_2019_BLOCKS if version == FORMAT_2019 else T2_BLOCKS
    return {row.key: tuple(k for k, _ in block.columns) for block in blocks for row in block.rows}


_T2_VALID = {FORMAT_2021: _valid_t2(FORMAT_2021), FORMAT_2019: _valid_t2(FORMAT_2019)}


@dataclass
class _T2Row:
    match: LabelMatch
    label: TextCell
    columns: list[str | None] | None  # the block header's column keys, if a header was seen
    values: list[TextCell]
    headers: list[TextCell] = field(default_factory=list)  # the printed header cells behind ``columns``


@dataclass
class T2Collector:
    """Table 二: blocks of a header row (信息内容 + columns) and value rows."""

    expected: str = FORMAT_2021
    columns: list[str | None] | None = None
    header_cells: list[TextCell] = field(default_factory=list)
    column_notes: dict[str, tuple[LabelMatch, TextCell]] = field(default_factory=dict)
    rows: dict[str, _T2Row] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=lambda: {FORMAT_2019: 0, FORMAT_2021: 0})

    def header(self, cells: list[TextCell]) -> None:
        """A header row: 信息内容 followed by the block's column labels."""
        keys: list[str | None] = []
        printed: list[TextCell] = []
        for cell in cells[1:]:
            if not cell.text.strip():
                continue
            m = T2_COLUMN_LABELS.match(cell.text, self.expected)
            keys.append(m.key if m else None)
            printed.append(cell)
            if m:
                if m.version:
                    self.votes[m.version] += 1
                self.column_notes.setdefault(m.key, (m, cell))
        self.columns = keys
        self.header_cells = printed

    def caption(self) -> None:
        """A block caption (第二十条第（…）项): the next rows need their own header."""
        self.columns = None

    def value_row(self, match: LabelMatch, label: TextCell, values: list[TextCell]) -> None:
        """A value row of table 二 (first occurrence of a row wins)."""
        if match.version:
            self.votes[match.version] += 2
        self.rows.setdefault(match.key, _T2Row(match, label, self.columns, values, list(self.header_cells)))

    @property
    def found(self) -> bool:
        """Whether any row of table 二 was found."""
        return bool(self.rows)

    def version(self) -> str | None:
        """The format version of table 二 as printed, decided on its own."""
        if not self.rows:
            return None
        return FORMAT_2019 if self.votes[FORMAT_2019] > self.votes[FORMAT_2021] else FORMAT_2021

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote], unread: dict[str, str]) -> None:
        """Write the cells and the row/column notes of table 二."""
        version = self.version()
        if version is None:
            return
        prefix = "t2_2019" if version == FORMAT_2019 else "t2"
        valid = _T2_VALID[version]
        blocks = T2_2019_BLOCKS if version == FORMAT_2019 else T2_BLOCKS
        header_notes: dict[tuple[str, str, Place | None], LabelNote] = {}
        for block in blocks:
            labels = dict(block.columns)
            for row in block.rows:
                found = self.rows.get(row.key)
                if found is None:
                    notes.append(LabelNote("missing", row.label, None, "t2.row"))
                    continue
                status = found.match.status
                if found.match.version and found.match.version != self.expected:
                    status = OTHER_FORMAT
                notes.append(LabelNote(status, row.label, found.match.found, "t2.row", found.label.place))
                wanted = valid[row.key]
                columns = found.columns
                values = found.values
                bare = columns is not None and not any(columns) and len(values) == len(wanted) != len(columns)
                if not columns or not {k for k in columns if k} <= set(wanted) or len(values) < len(columns) or bare:
                    columns = list(wanted)  # no usable header: the official order (spec §2)
                elif None in columns:
                    columns = _t2_unmatched(columns, wanted, labels, found.headers, header_notes)
                values = _trailing(values, len(columns))
                for key, cell in zip(columns, values, strict=False):
                    if key in wanted:
                        put_cell(cells, unread, f"{prefix}.{row.key}.{key}", cell)
        guessed = {n.expected for n in header_notes.values() if n.status == MISSPELLED}
        seen: set[str] = set()
        for block in blocks:
            for key, label in block.columns:
                if key in seen:
                    continue
                seen.add(key)
                match, printed = self.column_notes.get(key, (None, None))
                if match is None and label in guessed:
                    continue  # the positional note below stands for it
                notes.append(note_for(match, label, "t2.column", printed))
        notes.extend(header_notes.values())


def _t2_unmatched(
    columns: list[str | None],
    wanted: tuple[str, ...],
    labels: dict[str, str],
    headers: list[TextCell],
    header_notes: dict[tuple[str, str, Place | None], LabelNote],
) -> list[str | None]:
    """Map unmatched table 二 header labels by position when the count is official, else note them (unmapped).

    A printed value is never dropped without a word (条例第五十条: the report as published is what is
    checked): a header whose labels cannot be read but whose width is the official one is taken in the
    official order, and each unreadable label becomes a ``misspelled`` note; otherwise the column stays
    unread and an ``unmapped`` note names it.
    """
    positional = len(columns) == len(wanted) and all(k is None or k == w for k, w in zip(columns, wanted, strict=True))
    out: list[str | None] = []
    for i, key in enumerate(columns):
        if key is not None:
            out.append(key)
            continue
        printed = headers[i] if i < len(headers) else None
        text = printed.text.strip() if printed else ""
        place = printed.place if printed else None
        if positional:
            out.append(wanted[i])
            note = LabelNote(MISSPELLED, labels[wanted[i]], text, "t2.column", place)
        else:
            out.append(None)
            note = LabelNote(UNMAPPED, "、".join(labels[k] for k in wanted), text, "t2.column", place)
        header_notes.setdefault((note.status, text, place), note)
    return out


def _trailing(values: list[TextCell], width: int) -> list[TextCell]:
    """The last ``width`` cells after dropping surplus empty cells at the end (unspanned merged cells)."""
    end = len(values)
    while end > width and not values[end - 1].text.strip():
        end -= 1
    return values[max(0, end - width) : end]


@dataclass
class T4Collector:
    """Table 四: header rows (groups, results) and one row of 15 numbers."""

    header_cells: list[TextCell] = field(default_factory=list)
    values: list[TextCell] | None = None
    seen_header: bool = False
    note: str | None = None  # why the value row was left unread (Chinese), for the reader's notes

    def header(self, cells: list[TextCell]) -> None:
        """A header row of table 四."""
        self.seen_header = True
        if self.values is None:
            self.header_cells.extend(c for c in cells if c.text.strip())

    def value_row(self, cells: list[TextCell]) -> None:
        """The value row (first one wins): its 15 cells after any label, or 15 unread cells when it has another width.

        Empty cells before the values are a label's padding and empty cells after them a converter's; a row
        with more or fewer values than 15 is not guessed at (sure or silent).
        """
        if self.values is not None:
            return
        last_text = max((i for i, c in enumerate(cells) if c.doubt is None and _is_text(c.text)), default=-1)
        after = cells[last_text + 1 :]
        while len(after) > T4_WIDTH and _empty(after[-1]):
            after = after[:-1]
        while len(after) > T4_WIDTH and _empty(after[0]):
            after = after[1:]
        if len(after) == T4_WIDTH:
            self.values = after
            return
        place = cells[0].place
        why = f"表四数值行有 {len(after)} 格数值（{place.describe()}），规定为 15 格，无法确定各数值属于哪一列"
        self.values = [TextCell("", place, doubt=why) for _ in range(T4_WIDTH)]
        self.note = why

    @property
    def found(self) -> bool:
        """Whether the value row of table 四 was found."""
        return self.values is not None

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote], unread: dict[str, str]) -> None:
        """Write the 15 cells and the group/result notes of table 四."""
        if self.values is None:
            return
        addresses = [f"t4.{g}.{r}" for g, _ in T4_GROUPS for r, _ in T4_RESULTS]
        for address, cell in zip(addresses, self.values, strict=False):
            put_cell(cells, unread, address, cell)
        groups: dict[str, tuple[LabelMatch, TextCell]] = {}
        results: dict[str, tuple[LabelMatch, TextCell]] = {}
        unmatched: dict[str, TextCell] = {}
        for c in self.header_cells:
            if (m := T4_GROUP_LABELS.match(c.text)) is not None:
                groups.setdefault(m.key, (m, c))
            elif (m := T4_RESULT_LABELS.match(c.text)) is not None:
                results.setdefault(m.key, (m, c))
            elif normalise(c.text) not in _T4_UMBRELLAS:
                unmatched.setdefault(normalise(c.text), c)
        group_like = [c for n, c in unmatched.items() if "复议" in n or "诉" in n]
        result_like = [c for n, c in unmatched.items() if not ("复议" in n or "诉" in n)]
        for tier, found, printed in ((T4_GROUPS, groups, group_like), (T4_RESULTS, results, result_like)):
            absent = [(key, label) for key, label in tier if key not in found]
            by_position = {}
            if len(absent) == len(printed):
                by_position = {key: c for (key, _), c in zip(absent, printed, strict=True)}
            for key, label in tier:
                if key in by_position:
                    c = by_position[key]
                    notes.append(LabelNote(MISSPELLED, label, c.text.strip(), "t4.column", c.place))
                    continue
                hit = found.get(key)
                notes.append(note_for(hit[0] if hit else None, label, "t4.column", hit[1] if hit else None))
            if absent and not by_position:  # unread labels beside missing ones: name them
                expected = "、".join(label for _, label in tier)
                for c in printed:
                    notes.append(LabelNote(UNMAPPED, expected, c.text.strip(), "t4.column", c.place))


_T4_UMBRELLAS = frozenset({"行政诉讼", "政府信息公开行政复议、行政诉讼", "行政复议、行政诉讼"})


def _is_text(text: str) -> bool:
    return parse_value(text).kind is Kind.TEXT


def _empty(cell: TextCell) -> bool:
    return not cell.text.strip() and cell.doubt is None


def split_row(cells: list[TextCell], kinds: list[Kind], width: int) -> tuple[int, list[TextCell]]:
    """Split a row into its label zone length and its trailing value cells (the last ``width`` cells)."""
    if len(cells) > width:
        return len(cells) - width, cells[-width:]
    lead = 0
    while lead < len(cells) and kinds[lead] is Kind.TEXT:
        lead += 1
    return lead, cells[lead:]
