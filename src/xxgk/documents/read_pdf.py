"""Read a PDF with a text layer into the reading stream (tables by ruling lines, text by lines).

Tables are found from the *visible* ruling of each page (stroked lines and
rectangles, dark filled bars); every character is put into the table cell that
contains its centre, so a number is never split between cells nor merged with
its neighbour. Cells covered by a merge become covered slots carrying the
spanning cell's text and ``origin``. Text outside tables becomes paragraphs in
reading order. A table continued on the next page is simply another table
fragment; the interpreter joins fragments by content (spec annual-report.md §7).
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from xxgk.core.report.model import Place
from xxgk.documents.errors import NoTextLayer, ReadError
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["read_pdf"]

log = logging.getLogger(__name__)

Char = dict  # a pdfplumber character object

_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_PAGE_NUMBER = re.compile(r"^[-—－–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—－–\s]*$")
_ENCRYPTED_ZH = "该 PDF 已加密，需要密码才能打开；请提供未加密的 PDF 或原始文档。"
_DAMAGED_ZH = "该 PDF 文件已损坏或不完整（例如下载中断），无法读取；请重新获取完整的文件。"
_PAGE_MARGIN = 0.08  # page numbers live in the top or bottom 8 % of the page


@dataclass
class _Grid:
    """One table fragment on one page: its bbox and its expanded cell grid."""

    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    slots: list[list[int | None]]  # slots[row][col] -> index into spans (None: no cell there)
    spans: list[tuple[int, int, int, int]]  # (row0, col0, row1, col1) per cell, end exclusive


def read_pdf(data: bytes, source: str | None = None) -> Stream:
    """Read PDF bytes into a stream of paragraphs and table rows (one table number per page fragment)."""
    stream = Stream(source=source, source_type="pdf")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            stream.pages = len(pdf.pages)
            _read_pages(pdf, stream)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _is_encrypted(exc):
            raise ReadError(f"PDF is encrypted: {exc!r}", _ENCRYPTED_ZH) from exc
        raise ReadError(f"PDF cannot be read: {exc!r}", _DAMAGED_ZH) from exc
    return stream


def _is_encrypted(exc: BaseException) -> bool:
    """Whether an error (or one it wraps, as pdfplumber does) says the PDF needs a password."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, PDFPasswordIncorrect | PDFEncryptionError):
            return True
        stack.extend([*current.args, current.__cause__, current.__context__])
    return False


def _read_pages(pdf: pdfplumber.PDF, stream: Stream) -> None:
    """Emit the items of every page in order; raise NoTextLayer when no page has text."""
    # First pass: each page's text lines and table fragments, ordered by their top edge.
    pages: list[tuple[int, list[tuple[float, int, object]]]] = []
    for page_number, page in enumerate(pdf.pages, 1):
        page = page.dedupe_chars()
        chars = [c for c in page.chars if c["text"].strip()]
        if not chars:
            continue
        grids = [g for g in (_grid(t) for t in page.find_tables(_table_settings(page))) if g is not None]
        cell_chars: list[dict[tuple[int, int], list[Char]]] = [{} for _ in grids]
        free = [char for char in chars if not _put_in_cell(char, grids, cell_chars)]
        blocks: list[tuple[float, int, object]] = [
            (line.top, 1, line) for line in _group_lines(free) if not _is_page_number(line, page)
        ]
        for grid, cells in zip(grids, cell_chars, strict=True):
            if len(grid.xs) == 2:  # a one-column grid is a frame around text, not a table
                blocks += [(line.top, 1, line) for line in _group_lines([c for cs in cells.values() for c in cs])]
            else:
                blocks.append((grid.bbox[1], 0, (grid, cells)))
        log.debug("PDF page %d: %d table fragment(s), %d text line(s)", page_number, len(grids), len(blocks))
        pages.append((page_number, sorted(blocks, key=lambda b: (b[0], b[1]))))
    if not pages:
        raise NoTextLayer("PDF has no text layer on any page")
    # Second pass: paragraphs need the document's margins, known only now.
    lines: list[_Line] = [block for _, blocks in pages for _, kind, block in blocks if kind == 1]  # type: ignore[misc]
    writer = _ParagraphWriter(stream, *_margins(lines, pdf.pages[0].width))
    table_number = 0
    for page_number, blocks in pages:
        for _, kind, block in blocks:
            if kind == 1:
                writer.add(block, page_number)  # type: ignore[arg-type]
                continue
            writer.close()
            table_number += 1
            grid, cells = block  # type: ignore[misc]
            stream.items.extend(_table_rows(grid, cells, table_number, page_number))
    writer.close()


def _margins(lines: list[_Line], page_width: float) -> tuple[float, float]:
    """The text margins: the most common line start and end (full lines end there).

    With too few lines to tell, the right margin mirrors the left one.
    """
    if not lines:
        return 0.0, page_width
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    common_right, count = Counter(round(line.x1) for line in lines).most_common(1)[0]
    right = float(common_right) if count >= 3 else page_width - left
    return float(left), right


