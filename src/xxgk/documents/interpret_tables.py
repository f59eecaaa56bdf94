"""Collectors for tables 二, 三 and 四, used by the interpreter (spec annual-report.md §2–§4).

Each collector receives the rows the interpreter assigned to its table (header
rows and value rows, with horizontally repeated span cells already dropped)
and turns them into cells and label notes. Tables are recognised by content,
so a table split over several ``table`` numbers, or sharing one, reads alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.core.report.labels import (
    OTHER_FORMAT,
    T2_COLUMN_LABELS,
    T3_COLUMN_LABELS,
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
    T3_COLUMNS,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
    T4_RESULTS,
)
from xxgk.core.report.model import Cell, Kind, LabelNote, parse_value
from xxgk.documents.stream import TextCell

__all__ = ["T2Collector", "T3Collector", "T4Collector", "note_for", "split_row"]

T3_WIDTH = len(T3_COLUMNS)
T4_WIDTH = len(T4_GROUPS) * len(T4_RESULTS)


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


@dataclass
class T2Collector:
    """Table 二: blocks of a header row (信息内容 + columns) and value rows."""

    expected: str = FORMAT_2021
    columns: list[str | None] | None = None
    column_notes: dict[str, tuple[LabelMatch, TextCell]] = field(default_factory=dict)
    rows: dict[str, _T2Row] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=lambda: {FORMAT_2019: 0, FORMAT_2021: 0})

    def header(self, cells: list[TextCell]) -> None:
        """A header row: 信息内容 followed by the block's column labels."""
        keys: list[str | None] = []
        for cell in cells[1:]:
            if not cell.text.strip():
                continue
            m = T2_COLUMN_LABELS.match(cell.text, self.expected)
            keys.append(m.key if m else None)
            if m:
                if m.version:
                    self.votes[m.version] += 1
                self.column_notes.setdefault(m.key, (m, cell))
        self.columns = keys

    def caption(self) -> None:
        """A block caption (第二十条第（…）项): the next rows need their own header."""
        self.columns = None

    def value_row(self, match: LabelMatch, label: TextCell, values: list[TextCell]) -> None:
        """A value row of table 二 (first occurrence of a row wins)."""
        if match.version:
            self.votes[match.version] += 2
        self.rows.setdefault(match.key, _T2Row(match, label, self.columns, values))

    @property
    def found(self) -> bool:
        """Whether any row of table 二 was found."""
        return bool(self.rows)

    def version(self) -> str | None:
        """The format version of table 二 as printed, decided on its own."""
        if not self.rows:
            return None
        return FORMAT_2019 if self.votes[FORMAT_2019] > self.votes[FORMAT_2021] else FORMAT_2021

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote]) -> None:
        """Write the cells and the row/column notes of table 二."""
        version = self.version()
        if version is None:
            return
        prefix = "t2_2019" if version == FORMAT_2019 else "t2"
        valid = _T2_VALID[version]
        blocks = T2_2019_BLOCKS if version == FORMAT_2019 else T2_BLOCKS
        for block in blocks:
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
                if not columns or not {k for k in columns if k} <= set(wanted) or len(values) < len(columns):
                    columns = list(wanted)
                values = _trailing(values, len(columns))
                for key, cell in zip(columns, values, strict=False):
                    if key in wanted:
                        cells[f"{prefix}.{row.key}.{key}"] = parse_value(cell.text, cell.place)
        seen: set[str] = set()
        for block in blocks:
            for key, label in block.columns:
                if key in seen:
                    continue
                seen.add(key)
                match, printed = self.column_notes.get(key, (None, None))
                notes.append(note_for(match, label, "t2.column", printed))


@dataclass
class T3Collector:
    """Table 三: header rows give the applicant columns; value rows give 25 (or 23) rows × 7 columns."""

    expected: str = FORMAT_2021
    headers: list[list[TextCell]] = field(default_factory=list)
    leaf: list[tuple[str | None, TextCell]] | None = None
    rows: dict[str, tuple[LabelMatch, TextCell, list[TextCell]]] = field(default_factory=dict)

    def header(self, cells: list[TextCell]) -> None:
        """A header row; headers repeated after the value rows began (page breaks) are ignored."""
        if not self.rows:
            self.headers.append(cells)
            self.leaf = None

    def width(self) -> int:
        """How many value columns a value row has (7, or more with an unofficial column)."""
        leaf = self.leaf_columns()
        return len(leaf) if leaf else T3_WIDTH

    def leaf_columns(self) -> list[tuple[str | None, TextCell]]:
        """The bottom-level header columns left to right, with their keys (None: unofficial column)."""
        if self.leaf is None:
            self.leaf = _t3_leaf(self.headers)
        return self.leaf

    def value_row(self, match: LabelMatch, label: TextCell, values: list[TextCell]) -> None:
        """A value row (first occurrence of a row key wins)."""
        self.rows.setdefault(match.key, (match, label, values))

    @property
    def found(self) -> bool:
        """Whether any row of table 三 was found."""
        return bool(self.rows)

    def version(self) -> str | None:
        """2019 when the table prints one （六）其他处理 row and none of its 2021 sub-rows."""
        if not self.rows:
            return None
        subrows = {"other_no_supplement", "other_fee_unpaid", "other_other"}
        if "other_handling" in self.rows and not subrows & self.rows.keys():
            return FORMAT_2019
        return FORMAT_2021

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote]) -> None:
        """Write the cells and the row/column notes of table 三."""
        version = self.version()
        if version is None:
            return
        leaf = self.leaf_columns()
        keys = [k for k, _ in leaf] if leaf else [k for k, _ in T3_COLUMNS]
        for row in T3_ROWS_2019 if version == FORMAT_2019 else T3_ROWS:
            found = self.rows.get(row.key)
            if found is None:
                notes.append(LabelNote("missing", row.label, None, "t3.row"))
                continue
            match, label, values = found
            notes.append(note_for(match, row.label, "t3.row", label))
            for key, cell in zip(keys, values, strict=False):
                if key is not None:
                    cells[f"t3.{row.key}.{key}"] = parse_value(cell.text, cell.place)
        matched = {k: c for k, c in leaf if k}
        for key, official in T3_COLUMNS:
            header = matched.get(key)
            m = T3_COLUMN_LABELS.match(header.text) if header else None
            notes.append(note_for(m, official, "t3.column", header))


