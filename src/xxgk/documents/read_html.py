"""Read an HTML document (a saved web page or a fragment) into a reading stream.

Tables become runs of :class:`~xxgk.documents.stream.TableRow` with rowspan
and colspan expanded into a grid; everything else becomes paragraphs in
document order. Layout tables (tables whose cells hold other tables) are not
emitted as grids: their cells are read as blocks, so the inner tables and the
text around them come out in document order without junk rows.
"""

from __future__ import annotations

import re

from lxml import etree

from xxgk.core.report.model import Place
from xxgk.documents.errors import EmptyDocument, UnsupportedDocument
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["read_html"]

# Content that is never printed text of the report.
_SKIP_TAGS = (
    "script style noscript template nav head title meta link iframe object embed svg math"
    " select option textarea button input canvas map"
)
# Elements that start and end a paragraph of running text (td/th only matter outside a data table).
_BLOCK_TAGS = (
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main menu ol p pre"
    " section summary td th tr tbody thead tfoot ul"
)
_SKIP = frozenset(_SKIP_TAGS.split())
_BLOCK = frozenset(_BLOCK_TAGS.split())
_CELL_STRUCTURE = _BLOCK | _SKIP | {"br"}
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
_ROW_PARENTS = frozenset({"table", "thead", "tbody", "tfoot"})
_MAX_COLSPAN = 1000  # the HTML limit; larger values are clamped as browsers do
_MAX_ROWSPAN = 65534

# A leading XML declaration: lxml refuses a str that carries an encoding in it.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# CJK characters (and full-width forms) between which a source line break prints as nothing.
_CJK = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_COLLAPSIBLE = re.compile(r"[ \t\r\n\f]+")
_INNER_SPACE = re.compile(r"[ \t\r\n\f\u00a0]")
_NBSP = "\u00a0"
_LEADING_DIGITS = re.compile(r"\s*(\d+)")
_PLACES: dict[tuple[int, int, int | None], Place] = {}
_PLACES_MAX = 100_000
_HARD_BREAK = "\x00"  # a printed line break inside a cell; libxml2 text never holds NUL


