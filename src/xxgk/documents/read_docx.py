"""Read a Word document (DOCX) into a reading stream.

The body is walked once in order, paragraphs and tables interleaved. Merged
cells (``w:gridSpan`` across, ``w:vMerge`` down) are expanded into the grid
the way python-docx resolves them: every slot of a merged cell repeats its
text and carries the ``origin`` of the cell where the merge starts. A layout
table whose cells hold other tables is read as blocks, so the inner tables
come out in order. Page numbers come from ``w:lastRenderedPageBreak`` (the
pagination Word last rendered) or, failing that, from explicit page and
section breaks; without either they are unknown (None).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from xxgk.core.report.model import Place
from xxgk.documents.errors import EmptyDocument, ReadError, UnsupportedDocument
from xxgk.documents.limits import read_zip_part
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["read_docx"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted OOXML container
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_NOT_WORD = "该文件不是 Word 文档（DOCX）。"
_CORRUPT = "DOCX 文件已损坏，无法打开。"
_MAX_RELS = 1024 * 1024  # a relationships part lists a few dozen parts

W_BODY, W_P, W_TBL, W_TR, W_TC = qn("w:body"), qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
W_LAST_RENDERED = qn("w:lastRenderedPageBreak")
W_PPR, W_TCPR, W_TRPR = qn("w:pPr"), qn("w:tcPr"), qn("w:trPr")
W_GRID_SPAN, W_VMERGE, W_GRID_BEFORE = qn("w:gridSpan"), qn("w:vMerge"), qn("w:gridBefore")
W_PAGE_BREAK_BEFORE, W_SECT_PR, W_TYPE = qn("w:pageBreakBefore"), qn("w:sectPr"), qn("w:type")
W_VAL, W_TBL_PR_EX = qn("w:val"), qn("w:tblPrEx")
# Run content that is not printed text: deletions, field codes, properties, images, fallbacks.
_NOT_TEXT = frozenset(
    {qn(f"w:{name}") for name in ("del", "delText", "instrText", "rPr", "pPr", "drawing", "pict", "object", "fldData")}
    | {f"{_MC}Fallback"}
)
_BLOCK_WRAPPERS = frozenset({W_SDT, W_SDT_CONTENT, W_CUSTOM_XML})
_FALSE = frozenset({"0", "false", "off"})
_MAX_SPAN = 1000


def read_docx(data: bytes, source: str | None = None) -> Stream:
    """Read DOCX bytes into a stream of paragraphs and expanded table rows.

    Raises :class:`~xxgk.documents.errors.EmptyDocument` for no bytes and
    :class:`~xxgk.documents.errors.UnsupportedDocument` for a legacy .doc, an
    encrypted, corrupt or non-Word file.
    """
    if not data:
        raise EmptyDocument("empty docx file")
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedDocument(
            "ole2 container: legacy .doc or encrypted docx",
            "不支持旧版 Word（.doc）文件或加密的文档；请在 Word 或 WPS 中另存为未加密的 .docx 后再读取。",
        )
    if not data.startswith(b"PK"):
        raise UnsupportedDocument("not a docx: no zip signature", "文件不是有效的 DOCX 文档。")
    body = _open_body(data)
    walker = _Walker(Stream(source=source, source_type="docx"), _paging_mode(body))
    walker.blocks(body)
    if walker.mode is not None:
        walker.stream.pages = walker.page
    return walker.stream


def _open_body(data: bytes) -> etree._Element:
    """The w:body of the package's main document part (found through _rels/.rels, as python-docx does).

    The part is parsed with a plain lxml parser: ``docx.Document()`` also parses
    styles, numbering and settings with its element classes, which costs more
    than the whole walk and is not needed to read the text.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            rels = _parse(read_zip_part(package, "_rels/.rels", _MAX_RELS)) if "_rels/.rels" in names else None
            target = None
            if rels is not None:
                for rel in rels:
                    if rel.get("Type", "").endswith("/officeDocument"):
                        target = rel.get("Target", "").lstrip("/")
            if target is None and "word/document.xml" in names:
                target = "word/document.xml"
            if target is None or target not in names:
                raise UnsupportedDocument(f"not a word document: main part {target!r}", _NOT_WORD)
            root = _parse(read_zip_part(package, target))  # refused once it inflates past the limit
    except ReadError:
        raise
    except Exception as exc:  # zip, zlib or XML failures all mean the file is damaged
        raise UnsupportedDocument(f"corrupt docx: {exc!r}", _CORRUPT) from exc
    body = root.find(W_BODY)
    if body is None:
        raise UnsupportedDocument(f"not a word document: root {root.tag!r}", _NOT_WORD)
    return body


