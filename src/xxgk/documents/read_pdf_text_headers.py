"""Header rows of a table found from text positions: column labels assigned to the value columns below them.

Without ruling, a header is only text above the numbers. Its characters are
cut into pieces at wide gaps and at the boundaries between value columns
(midway between neighbouring columns of numbers). A piece that runs across a
column boundary without a gap is a group header (申请人情况, 法人或其他组织,
行政复议); the other pieces are column labels, and a label wrapped over lines
(商业 / 企业) is joined again when its lines sit close, one under the other.
The result is two rows: the group headers, then the column labels in column
order, which is how the interpreter reads a ruled header.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from xxgk.documents.read_pdf_lines import Char, Line

__all__ = ["CharRun", "header_rows", "is_header_line", "slot_bounds"]

_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_WRAP_GAP = 0.6  # lines of one wrapped label are at most this far apart (× font size)


@dataclass
class CharRun:
    """A run of characters on one printed line: its horizontal extent and its text as a cell reads it."""

    chars: list[Char]

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def text(self) -> str:
        return Line(self.chars, self.chars[0]["top"], self.chars[0]["bottom"]).joined(cell=True)


@dataclass
class _Piece(CharRun):
    slots: set[int]

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def slot_bounds(label_right: float, columns: list[tuple[float, float]]) -> list[float]:
    """Boundaries between the label slot (0) and the value columns (1…): midway between neighbours."""
    first = columns[0][0]
    bounds = [(label_right + first) / 2 if label_right < first else first - 1.0]
    bounds += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]
    return bounds


def _slot(bounds: list[float], char: Char) -> int:
    return bisect_right(bounds, (char["x0"] + char["x1"]) / 2)


def _pieces(line: Line, bounds: list[float]) -> list[_Piece]:
    """A header line cut at wide gaps (over a character) and at column boundaries crossed with a visible gap."""
    pieces: list[_Piece] = []
    for char in line.chars:
        slot = _slot(bounds, char)
        if pieces:
            previous = pieces[-1].chars[-1]
            gap = char["x0"] - previous["x1"]
            size = max(char["size"], 1.0)
            crossed = slot != _slot(bounds, previous)
            if gap <= 1.2 * size and not (crossed and gap > 0.3 * size):
                pieces[-1].chars.append(char)
                pieces[-1].slots.add(slot)
                continue
        pieces.append(_Piece([char], {slot}))
    return pieces


def is_header_line(line: Line, bounds: list[float]) -> bool:
    """Whether a text line can be part of a table header: not a section heading, a sentence or running text.

    Running text starts in the label slot and runs on into the value columns.
    """
    text = line.text.strip()
    if _SECTION.match(text) or text.endswith(("。", "：", ":", "；")):
        return False
    return not any(0 in p.slots and len(p.slots) > 1 for p in _pieces(line, bounds))


def _strict_lines(chars: list[Char]) -> list[Line]:
    """Header characters grouped into lines by equal top edge (cells centred at different heights stay apart)."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        line = next((ln for ln in lines if abs(ln.top - char["top"]) <= 0.2 * max(char["size"], 1.0)), None)
        if line is None:
            lines.append(Line([char], char["top"], char["bottom"]))
        else:
            line.chars.append(char)
            line.bottom = max(line.bottom, char["bottom"])
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return sorted(lines, key=lambda ln: ln.top)


def header_rows(lines: list[Line], bounds: list[float]) -> list[list[str]]:
    """The header lines as a row of group headers and a row of column labels (one per column).

    In each column the lowest label is the column's own; labels above it in
    the same column (a caption over a one-column block) join the group row.
    Empty rows are dropped; so is the label row when a value column has no label above it.
    """
    groups: list[tuple[int, float, str]] = []  # (first slot, top, text)
    stacks: list[list[_Piece]] = []  # column labels, each a stack of wrapped lines
    for strict in _strict_lines([c for line in lines for c in line.chars]):
        for piece in _pieces(strict, bounds):
            if len(piece.slots) > 1:
                groups.append((min(piece.slots), piece.chars[0]["top"], piece.text))
                continue
            stack = next((s for s in stacks if _continues(s[-1], piece)), None)
            if stack is None:
                stacks.append([piece])
            else:
                stack.append(piece)
    leaves: dict[int, str] = {}
    for stack in sorted(stacks, key=lambda s: s[0].chars[0]["top"]):
        slot, text = min(stack[0].slots), "\n".join(p.text for p in stack)
        if text.startswith("单位"):  # 单位：件 printed above the table is a note, not a column
            continue
        if slot in leaves:  # a lower label in the same column: the one above is a caption or group
            groups.append((slot, stack[0].chars[0]["top"], leaves[slot]))
        leaves[slot] = text
    rows = [[text for _, _, text in sorted(groups)]]
    # Column labels only when every value column has one: a partial row would shift the columns it names.
    if all(slot in leaves for slot in range(1, len(bounds) + 1)):
        rows.append([text for _, text in sorted(leaves.items())])
    return [row for row in rows if row]


def _continues(above: _Piece, piece: _Piece) -> bool:
    """Whether ``piece`` is the next line of the label ``above``: same column, just below, aligned or centred alike.

    The line above must be at least as wide: a label wraps only when its first line is full.
    """
    if above.slots != piece.slots:
        return False
    size = max(piece.chars[0]["size"], 1.0)
    gap = piece.chars[0]["top"] - max(c["bottom"] for c in above.chars)
    if not -0.2 * size <= gap <= _WRAP_GAP * size:
        return False
    if above.x1 - above.x0 < piece.x1 - piece.x0 - 0.5 * size:
        return False  # a wrapped label fills its first line; a shorter line above is a caption
    return abs(above.x0 - piece.x0) < size or abs(above.centre - piece.centre) < size
