"""Collector for table 三, used by the interpreter (spec annual-report.md §3).

Table 三's header is a tree (申请人情况 → 自然人 / 法人或其他组织 → 商业企业 …);
its bottom-level columns are read by label, or by position when the header has
the official width but a label cannot be read. Unofficial subtotal columns are
skipped, and columns that cannot be mapped are named in a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from xxgk.core.report.labels import MISSPELLED, T3_COLUMN_LABELS, LabelMatch, normalise
from xxgk.core.report.layout import FORMAT_2019, FORMAT_2021, T3_COLUMNS, T3_ROWS, T3_ROWS_2019
from xxgk.core.report.model import Cell, LabelNote
from xxgk.documents.interpret_tables import UNMAPPED, note_for, put_cell
from xxgk.documents.stream import TextCell

__all__ = ["Leaf", "T3Collector"]

T3_WIDTH = len(T3_COLUMNS)


@dataclass
class T3Collector:
    """Table 三: header rows give the applicant columns; value rows give 25 (or 23) rows × 7 columns."""

    expected: str = FORMAT_2021
    headers: list[list[TextCell]] = field(default_factory=list)
    leaf: list[Leaf] | None = None
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

    def leaf_columns(self) -> list[Leaf]:
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

    def emit(self, cells: dict[str, Cell], notes: list[LabelNote], unread: dict[str, str]) -> None:
        """Write the cells and the row/column notes of table 三."""
        version = self.version()
        if version is None:
            return
        leaf = self.leaf_columns()
        keys = [x.key for x in leaf] if leaf else [k for k, _ in T3_COLUMNS]
        for row in T3_ROWS_2019 if version == FORMAT_2019 else T3_ROWS:
            found = self.rows.get(row.key)
            if found is None:
                notes.append(LabelNote("missing", row.label, None, "t3.row"))
                continue
            match, label, values = found
            notes.append(note_for(match, row.label, "t3.row", label))
            for key, cell in zip(keys, values, strict=False):
                if key is not None:
                    put_cell(cells, unread, f"t3.{row.key}.{key}", cell)
        mapped = {x.key: x for x in leaf if x.key}
        for key, official in T3_COLUMNS:
            header = mapped.get(key)
            if header is not None and header.how == "position":
                notes.append(LabelNote(MISSPELLED, official, header.cell.text.strip(), "t3.column", header.cell.place))
                continue
            m = T3_COLUMN_LABELS.match(header.cell.text) if header else None
            notes.append(note_for(m, official, "t3.column", header.cell if header else None))
        expected = "、".join(label for _, label in T3_COLUMNS)
        for x in leaf:
            if x.how == UNMAPPED:
                notes.append(LabelNote(UNMAPPED, expected, x.cell.text.strip(), "t3.column", x.cell.place))


def _is_t3_group_header(text: str) -> bool:
    n = normalise(text)
    return "法人" in n and "组织" in n and len(n) <= 10


class Leaf(NamedTuple):
    """A bottom-level header column of table 三: its key (None: not read) and how it was mapped.

    ``how`` is ``label`` (the label matched), ``position`` (an unreadable label in a header of the official
    width, taken in the official order), ``subtotal`` (an unofficial 法人小计/小计/合计 column, skipped) or
    ``unmapped`` (an unreadable label in a header of another width: its values are not read).
    """

    key: str | None
    cell: TextCell
    how: str


def _leaves(cells: list[TextCell]) -> list[tuple[str | None, TextCell]]:
    out: list[tuple[str | None, TextCell]] = []
    for c in cells:
        n = normalise(c.text)
        if not n or "勾稽" in n or "申请人" in n or _is_t3_group_header(c.text) or len(n) > 10:
            continue
        m = T3_COLUMN_LABELS.match(c.text)
        out.append((m.key if m else None, c))
    return out


def _t3_leaf(headers: list[list[TextCell]]) -> list[Leaf]:
    """Work out the leaf columns from the header rows (自然人 | 法人或其他组织 → 5 | 总计)."""
    parent: list[TextCell] | None = None
    child: list[TextCell] | None = None
    for row in headers:
        keys = {m.key for c in row if (m := T3_COLUMN_LABELS.match(c.text))}
        if keys & {"commercial", "research", "legal_services", "social_welfare"}:
            child = child or row
        elif "natural_person" in keys or any(_is_t3_group_header(c.text) for c in row):
            parent = parent or row
    guessed_child = child is None
    if child is None:
        # No sub-column label was recognised: the header row with the most leaf labels, read by position.
        rows = [r for r in headers if r is not parent and _leaves(r)]
        if rows:
            child = max(rows, key=lambda r: len(_leaves(r)))
        elif parent is not None:
            child, parent = parent, None
        else:
            return []
    child_leaves = _leaves(child)
    child_keys = {k for k, _ in child_leaves}
    out: list[tuple[str | None, TextCell]] = []
    if {"natural_person", "total"} <= child_keys or parent is None:
        out = child_leaves
    else:
        for c in parent:
            if _is_t3_group_header(c.text):
                out.extend(child_leaves)
            else:
                out.extend(_leaves([c]))
        if not any(_is_t3_group_header(c.text) for c in parent):
            out = _leaves(parent[:1]) + child_leaves + _leaves(parent[1:])
    # Vertically repeated cells (rowspans expanded by a reader) appear twice: keep the first.
    seen_origins: set = set()
    unique = []
    for key, c in out:
        if c.origin is not None and c.origin in seen_origins:
            continue
        if c.origin is not None:
            seen_origins.add(c.origin)
        unique.append((key, c))
    leaves = _t3_resolve(unique)
    by_label = sum(1 for leaf in leaves if leaf.how == "label")
    by_position = sum(1 for leaf in leaves if leaf.how == "position")
    if guessed_child and by_label + by_position < T3_WIDTH:
        return []  # an unreadable header of another width: the official order is the best reading
    if by_label + by_position < 5:
        return []
    return leaves


def _is_subtotal(text: str) -> bool:
    n = normalise(text)
    return "小计" in n or (n.endswith("合计") and len(n) <= 6)


def _t3_resolve(unique: list[tuple[str | None, TextCell]]) -> list[Leaf]:
    """Mark unofficial subtotal columns, then map unreadable labels by position when the width is official."""
    marked: list[Leaf] = []
    for i, (key, c) in enumerate(unique):
        if 0 < i < len(unique) - 1 and _is_subtotal(c.text) and key in (None, "total"):
            marked.append(Leaf(None, c, "subtotal"))
        else:
            marked.append(Leaf(key, c, "label" if key else UNMAPPED))
    rest = [leaf for leaf in marked if leaf.how != "subtotal"]
    if len(rest) != T3_WIDTH:
        return marked
    taken = {leaf.key for leaf in rest}
    official = iter(T3_COLUMNS)
    out: list[Leaf] = []
    for leaf in marked:
        if leaf.how == "subtotal":
            out.append(leaf)
            continue
        key, _ = next(official)
        out.append(Leaf(key, leaf.cell, "position") if leaf.key is None and key not in taken else leaf)
    return out
