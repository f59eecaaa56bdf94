"""Decode table rows whose cells were printed without separators (run-together digits).

Text copied from web pages often loses the separators between table cells:
the seven cells 80, 1, 0, 0, 0, 0, 81 of a table 三 row appear as
``801000081``. A row is split back into cells only when exactly one split
satisfies the constraints of the format (spec annual-report.md §3–§4):

1. the number of cells of the row, white space as a cell boundary, and
   numbers printed without leading zeros (a decimal only where the column is
   an amount);
2. for table 三, the 总计 column equals the sum of the six applicant columns
   (rule T3-COLUMNS), for table 四 each group's 总计 (rule T4-GROUP);
3. for table 三 rows still open, the identities between rows (T3-BALANCE,
   T3-OUTCOMES), searched jointly over the open rows with pruning and a cap.

Constraints are added only as far as needed, and each decoded row records the
rule ids it needed (``rules``): a row split by its cell count alone is checked
by every rule independently. Enumeration is bounded (``MAX_SPLITS`` per row,
``MAX_NODES`` for the joint search); beyond that the row is left unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "MAX_NODES",
    "MAX_SPLITS",
    "Constraint",
    "RowDecoding",
    "decode_joint",
    "splits",
    "tokens_of",
]

MAX_SPLITS = 20000  # candidate splits of one row before it is called ambiguous
MAX_NODES = 200000  # search nodes of the joint search over the open rows of a table

_INTEGER = re.compile(r"^(?:0|[1-9]\d*)$")
_DECIMAL = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_NA_TOKEN = re.compile(r"^[/／]+$|^[—–\-－]+$")
_TOKEN = re.compile(r"[0-9.]+(?:万?元)?|[/／]+|[—–\-－]+")
_UNIT = re.compile(r"万?元$")


def tokens_of(run: str) -> list[str]:
    """The separated pieces of a value run: digit strings (cells possibly run together) and na marks."""
    return _TOKEN.findall(run)


@dataclass
class RowDecoding:
    """What is known of one row: its candidate splits, the rules used so far, or why it is unread."""

    candidates: list[tuple[str, ...]] = field(default_factory=list)
    rules: tuple[str, ...] = ()
    split: bool = False  # whether any token had to be split (the values are decoded, not read)
    why: str | None = None  # set when the row is left unread
    stated: str | None = None  # the narrative's counts that decided the split, when they were needed

    @property
    def unique(self) -> tuple[str, ...] | None:
        """The one split, when exactly one remains."""
        return self.candidates[0] if len(self.candidates) == 1 and self.why is None else None


def _parts(token: str, count: int, decimal: Sequence[bool], offset: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut a token into ``count`` valid numbers (``decimal[i]``: column i may hold a decimal)."""
    unit = _UNIT.search(token)
    suffix = unit.group(0) if unit else ""
    digits = token[: len(token) - len(suffix)]
    if _NA_TOKEN.match(token):
        if count == 1:
            yield (token,)
        elif token[0] in "/／" and len(token) == count:
            yield tuple(token)
        return

    def cut(start: int, left: int, column: int) -> Iterator[tuple[str, ...]]:
        if left == 1:
            part = digits[start:]
            pattern = _DECIMAL if decimal[column] else _INTEGER
            if pattern.match(part):
                yield (part + suffix,)
            return
        for end in range(start + 1, len(digits) - left + 2):
            part = digits[start:end]
            pattern = _DECIMAL if decimal[column] else _INTEGER
            if not pattern.match(part):
                if part[0] == "0" and part[1:2].isdigit():
                    break  # a leading zero only gets longer
                continue
            for rest in cut(end, left - 1, column + 1):
                yield (part, *rest)

    if not digits or count > len(digits.replace(".", "")):
        return
    yield from cut(0, count, offset)


def splits(tokens: Sequence[str], width: int, decimal: Sequence[bool] | None = None) -> list[tuple[str, ...]] | None:
    """All splits of the tokens into ``width`` cells (in order); None when there are more than MAX_SPLITS."""
    decimal = decimal or [False] * width
    out: list[tuple[str, ...]] = []
    too_many = False

    def walk(i: int, column: int, acc: tuple[str, ...]) -> None:
        nonlocal too_many
        if too_many:
            return
        if i == len(tokens):
            if column == width:
                out.append(acc)
                if len(out) > MAX_SPLITS:
                    too_many = True
            return
        left_tokens = len(tokens) - i - 1
        most = width - column - left_tokens
        for count in range(1, most + 1):
            for parts in _parts(tokens[i], count, decimal, column):
                walk(i + 1, column + count, acc + parts)

    if 0 < len(tokens) <= width:
        walk(0, 0, ())
    return None if too_many else out


def numbers(values: tuple[str, ...]) -> list[Decimal] | None:
    """The values as numbers, or None when one is an na mark or carries a unit."""
    try:
        return [Decimal(v) for v in values]
    except ArithmeticError:
        return None


Constraint = tuple[tuple[int, ...], Callable[[list[tuple[str, ...]]], bool]]


def decode_joint(rows: list[RowDecoding], constraints: list[Constraint], rules: tuple[str, ...]) -> None:
    """Narrow the open rows (more than one candidate) jointly under constraints between rows.

    ``constraints`` are (row indexes, test of their values in that order). Only constraints whose rows all
    have candidates take part. A row whose value is the same in every joint solution is decoded (recording
    ``rules``); the others stay open. A search beyond MAX_NODES leaves the rows as they were.
    """
    open_rows = [i for i, r in enumerate(rows) if r.why is None and len(r.candidates) > 1]
    if not open_rows:
        return
    usable = [(idx, test) for idx, test in constraints if all(rows[i].why is None and rows[i].candidates for i in idx)]
    usable = [(idx, test) for idx, test in usable if set(idx) & set(open_rows)]
    if not usable:
        return
    order = sorted(open_rows, key=lambda i: len(rows[i].candidates))
    position = {row: depth for depth, row in enumerate(order)}
    # A constraint is tested as soon as its last open row is assigned.
    ready: dict[int, list[Constraint]] = {}
    for idx, test in usable:
        last = max(position[i] for i in idx if i in position)
        ready.setdefault(last, []).append((idx, test))
    chosen: dict[int, tuple[str, ...]] = {i: rows[i].candidates[0] for i, r in enumerate(rows) if r.unique}
    seen: dict[int, set[tuple[str, ...]]] = {i: set() for i in open_rows}
    nodes = 0
    solutions = 0

    def walk(depth: int) -> bool:
        nonlocal nodes, solutions
        if depth == len(order):
            solutions += 1
            for i in open_rows:
                seen[i].add(chosen[i])
            return True
        row = order[depth]
        for candidate in rows[row].candidates:
            nodes += 1
            if nodes > MAX_NODES:
                return False
            chosen[row] = candidate
            if all(test([chosen[i] for i in idx]) for idx, test in ready.get(depth, [])) and not walk(depth + 1):
                return False
        chosen.pop(row, None)
        return True

    if not walk(0):
        for i in open_rows:
            rows[i].why = "可能的拆法太多，无法在限定的搜索范围内唯一确定"
        return
    for i in open_rows:
        if solutions == 0:
            rows[i].why = "没有一种拆法同时满足表格的勾稽关系（可能印刷有误）"
        elif len(seen[i]) == 1:
            rows[i].candidates = list(seen[i])
            rows[i].rules = tuple(dict.fromkeys(rows[i].rules + rules))