def _parse(xml: bytes) -> etree._Element:
    """Parse a package part without entity expansion or network access."""
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True))


def _paging_mode(body: etree._Element) -> str | None:
    """'rendered' if Word's rendered page breaks are present, 'explicit' for hard breaks only, else None."""
    if next(body.iter(W_LAST_RENDERED), None) is not None:
        return "rendered"
    for br in body.iter(W_BR):
        if br.get(W_TYPE) == "page":
            return "explicit"
    for ppr in body.iter(W_PPR):
        if ppr.find(W_SECT_PR) is not None or _on(ppr.find(W_PAGE_BREAK_BEFORE)):
            return "explicit"
    return None


def _property(el: etree._Element, tag: str) -> etree._Element | None:
    """An element's properties child (w:pPr, w:tcPr, w:trPr): the schema puts it first (after w:tblPrEx)."""
    for child in el:
        if child.tag == tag:
            return child
        if child.tag != W_TBL_PR_EX:
            return None
    return None


def _on(toggle: etree._Element | None) -> bool:
    """Whether an OOXML on/off property element is present and on."""
    return toggle is not None and (toggle.get(W_VAL) or "true").lower() not in _FALSE


def _int_val(el: etree._Element | None, default: int) -> int:
    """The integer w:val of a property element, or the default."""
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(W_VAL, default)), _MAX_SPAN))
    except ValueError:
        return default


@dataclass
class _Text:
    """A paragraph's printed text and the page breaks seen in it."""

    parts: list[str] = field(default_factory=list)
    breaks: int = 0
    breaks_before_text: int | None = None  # page breaks seen before the first printed character

    def add(self, text: str) -> None:
        """Add printed text."""
        if self.breaks_before_text is None and text.strip():
            self.breaks_before_text = self.breaks
        self.parts.append(text)