def _is_white(colour: object) -> bool:
    """Whether a fill colour is white (invisible on paper); unknown colour spaces count as visible."""
    if colour is None:
        return True
    values = colour if isinstance(colour, list | tuple) else (colour,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(numbers) in (1, 3):
        return all(v > 0.95 for v in numbers)
    if len(numbers) == 4:  # CMYK
        return all(v < 0.05 for v in numbers)
    return False


def _table_settings(page: pdfplumber.page.Page) -> dict:
    """Table-finder settings that use only the visible ruling of the page.

    Word and WPS often put invisible white rectangles behind running text;
    pdfplumber's plain "lines" strategy would take them for table borders.
    """
    objects = list(page.lines)
    objects += [
        r for r in page.rects if r.get("stroke") or (r.get("fill") and not _is_white(r.get("non_stroking_color")))
    ]
    objects += [c for c in page.curves if c.get("stroke")]
    edges = [e for o in objects for e in pdfplumber.utils.obj_to_edges(o)]
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"] + _closing_edges(vertical)
    if len(vertical) < 2 or len(horizontal) < 2:
        # No ruled table on this page: point the finder at nothing.
        return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": [0, 0], "explicit_horizontal_lines": [0, 0]}  # fmt: skip
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
        "snap_tolerance": 3,
        "join_tolerance": 3,
        "intersection_tolerance": 3,
    }


def _closing_edges(vertical: list[dict], tolerance: float = 2.0) -> list[dict]:
    """Horizontal edges that close boxes left open where a table is cut by a page break.

    A merged cell that runs over a page break is printed without its bottom
    border on the first page (and its top border on the next). At the lowest
    and highest ends of the page's vertical rules, a closing edge joins them.
    """
    if not vertical:
        return []
    closing = []
    for y, key in ((max(e["bottom"] for e in vertical), "bottom"), (min(e["top"] for e in vertical), "top")):
        xs = [e["x0"] for e in vertical if abs(e[key] - y) <= tolerance]
        if len(xs) >= 2 and max(xs) - min(xs) > tolerance:
            closing.append({"x0": min(xs), "x1": max(xs), "top": y, "bottom": y, "width": max(xs) - min(xs),
                            "height": 0.0, "orientation": "h", "object_type": "line"})  # fmt: skip
    return closing


def _boundaries(values: list[float], tolerance: float = 2.0) -> list[float]:
    """Sorted coordinates with near-equal values merged."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged


def _index(boundaries: list[float], value: float) -> int:
    """The index of the boundary nearest to a coordinate."""
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value))


def _grid(table: pdfplumber.table.Table) -> _Grid | None:
    """Expand pdfplumber's cell rectangles into a grid of rows × columns with spans."""
    rects = list(table.cells)
    if not rects:
        return None
    xs = _boundaries([r[0] for r in rects] + [r[2] for r in rects])
    ys = _boundaries([r[1] for r in rects] + [r[3] for r in rects])
    if len(xs) < 2 or len(ys) < 2:
        return None
    slots: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    spans: list[tuple[int, int, int, int]] = []
    for x0, top, x1, bottom in rects:
        col0, col1 = _index(xs, x0), _index(xs, x1)
        row0, row1 = _index(ys, top), _index(ys, bottom)
        if col1 <= col0 or row1 <= row0:
            continue
        spans.append((row0, col0, row1, col1))
        for row in range(row0, row1):
            for col in range(col0, col1):
                if slots[row][col] is None:
                    slots[row][col] = len(spans) - 1
    _close_open_cells(slots, spans)
    return _Grid(bbox=table.bbox, xs=xs, ys=ys, slots=slots, spans=spans)


def _close_open_cells(slots: list[list[int | None]], spans: list[tuple[int, int, int, int]]) -> None:
    """Turn each empty region of the grid into one cell.

    A merged cell cut by a page break may be printed without its bottom (or
    top) border, so the table finder sees no cell there; its text still
    belongs to the table, in one cell covering the region.
    """
    for row0, slot_row in enumerate(slots):
        for col0, index in enumerate(slot_row):
            if index is not None:
                continue
            row1 = row0 + 1
            while row1 < len(slots) and slots[row1][col0] is None:
                row1 += 1
            col1 = col0 + 1
            while col1 < len(slot_row) and all(slots[r][col1] is None for r in range(row0, row1)):
                col1 += 1
            spans.append((row0, col0, row1, col1))
            for row in range(row0, row1):
                for col in range(col0, col1):
                    slots[row][col] = len(spans) - 1