def read_html(text: str, source: str | None = None) -> Stream:
    """Read HTML text into a stream of paragraphs and expanded table rows.

    ``text`` is already decoded; a ``<meta charset>`` or XML declaration in it
    is ignored. Truncated HTML is read as far as it goes. Blank input raises
    :class:`~xxgk.documents.errors.EmptyDocument`.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyDocument("empty html document")
    text = _XML_DECLARATION.sub("", text.replace("\x00", ""), count=1)
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        default_doctype=False,
        huge_tree=True,  # libxml2 otherwise drops everything below depth 256 (pages full of unclosed <font>)
    )
    stream = Stream(source=source, source_type="html")
    try:
        root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    except etree.XMLSyntaxError:  # only for input libxml2 cannot start to parse
        root = None
    if root is None:
        return stream
    _lift_misnested_rows(root)
    try:
        _Walker(stream).walk(root)
    except RecursionError as exc:  # a safety net: the walk is iterative and deep cells fall back to plain text
        raise UnsupportedDocument("html nested too deeply", "HTML 文档嵌套层次过深，无法读取。") from exc
    return stream


def _lift_misnested_rows(root: etree._Element) -> None:
    """Move <tr> elements that libxml2 nested inside a cell back into their table, after the row they were in.

    Old pages leave inline tags open (``<td><font>1<tr><td>…``); browsers close
    them at the next row, but libxml2 puts the next row inside the <font>.
    """
    last_lifted: dict[etree._Element, etree._Element] = {}
    for tr in list(root.iter("tr")):
        parent = tr.getparent()
        if parent is None or parent.tag in _ROW_PARENTS:
            continue
        cell = parent
        while cell is not None and cell.tag not in _CELLS and cell.tag != "table":
            cell = cell.getparent()
        if cell is None or cell.tag == "table":
            continue
        row = cell.getparent()
        while row is not None and row.tag != "tr":
            row = row.getparent()
        if row is None:
            continue
        previous = last_lifted.get(row)
        (row if previous is None else previous).addnext(tr)  # the tail text moves with it
        last_lifted[row] = tr


def _normalise(raw: str) -> str:
    """Collapse source white space as a browser prints it; NBSP stays a space; ends stripped."""
    text = raw.strip()
    if not text or _INNER_SPACE.search(text) is None:
        return text
    if "\n" in text:
        text = _CJK_BREAK.sub("", text)
    return _COLLAPSIBLE.sub(" ", text).replace(_NBSP, " ")


def _place(table: int, row: int, column: int | None) -> Place:
    """A shared Place for a table position (Place is immutable; a report reuses the same few hundred)."""
    key = (table, row, column)
    place = _PLACES.get(key)
    if place is None:
        if len(_PLACES) > _PLACES_MAX:
            _PLACES.clear()
        place = _PLACES[key] = Place(table=table, row=row, column=column)
    return place


class _Walker:
    """Walks an lxml tree once in document order and appends to a stream."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.items = stream.items
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0

    # --- running text ---------------------------------------------------

    def add(self, text: str | None, line: int | None) -> None:
        """Add inline text to the open paragraph."""
        if text:
            if not self.buffer:
                self.line = line
            self.buffer.append(text)

    def flush(self) -> None:
        """Close the open paragraph and emit it if it holds printable text."""
        if self.buffer:
            text = _normalise("".join(self.buffer))
            self.buffer.clear()
            if text:
                self.items.append(Paragraph(text, Place(line=self.line)))

    def walk(self, root: etree._Element) -> None:
        """Emit the whole tree in document order (iteratively: saved pages can nest thousands deep)."""
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            el, closing = stack.pop()
            tag = el.tag
            if closing:
                if tag in _BLOCK:
                    self.flush()
            elif not isinstance(tag, str) or tag in _SKIP:  # comments, processing instructions, scripts…
                pass
            elif tag == "table":
                self.flush()
                inner = self.table(el)
                stack.append((el, True))
                stack.extend((child, False) for child in reversed(inner))
                continue  # the tail comes after the layout cells, when the table closes
            elif tag == "br":
                self.flush()
            elif tag == "pre":  # preformatted text keeps its lines: one paragraph per line
                self.flush()
                for offset, line in enumerate("".join(el.itertext()).split("\n")):
                    self.add(line, el.sourceline + offset if el.sourceline else None)
                    self.flush()
            else:
                if tag in _BLOCK:
                    self.flush()
                self.add(el.text, el.sourceline)
                stack.append((el, True))
                stack.extend((child, False) for child in reversed(el))
                continue  # the tail comes when the element closes
            if el is not root:
                self.add(el.tail, el.sourceline)
        self.flush()

    # --- tables ---------------------------------------------------------

    def table(self, table: etree._Element) -> list[etree._Element]:
        """Emit a data table as expanded rows; return what is read as blocks (captions, a layout table's cells)."""
        rows: list[list[etree._Element]] = []
        captions: list[etree._Element] = []
        nested = _collect_rows(table, rows, captions)
        if nested:
            return captions + [cell for row in rows for cell in row]
        for caption in captions:  # a caption is one line of text before the table
            self.add("".join(caption.itertext()), caption.sourceline)
            self.flush()
        if any(rows):
            self.tables += 1
            _emit_grid(self.items, self.tables, rows)
        return []


def _collect_rows(table: etree._Element, rows: list[list[etree._Element]], captions: list[etree._Element]) -> bool:
    """Collect the table's own rows (not those of nested tables); True if a cell holds a table."""
    nested = False
    for child in table:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == "tr":
            cells = [c for c in child if isinstance(c.tag, str) and c.tag in _CELLS]
            for cell in cells:
                if not nested and next(cell.iter("table"), None) is not None:
                    nested = True
            rows.append(cells)
        elif tag in _ROW_GROUPS or tag == "form":  # libxml2 may leave a <form> between table and rows
            nested = _collect_rows(child, rows, captions) or nested
        elif tag == "caption":
            captions.append(child)
    return nested


