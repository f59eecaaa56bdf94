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
    # Labels printed in a row of their own, rows of values without a label, and the pairs made of them.
    label_rows: dict[str, tuple[LabelMatch, TextCell]] = field(default_factory=dict)
    last_label: tuple[LabelMatch, TextCell] | None = None
    paired: list[str] = field(default_factory=list)
    unlabeled: list[TextCell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader could not be sure of (Chinese)

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
        self.last_label = None

    def label_only(self, match: LabelMatch, label: TextCell) -> None:
        """A row label printed without values: its values may be the next row."""
        self.label_rows.setdefault(match.key, (match, label))
        self.last_label = (match, label)

    def values_only(self, cells: list[TextCell], paired: bool) -> None:
        """A row of values without a label: it belongs to the label of the row just before, if that is one."""
        if paired and self.last_label is not None and self.last_label[0].key not in self.rows:
            match, label = self.last_label
            self.rows[match.key] = (match, label, cells)
            self.paired.append(match.key)
        elif cells:
            self.unlabeled.append(cells[0])
        self.last_label = None

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
        """Write the cells and the row/column notes of table 三; values whose column is in doubt stay unread."""
        version = self.version()
        if version is None:
            return
        leaf = self.leaf_columns()
        keys: list[str | None] = [x.key for x in leaf] if leaf else [k for k, _ in T3_COLUMNS]
        official_keys = [k for k, _ in T3_COLUMNS]
        doubt_pairs = self.pairing_doubt()
        by_official = 0
        for row in T3_ROWS_2019 if version == FORMAT_2019 else T3_ROWS:
            found = self.rows.get(row.key)
            if found is None and row.key in self.label_rows:
                match, label = self.label_rows[row.key]
                notes.append(note_for(match, row.label, "t3.row", label))
                for key in official_keys:
                    unread[f"t3.{row.key}.{key}"] = f"表三“{label.text.strip()}”行只印出行标签，找不到它的数值"
                continue
            if found is None:
                notes.append(LabelNote("missing", row.label, None, "t3.row"))
                continue
            match, label, values = found
            notes.append(note_for(match, row.label, "t3.row", label))
            where = f"表三“{label.text.strip()}”行（{label.place.describe()}）"
            if row.key in self.paired and doubt_pairs:
                for key in official_keys:
                    unread[f"t3.{row.key}.{key}"] = f"{where}：{doubt_pairs}"
                continue
            placed = _place_values(values, keys)
            if placed is None:
                n = len(_trim(values, T3_WIDTH))
                why = f"{where}有 {n} 格数值，而表头有 {len(keys)} 列、规定为 7 列，无法确定各数值属于哪一列"
                for key in official_keys:
                    unread[f"t3.{row.key}.{key}"] = why
                continue
            row_keys, row_values = placed
            by_official += row_keys == official_keys and keys != official_keys
            for key, cell in zip(row_keys, row_values, strict=False):
                if key is not None:
                    put_cell(cells, unread, f"t3.{row.key}.{key}", cell)
        if by_official:
            printed = "、".join(x.cell.text.strip() for x in leaf)
            self.notes.append(
                f"表三表头印出 {len(keys)} 列（{printed}），而 {by_official} 行数值恰有规定的 7 格："
                "这些行按规定的列序（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）读取，未按表头"
            )
        if self.paired and not doubt_pairs:
            self.notes.append(f"表三有 {len(self.paired)} 行的数值印在行标签的下一行，已按紧邻的顺序对应")
        if self.unlabeled:
            where = "、".join(c.place.describe() for c in self.unlabeled[:3])
            self.notes.append(f"表三有 {len(self.unlabeled)} 行数值没有紧邻的行标签（{where}），未读取")
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

    def pairing_doubt(self) -> str | None:
        """Why rows of values printed apart from their labels cannot be paired (None when they can)."""
        if self.paired and self.unlabeled:
            return f"数值与行标签分开印出，且另有 {len(self.unlabeled)} 行数值没有紧邻的行标签，无法确定数值属于哪一行"
        return None


def _blank(cell: TextCell) -> bool:
    return not cell.text.strip() and cell.doubt is None


def _trim(values: list[TextCell], width: int) -> list[TextCell]:
    """The values without the surplus empty cells at the end (a converter's padding)."""
    end = len(values)
    while end > width and _blank(values[end - 1]):
        end -= 1
    return values[:end]


def _place_values(values: list[TextCell], keys: list[str | None]) -> tuple[list, list[TextCell]] | None:
    """Which column each value of a row belongs to, only when the evidence agrees; None when it does not.

    A row as wide as the header is read by the header; a row of exactly the official seven cells is read in
    the official order, whatever a mangled header says; empty cells before the values are the label's
    padding. Any other width leaves the row unread.
    """
    official = [k for k, _ in T3_COLUMNS]
    after = _trim(values, max(len(keys), T3_WIDTH))
    n = len(after)
    if n == len(keys):
        return keys, after
    if n == T3_WIDTH:
        return official, after
    for width, row_keys in ((len(keys), keys), (T3_WIDTH, official)):
        if n > width and all(_blank(c) for c in after[: n - width]):
            return row_keys, after[n - width :]
    return None


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