def _trailing(values: list[TextCell], width: int) -> list[TextCell]:
    """The last ``width`` cells after dropping surplus empty cells at the end (unspanned merged cells)."""
    end = len(values)
    while end > width and not values[end - 1].text.strip():
        end -= 1
    return values[max(0, end - width) : end]


def _is_t3_group_header(text: str) -> bool:
    n = normalise(text)
    return "法人" in n and "组织" in n and len(n) <= 10


def _t3_leaf(headers: list[list[TextCell]]) -> list[tuple[str | None, TextCell]]:
    """Work out the leaf columns from the header rows (自然人 | 法人或其他组织 → 5 | 总计)."""
    parent: list[TextCell] | None = None
    child: list[TextCell] | None = None
    for row in headers:
        keys = {m.key for c in row if (m := T3_COLUMN_LABELS.match(c.text))}
        if keys & {"commercial", "research", "legal_services", "social_welfare"}:
            child = child or row
        elif "natural_person" in keys or any(_is_t3_group_header(c.text) for c in row):
            parent = parent or row
    if child is None:
        return []

    def leaves(cells: list[TextCell]) -> list[tuple[str | None, TextCell]]:
        out: list[tuple[str | None, TextCell]] = []
        for c in cells:
            n = normalise(c.text)
            if not n or "勾稽" in n or "申请人" in n or _is_t3_group_header(c.text) or len(n) > 10:
                continue
            m = T3_COLUMN_LABELS.match(c.text)
            out.append((m.key if m else None, c))
        return out

    child_leaves = leaves(child)
    child_keys = {k for k, _ in child_leaves}
    out: list[tuple[str | None, TextCell]] = []
    if {"natural_person", "total"} <= child_keys or parent is None:
        out = child_leaves
    else:
        for c in parent:
            if _is_t3_group_header(c.text):
                out.extend(child_leaves)
            else:
                out.extend(leaves([c]))
        if not any(_is_t3_group_header(c.text) for c in parent):
            out = leaves(parent[:1]) + child_leaves + leaves(parent[1:])
    # Vertically repeated cells (rowspans expanded by a reader) appear twice: keep the first.
    seen_origins: set = set()
    unique = []
    for key, c in out:
        if c.origin is not None and c.origin in seen_origins:
            continue
        if c.origin is not None:
            seen_origins.add(c.origin)
        unique.append((key, c))
    if sum(1 for k, _ in unique if k) < 5:
        return []
    return unique


@dataclass
class T4Collector:
    """Table 四: header rows (groups, results) and one row of 15 numbers."""

    header_cells: list[TextCell] = field(default_factory=list)
    values: list[TextCell] | None = None
    seen_header: bool = False

    def header(self, cells: list[TextCell]) -> None:
        """A header row of table 四."""
        self.seen_header = True
        if self.values is None:
            self.header_cells.extend(c for c in cells if c.text.strip())

    def value_row(self, cells: list[TextCell]) -> None:
        """The value row: the trailing 15 cells (first value row wins)."""
        if self.values is None:
            self.values = cells[-T4_WIDTH:]

    @property
    def found(self) -> bool:
        """Whether the value row of table 四 was found."""
        return self.values is not None

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote]) -> None:
        """Write the 15 cells and the group/result notes of table 四."""
        if self.values is None:
            return
        addresses = [f"t4.{g}.{r}" for g, _ in T4_GROUPS for r, _ in T4_RESULTS]
        for address, cell in zip(addresses, self.values, strict=False):
            cells[address] = parse_value(cell.text, cell.place)
        groups: dict[str, tuple[LabelMatch, TextCell]] = {}
        results: dict[str, tuple[LabelMatch, TextCell]] = {}
        for c in self.header_cells:
            if (m := T4_GROUP_LABELS.match(c.text)) is not None:
                groups.setdefault(m.key, (m, c))
            elif (m := T4_RESULT_LABELS.match(c.text)) is not None:
                results.setdefault(m.key, (m, c))
        for key, label in T4_GROUPS:
            found = groups.get(key)
            notes.append(note_for(found[0] if found else None, label, "t4.column", found[1] if found else None))
        for key, label in T4_RESULTS:
            found = results.get(key)
            notes.append(note_for(found[0] if found else None, label, "t4.column", found[1] if found else None))


def split_row(cells: list[TextCell], kinds: list[Kind], width: int) -> tuple[int, list[TextCell]]:
    """Split a row into its label zone length and its trailing value cells (the last ``width`` cells)."""
    if len(cells) > width:
        return len(cells) - width, cells[-width:]
    lead = 0
    while lead < len(cells) and kinds[lead] is Kind.TEXT:
        lead += 1
    return lead, cells[lead:]
