"""The report model: cells with their value kind and their place in the source.

A cell value is one of four kinds (spec annual-report.md §5): a number, blank
(empty in the source), na (the source prints ``/``, ``-``, ``—``, ``无`` or
``不适用``) or text (anything else, kept verbatim). Blank and na are never 0.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from xxgk.core.report.layout import FORMAT_2019, FORMAT_2021

__all__ = [
    "DECODED",
    "OCR",
    "PROVENANCES",
    "READ",
    "Cell",
    "Kind",
    "LabelNote",
    "Place",
    "Report",
    "Section",
    "canonical_number",
    "parse_value",
]


# How a cell's value was obtained (its provenance), shown with every value in check output and JSON:
READ = "read"  # read from its own cell (or its own separated token) in the source's text
DECODED = "decoded"  # decoded from run-together text: digits of several cells printed without separators
OCR = "ocr"  # recognised by OCR from a page image (``Cell.confidence`` holds the recogniser's confidence)
PROVENANCES: dict[str, str] = {READ: "读自文字", DECODED: "由连写数字解码", OCR: "经文字识别（OCR）读取"}


class Kind(StrEnum):
    """The four kinds of cell value."""

    NUMBER = "number"
    BLANK = "blank"
    NA = "na"
    TEXT = "text"


@dataclass(frozen=True)
class Place:
    """Where a value came from in the source document.

    ``page`` (1-based, PDF/DOCX page where known), ``table`` (1-based index of
    the table in the document), ``row`` and ``column`` (1-based, in the
    expanded grid of that table), ``line`` (1-based line in a text source).
    """

    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """A short Chinese description, e.g. ``第2页 表3 第4行 第5列``."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        if self.line is not None:
            parts.append(f"第{self.line}行（文本）")
        return " ".join(parts) or "位置未知"

    def as_dict(self) -> dict[str, int]:
        """The non-empty fields as a dict (for JSON)."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


NA_MARKS = frozenset({"/", "-", "—", "－", "／", "——", "无", "不适用", "–", "N/A", "NA"})
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def canonical_number(number: Decimal) -> str:
    """The canonical printed form: no separators, no exponent, no trailing zeros."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


@dataclass(frozen=True)
class Cell:
    """A table cell: its kind, its number (for kind number), the raw text, its place, how it was read.

    ``provenance`` is :data:`READ`, :data:`DECODED` or :data:`OCR`; ``confidence`` is the OCR confidence
    (0–1) of an OCR value; ``decoded_by`` names the rule ids whose constraints were needed to decode a
    run-together value (such a cell cannot fail those rules, so they do not assess it independently).
    """

    kind: Kind
    raw: str = ""
    number: Decimal | None = None
    place: Place | None = None
    provenance: str = READ
    confidence: float | None = None
    decoded_by: tuple[str, ...] = ()

    def __init__(
        self,
        kind: Kind,
        raw: str = "",
        number: Decimal | None = None,
        place: Place | None = None,
        provenance: str = READ,
        confidence: float | None = None,
        decoded_by: tuple[str, ...] = (),
    ) -> None:
        # Every report makes hundreds of cells: fill the instance dict at once (the frozen dataclass's
        # field-by-field object.__setattr__ is about twice as slow).
        self.__dict__.update(
            kind=kind,
            raw=raw,
            number=number,
            place=place,
            provenance=provenance,
            confidence=confidence,
            decoded_by=decoded_by,
        )

    @property
    def value(self) -> str:
        """The value of the flat cell export: canonical number, '' for blank, 'NA', or the text."""
        if self.kind is Kind.NUMBER:
            assert self.number is not None
            return canonical_number(self.number)
        if self.kind is Kind.BLANK:
            return ""
        if self.kind is Kind.NA:
            return "NA"
        return self.raw

    @classmethod
    def of(cls, value: int | Decimal | str | None, place: Place | None = None) -> Cell:
        """A cell from a Python value: a number, None for blank, or a printed string."""
        if value is None:
            return cls(Kind.BLANK, "", None, place)
        if isinstance(value, int | Decimal):
            number = Decimal(value)
            return cls(Kind.NUMBER, canonical_number(number), number, place)
        return parse_value(value, place)


def parse_value(raw: str, place: Place | None = None) -> Cell:
    """Classify printed cell text into a cell (spec §5); never guesses a number."""
    text = unicodedata.normalize("NFKC", raw)
    text = _SPACES.sub("", text)
    if text == "":
        return Cell(Kind.BLANK, raw, None, place)
    if text in NA_MARKS:
        return Cell(Kind.NA, raw, None, place)
    if _NUMBER.match(text):
        try:
            return Cell(Kind.NUMBER, raw, Decimal(text.replace(",", "")), place)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            pass
    return Cell(Kind.TEXT, raw.strip(), None, place)


@dataclass(frozen=True)
class Section:
    """A narrative section: its key, the heading as printed (None if absent), its text."""

    key: str
    heading: str | None
    text: str
    place: Place | None = None


@dataclass(frozen=True)
class LabelNote:
    """What a reader found for one required label (used by rule FORMAT-LABELS).

    ``status`` is ``exact``, ``variant`` (a known variant of spec §7),
    ``misspelled`` (matched only as the closest label), ``missing`` or
    ``other_format`` (a label of the other format version).
    """

    status: str
    expected: str
    found: str | None = None
    where: str = ""  # e.g. "section", "t3.row", "t3.column", "t2.row", "t4.column"
    place: Place | None = None


@dataclass
class Report:
    """An annual report as read or as built: metadata, sections and cells.

    ``t2_format`` / ``t3_format`` are ``"2021"``, ``"2019"`` or None when the
    table is missing; ``has_t4`` says whether table 四 was found. ``cells`` maps
    address → Cell in print order. ``notes`` says what the reader skipped (e.g.
    scanned PDF pages), one Chinese sentence each.
    """

    unit: str | None = None
    year: int | None = None
    title: str | None = None
    t2_format: str | None = FORMAT_2021
    t3_format: str | None = FORMAT_2021
    has_t4: bool = True
    sections: dict[str, Section] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    labels: list[LabelNote] = field(default_factory=list)
    source: str | None = None
    source_type: str | None = None
    notes: list[str] = field(default_factory=list)  # the reader's notes on what it skipped (Chinese sentences)
    # Cells the reader saw but left unread because the evidence for their address or value was in doubt:
    # address → why, in Chinese. A rule that needs such a cell is not assessable, never failed.
    unread: dict[str, str] = field(default_factory=dict)

    @property
    def format(self) -> str:
        """'2021', '2019' or 'mixed' (tables of different versions)."""
        found = {f for f in (self.t2_format, self.t3_format) if f}
        if found == {FORMAT_2019}:
            return FORMAT_2019
        if found == {FORMAT_2021} or not found:
            return FORMAT_2021
        return "mixed"

    def provenance_counts(self) -> dict[str, int]:
        """How many cells were read each way: ``{"read": n, "decoded": n, "ocr": n}``."""
        counts = dict.fromkeys(PROVENANCES, 0)
        for cell in self.cells.values():
            counts[cell.provenance] = counts.get(cell.provenance, 0) + 1
        return counts

    def cell(self, address: str) -> Cell:
        """The cell at an address; a blank cell if the report does not have it."""
        return self.cells.get(address) or Cell(Kind.BLANK)

    def number(self, address: str) -> Decimal | None:
        """The number at an address, or None if the cell is not a number."""
        c = self.cells.get(address)
        return c.number if c is not None and c.kind is Kind.NUMBER else None