def _span(value: str | None, *, rows: bool) -> int:
    """A rowspan/colspan value as an int ≥ 1; junk reads as 1, rowspan 0 as 0 ('to the end of the table')."""
    if value is None:
        return 1
    if not value.isdigit():
        digits = _LEADING_DIGITS.match(value)  # browsers read "2px" as 2
        if digits is None:
            return 1
        value = digits.group(1)
    number = int(value)
    if number == 0:
        return 0 if rows else 1
    return min(number, _MAX_ROWSPAN if rows else _MAX_COLSPAN)


def _emit_grid(items: list[Paragraph | TableRow], number: int, rows: list[list[etree._Element]]) -> None:
    """Expand rowspan/colspan into a grid and append one TableRow per source row."""
    height = len(rows)
    # below[r] holds the slots of row r already covered by spans from rows above: column -> (text, origin)
    below: list[dict[int, tuple[str, tuple[int, int]]]] = [{} for _ in range(height)]
    places = _PLACES
    origin: tuple[int, int] | None  # (row, column) of the spanning cell; None for a hole
    for r, cells in enumerate(rows):
        row = r + 1
        covered = below[r]
        out: list[TextCell] = []
        c = 0
        for cell in cells:
            while c in covered:
                text, origin = covered[c]
                out.append(TextCell(text, places.get((number, row, c + 1)) or _place(number, row, c + 1), origin))
                c += 1
            rowspan = _span(cell.get("rowspan"), rows=True)
            colspan = _span(cell.get("colspan"), rows=False)
            if rowspan == 0 or r + rowspan > height:
                rowspan = height - r
            text = _cell_text(cell)
            if rowspan == 1 and colspan == 1:
                out.append(TextCell(text, places.get((number, row, c + 1)) or _place(number, row, c + 1)))
                c += 1
                continue
            origin = (row, c + 1)
            for dc in range(colspan):
                # overlapping spans: a slot already covered from above keeps that cell, as browsers draw it
                slot_text, slot_origin = covered.get(c + dc) or (text, origin)
                place = places.get((number, row, c + dc + 1)) or _place(number, row, c + dc + 1)
                out.append(TextCell(slot_text, place, slot_origin))
            for dr in range(1, rowspan):
                target = below[r + dr]
                for dc in range(colspan):
                    target.setdefault(c + dc, (text, origin))
            c += colspan
        if covered:
            last = max(covered)
            while c <= last:  # slots covered from above after the row's last cell, or holes before them
                text, origin = covered.get(c, ("", None))
                out.append(TextCell(text, places.get((number, row, c + 1)) or _place(number, row, c + 1), origin))
                c += 1
        if out:
            items.append(TableRow(number, tuple(out), places.get((number, row, None)) or _place(number, row, None)))


def _cell_text(cell: etree._Element) -> str:
    """The printed text of a cell: <br> and block boundaries become line breaks."""
    if not len(cell):
        return _normalise(cell.text) if cell.text else ""
    blocks = 0
    for el in cell.iterdescendants():
        tag = el.tag
        if tag not in _CELL_STRUCTURE:
            continue
        if blocks == 0 and tag in _BLOCK:
            blocks = 1
            continue
        break  # a <br>, skipped content or a second block: take the careful way
    else:  # plain text, possibly wrapped in one <p>/<div>: the common case, read in C
        return _normalise("".join(cell.itertext()))
    parts: list[str] = []
    try:
        _inline(cell, parts)
    except RecursionError:  # inline tags nested over a thousand deep: keep the text, lose the line breaks
        return _normalise("".join(cell.itertext()))
    return "\n".join(filter(None, map(_normalise, "".join(parts).split(_HARD_BREAK))))


def _inline(el: etree._Element, parts: list[str]) -> None:
    """Append an element's text to parts, marking printed line breaks with _HARD_BREAK."""
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if tag == "br":
                parts.append(_HARD_BREAK)
            elif tag not in _SKIP:
                block = tag in _BLOCK
                if block:
                    parts.append(_HARD_BREAK)
                _inline(child, parts)
                if block:
                    parts.append(_HARD_BREAK)
        if child.tail:
            parts.append(child.tail)
