"""The reading stream: what every document reader produces before interpretation.

Each reader (text, HTML, DOCX, Markdown, PDF) turns its source into a flat,
ordered list of :class:`Paragraph` and :class:`TableRow` items. The single
interpreter (``xxgk.documents.interpret``) turns that stream into a
:class:`~xxgk.core.report.model.Report`, so label matching, section finding
and table recognition are written once for all formats.

Rules for readers:

- emit items in reading order; a table is a run of ``TableRow`` items with
  the same ``table`` number (1-based, in document order);
- a row's ``cells`` are the row's cells left to right after expanding
  rowspan/colspan; a cell covered by a span carries the same ``origin`` as
  the cell that spans it (so the interpreter can drop repeats), and its text
  is the spanning cell's text;
- cell text is kept as printed (line breaks inside a cell joined with ``\\n``);
- every item carries its ``Place``;
- a cell carries its provenance (read, decoded from run-together text, OCR); a cell the reader is not
  sure of carries ``doubt`` (why, in Chinese) and is left unread by the interpreter, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.core.report.model import READ, Place

__all__ = ["Paragraph", "Stream", "TableRow", "TextCell"]


@dataclass(frozen=True)
class TextCell:
    """One cell of a table row as printed, with its place and span origin."""

    text: str
    place: Place
    origin: tuple[int, int] | None = None  # (row, column) of the spanning cell, if covered by a span
    provenance: str = READ  # READ, DECODED or OCR (xxgk.core.report.model)
    confidence: float | None = None  # OCR confidence (0–1) of an OCR value
    decoded_by: tuple[str, ...] = ()  # rule ids whose constraints decoded a run-together value
    doubt: str | None = None  # why the reader is not sure of this cell (Chinese): it is left unread

    def __init__(
        self,
        text: str,
        place: Place,
        origin: tuple[int, int] | None = None,
        provenance: str = READ,
        confidence: float | None = None,
        decoded_by: tuple[str, ...] = (),
        doubt: str | None = None,
    ) -> None:
        # Readers make thousands of cells per report: fill the instance dict at once instead of the
        # frozen dataclass's field-by-field object.__setattr__ (about twice as fast).
        self.__dict__.update(
            text=text,
            place=place,
            origin=origin,
            provenance=provenance,
            confidence=confidence,
            decoded_by=decoded_by,
            doubt=doubt,
        )


@dataclass(frozen=True)
class TableRow:
    """One row of a table in the source."""

    table: int
    cells: tuple[TextCell, ...]
    place: Place


@dataclass(frozen=True)
class Paragraph:
    """A paragraph or line of running text."""

    text: str
    place: Place


@dataclass
class Stream:
    """The reader's output: items in order, plus what kind of source it was."""

    items: list[Paragraph | TableRow] = field(default_factory=list)
    source: str | None = None
    source_type: str | None = None  # "text", "html", "docx", "markdown", "pdf", "json"
    pages: int | None = None
    # What the reader skipped or could not read, for the user: Chinese, one sentence each.
    notes: list[str] = field(default_factory=list)