class _Walker:
    """Walks the document body once in order and appends to a stream."""

    def __init__(self, stream: Stream, mode: str | None) -> None:
        self.stream = stream
        self.mode = mode
        self.page = 1
        self.tables = 0

    def place_page(self, page: int) -> int | None:
        """The page for a Place: known only when the document's pagination is determinable."""
        return page if self.mode is not None else None

    def blocks(self, parent: etree._Element) -> None:
        """Emit the block content (paragraphs, tables) of a body, cell or content control."""
        for child in parent:
            tag = child.tag
            if tag == W_P:
                start, text = self.paragraph(child)
                if text:
                    self.stream.items.append(Paragraph(text, Place(page=self.place_page(start))))
            elif tag == W_TBL:
                self.table(child)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(child)

    def paragraph(self, p: etree._Element) -> tuple[int, str]:
        """Read one paragraph: (page where its text starts, text); advances the page counter."""
        ppr = _property(p, W_PPR)
        if self.mode == "explicit" and ppr is not None and _on(ppr.find(W_PAGE_BREAK_BEFORE)):
            self.page += 1
        collected = _Text()
        self.runs(p, collected)
        start = self.page + (collected.breaks_before_text or 0)
        self.page += collected.breaks
        if self.mode == "explicit" and ppr is not None:
            sect = ppr.find(W_SECT_PR)
            if sect is not None:
                kind = sect.find(W_TYPE)
                if kind is None or kind.get(W_VAL) != "continuous":
                    self.page += 1
        return start, "".join(collected.parts).strip()

    def runs(self, el: etree._Element, out: _Text) -> None:
        """Collect printed text and page breaks below a paragraph element."""
        for child in el:
            tag = child.tag
            if tag == W_T:
                if child.text:
                    out.add(child.text)
            elif tag == W_TAB:
                out.add("\t")
            elif tag == W_BR:
                if child.get(W_TYPE) == "page":
                    if self.mode == "explicit":
                        out.breaks += 1
                elif child.get(W_TYPE) != "column":
                    out.add("\n")
            elif tag == W_CR:
                out.add("\n")
            elif tag == W_LAST_RENDERED:
                if self.mode == "rendered":
                    out.breaks += 1
            elif tag == W_NO_BREAK_HYPHEN:
                out.add("-")
            elif isinstance(tag, str) and tag not in _NOT_TEXT:
                self.runs(child, out)

    def table(self, tbl: etree._Element) -> None:
        """Emit a data table as expanded rows, or a layout table's cells as blocks."""
        rows: list[tuple[etree._Element, list[etree._Element]]] = []
        nested = _collect_rows(tbl, rows)
        if nested:
            for _, cells in rows:
                for tc in cells:
                    self.blocks(tc)
            return
        if not rows:
            return
        self.tables += 1
        self.grid(self.tables, rows)

    def grid(self, number: int, rows: list[tuple[etree._Element, list[etree._Element]]]) -> None:
        """Expand gridSpan/vMerge and append one TableRow per w:tr."""
        above: dict[int, tuple[str, tuple[int, int]]] = {}
        origin: tuple[int, int] | None  # (row, column) of the spanning cell; None for a plain cell
        for r, (tr, cells) in enumerate(rows):
            row_no = r + 1
            trpr = _property(tr, W_TRPR)
            col = _int_val(trpr.find(W_GRID_BEFORE), 0) if trpr is not None else 0
            slots: dict[int, tuple[str, tuple[int, int] | None, int]] = {}
            row_start, row_end = self.page, self.page
            first_text_page: int | None = None
            for tc in cells:
                span, vmerge = 1, None
                tcpr = _property(tc, W_TCPR)
                if tcpr is not None:
                    for prop in tcpr:
                        if prop.tag == W_GRID_SPAN:
                            span = max(1, _int_val(prop, 1))
                        elif prop.tag == W_VMERGE:
                            vmerge = prop
                self.page = row_start
                cell_page, text = self.cell(tc)
                row_end = max(row_end, self.page)
                if vmerge is not None and vmerge.get(W_VAL) != "restart":
                    for j in range(span):
                        if col + j in above:
                            covered, origin = above[col + j]
                            slots[col + j] = (covered, origin, row_start)
                        else:  # a continuation with nothing above: Word shows it as a cell of its own
                            slots[col + j] = (text, (row_no, col + 1) if span > 1 else None, cell_page)
                else:
                    if text and (first_text_page is None or cell_page < first_text_page):
                        first_text_page = cell_page
                    origin = (row_no, col + 1) if span > 1 or vmerge is not None else None
                    for j in range(span):
                        slots[col + j] = (text, origin, cell_page)
                col += span
            self.page = row_end
            above = {c: (text, origin or (row_no, c + 1)) for c, (text, origin, _) in slots.items()}
            if not slots:
                continue
            out = []
            for c in range(max(slots) + 1):
                text, origin, page = slots.get(c, ("", None, row_start))
                out.append(TextCell(text, Place(self.place_page(page), number, row_no, c + 1), origin))
            row_page = first_text_page if first_text_page is not None else row_start
            self.stream.items.append(TableRow(number, tuple(out), Place(self.place_page(row_page), number, row_no)))

    def cell(self, tc: etree._Element) -> tuple[int, str]:
        """Read a data cell: (page where its text starts, its paragraphs joined with newlines)."""
        lines: list[str] = []
        start: int | None = None
        for p in _cell_paragraphs(tc):
            page, text = self.paragraph(p)
            for line in text.split("\n"):
                line = line.strip()
                if line:
                    lines.append(line)
                    if start is None:
                        start = page
        return (start if start is not None else self.page), "\n".join(lines)


def _collect_rows(tbl: etree._Element, rows: list[tuple[etree._Element, list[etree._Element]]]) -> bool:
    """Collect the table's rows and their cells; True if a cell holds a nested table."""
    nested = False
    for child in tbl:
        tag = child.tag
        if tag == W_TR:
            cells = [tc for tc in _unwrap(child) if tc.tag == W_TC]
            if not nested:
                nested = any(next(tc.iter(W_TBL), None) is not None for tc in cells)
            rows.append((child, cells))
        elif tag in _BLOCK_WRAPPERS:
            nested = _collect_rows(child, rows) or nested
    return nested


def _unwrap(parent: etree._Element) -> list[etree._Element]:
    """The children of an element with content controls and custom XML wrappers opened."""
    out: list[etree._Element] = []
    for child in parent:
        if child.tag in _BLOCK_WRAPPERS:
            out.extend(_unwrap(child))
        else:
            out.append(child)
    return out


def _cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """The paragraphs of a cell in order (content controls opened)."""
    return [p for p in _unwrap(tc) if p.tag == W_P]