def _put_in_cell(char: Char, grids: list[_Grid], cell_chars: list[dict[tuple[int, int], list[Char]]]) -> bool:
    """Put a character into the cell containing its centre; False if it lies in no table."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    for grid, cells in zip(grids, cell_chars, strict=True):
        x0, top, x1, bottom = grid.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        col = _slot(grid.xs, x)
        row = _slot(grid.ys, y)
        index = grid.slots[row][col]
        if index is None:
            return False
        row0, col0, _, _ = grid.spans[index]
        cells.setdefault((row0, col0), []).append(char)
        return True
    return False


def _slot(boundaries: list[float], value: float) -> int:
    """The slot (between two boundaries) that holds a coordinate."""
    for i in range(len(boundaries) - 1):
        if value < boundaries[i + 1]:
            return i
    return len(boundaries) - 2


def _table_rows(grid: _Grid, cells: dict[tuple[int, int], list[Char]], table: int, page: int) -> list[TableRow]:
    """The grid's rows as stream rows: covered slots repeat the spanning cell's text with its origin."""
    texts = {key: "\n".join(line.joined(cell=True) for line in _group_lines(chars)) for key, chars in cells.items()}
    rows = []
    for r, slot_row in enumerate(grid.slots):
        row_cells = []
        for c, index in enumerate(slot_row):
            place = Place(page=page, table=table, row=r + 1, column=c + 1)
            if index is None:
                row_cells.append(TextCell("", place))
                continue
            row0, col0, row1, col1 = grid.spans[index]
            # As in the HTML reader: every slot of a merged cell, its own included, names the merged cell.
            origin = (row0 + 1, col0 + 1) if (row1 - row0) * (col1 - col0) > 1 else None
            row_cells.append(TextCell(texts.get((row0, col0), ""), place, origin))
        rows.append(TableRow(table=table, cells=tuple(row_cells), place=Place(page=page, table=table, row=r + 1)))
    return rows


def _is_page_number(line: _Line, page: pdfplumber.page.Page) -> bool:
    """Whether a line is a bare page number in the top or bottom margin (not report content)."""
    margin = page.height * _PAGE_MARGIN
    in_margin = line.bottom < margin or line.top > page.height - margin
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


@dataclass
class _Line:
    """One printed line: its characters left to right and its box (complete once grouped)."""

    chars: list[Char]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @cached_property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def size(self) -> float:
        return Counter(round(c["size"], 1) for c in self.chars).most_common(1)[0][0]

    def joined(self, *, cell: bool) -> str:
        """The line's text: spaces only where the gap is wide and not inside Chinese text.

        Inside a table cell a gap between Chinese characters is letter spacing
        (``总 计``), never a word break; in running text a gap wider than one
        character between Chinese characters is kept as one space.
        """
        parts = [self.chars[0]["text"]]
        for previous, char in zip(self.chars, self.chars[1:], strict=False):
            gap = char["x0"] - previous["x1"]
            size = max(char["size"], 1.0)
            chinese = _CJK.match(previous["text"][-1]) or _CJK.match(char["text"][0])
            if (not chinese and gap > 0.25 * size) or (chinese and not cell and gap > 1.5 * size):
                parts.append(" ")
            parts.append(char["text"])
        return "".join(parts)

    @cached_property
    def text(self) -> str:
        return self.joined(cell=False)


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _group_lines(chars: list[Char]) -> list[_Line]:
    """Group characters into lines, top to bottom: a character joins a line its vertical centre falls in."""
    lines: list[_Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and lines[-1].top <= middle <= lines[-1].bottom:
            line = lines[-1]
            line.chars.append(char)
            line.bottom = max(line.bottom, char["bottom"])
        else:
            lines.append(_Line([char], char["top"], char["bottom"]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def _concat(text: str, more: str) -> str:
    """Join two lines of a paragraph: no space inside Chinese text, one space between Latin words."""
    if _CJK.match(text[-1]) or _CJK.match(more[0]) or text.endswith("-"):
        return text + more
    return f"{text} {more}"


class _ParagraphWriter:
    """Merge text lines into paragraphs: a paragraph ends at a short line, an indent, a gap or a heading.

    ``left`` and ``right`` are the document's text margins (the most common
    line start and end), so a first-line indent and a short last line show
    where paragraphs begin and end, also across a page break.
    """

    def __init__(self, stream: Stream, left: float, right: float) -> None:
        self.stream = stream
        self.left = left
        self.right = right
        self.lines: list[tuple[_Line, int]] = []

    def add(self, line: _Line, page: int) -> None:
        """Add one line of running text, closing the current paragraph when the line starts a new one."""
        if self.lines and self._starts_new(*self.lines[-1], line, page):
            self.close()
        self.lines.append((line, page))

    def _starts_new(self, previous: _Line, previous_page: int, line: _Line, page: int) -> bool:
        size = max(line.size, 1.0)
        if abs(line.size - previous.size) > 1.0 or _HEADING.match(line.text):
            return True
        if line.x0 - self.left > 0.8 * size:
            return True  # a first-line indent or a centred line
        if previous.x1 < self.right - 1.5 * size:
            # The previous line ended short. Not every layout engine justifies Chinese text to the
            # margin (WeasyPrint leaves up to one character free), so allow one and a half characters.
            return True
        return page == previous_page and line.top - previous.bottom > 1.2 * size

    def close(self) -> None:
        """Emit the paragraph collected so far, if any."""
        if not self.lines:
            return
        text = self.lines[0][0].text
        for line, _ in self.lines[1:]:
            text = _concat(text, line.text)
        self.stream.items.append(Paragraph(text, Place(page=self.lines[0][1])))
        self.lines = []
