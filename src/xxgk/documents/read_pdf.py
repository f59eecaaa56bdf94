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
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from xxgk.core.report.model import Kind, Place, parse_value
from xxgk.documents.errors import ReadError
from xxgk.documents.limits import check_pdf, check_pdf_pages
from xxgk.documents.read_ocr import ScannedPages, ScannedTable
from xxgk.documents.read_pdf_checks import check_readable, is_garbled, repeated_furniture, turn_upright
from xxgk.documents.read_pdf_lines import Char, Line, ParagraphWriter, group_lines, margins
from xxgk.documents.read_pdf_text_tables import TextTable, find_text_tables
from xxgk.documents.stream import Stream, TableRow, TextCell

__all__ = ["emit_blocks", "page_blocks", "read_pdf", "table_rows"]

log = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(
    r"^[-—－–\s]*(第|page)?\s*\d{1,4}\s*页?\s*([，,]?\s*(/|／|of|共)\s*\d{1,4}\s*页?)?[-—－–\s]*$", re.IGNORECASE
)
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
    check_pdf(data)  # stream bombs and page counts are refused before pdfminer decodes anything
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            stream.pages = len(pdf.pages)
            check_pdf_pages(stream.pages)
            scans = ScannedPages(data)
            try:
                _read_pages(pdf, stream, scans)
            finally:
                scans.close()
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


def _read_pages(pdf: pdfplumber.PDF, stream: Stream, scans: ScannedPages) -> None:
    """Emit the items of every page in order; pages without a usable text layer are read by OCR."""
    # First pass: each page's text lines and table fragments, ordered by their top edge.
    pages: list[tuple[int, list[tuple[float, int, object]]]] = []
    no_text: list[int] = []
    garbled: list[int] = []
    for page_number, page in enumerate(pdf.pages, 1):
        page = page.dedupe_chars()
        chars = [c for c in page.chars if c["text"].strip()]
        if not chars or is_garbled(chars):
            scanned = scans.page(page_number)
            if scanned is not None:
                pages.append((page_number, scanned.blocks))
            else:
                (garbled if chars else no_text).append(page_number)
            continue
        upright, height = turn_upright(chars, page.width, page.height)
        if upright is None:  # the text runs left to right as printed: ruled tables can be found
            pages.append((page_number, _page_blocks(page, chars, height, page_number)))
        else:  # sideways text: turned upright, its tables are read from text positions
            pages.append((page_number, _page_blocks(None, upright, height, page_number)))
    stream.notes.extend(check_readable(len(pdf.pages), no_text, garbled, bool(pages)))
    stream.notes.extend(scans.summary())
    emit_blocks(stream, pages, pdf.pages[0].width)


def emit_blocks(stream: Stream, pages: list[tuple[int, list[tuple[float, int, object]]]], width: float) -> None:
    """Second pass: write the pages' blocks as paragraphs and table rows (paragraphs need the margins)."""
    lines = [block for _, blocks in pages for _, _, block in blocks if isinstance(block, Line)]
    writer = ParagraphWriter(stream, *margins(lines, width))
    furniture = repeated_furniture(pages)
    table_number = 0
    for page_number, blocks in pages:
        for _, _, block in blocks:
            if isinstance(block, Line):
                if id(block) not in furniture:
                    writer.add(block, page_number)
                continue
            writer.close()
            table_number += 1
            if isinstance(block, TextTable | ScannedTable):
                stream.items.extend(block.table_rows(table_number, page_number))
            elif isinstance(block, tuple):
                grid, cells = block
                stream.items.extend(_table_rows(grid, cells, table_number, page_number))
    writer.close()


def _page_blocks(
    page: pdfplumber.page.Page | None, chars: list[Char], height: float, page_number: int
) -> list[tuple[float, int, object]]:
    """One page's blocks (top, kind, block): 0 a ruled table, 1 a text line, 2 a table found from text positions.

    Without ``page`` (text turned upright) the ruling is not used: every table is found from text positions.
    """
    tables_found = page.find_tables(_table_settings(page)) if page is not None else []
    grids = [g for g in (_grid(t) for t in tables_found) if g is not None]
    cell_chars: list[dict[tuple[int, int], list[Char]]] = [{} for _ in grids]
    free = [char for char in chars if not _put_in_cell(char, grids, cell_chars)]
    blocks: list[tuple[float, int, object]] = []
    for grid, cells in zip(grids, cell_chars, strict=True):
        # A one-column grid is a frame around text; a grid with several numbers in one cell is ruled only in
        # part (三线表 with one vertical rule): both are read from the text positions instead.
        if len(grid.xs) == 2 or _merges_numbers(cells):
            free += [c for cs in cells.values() for c in cs]
        else:
            blocks.append((grid.bbox[1], 0, (grid, cells)))
    lines = [line for line in group_lines(free) if not _is_page_number(line, height)]
    tables = find_text_tables(lines)
    used = {id(line) for table in tables for line in table.used}
    blocks += [(table.top, 2, table) for table in tables]
    blocks += [(line.top, 1, line) for line in lines if id(line) not in used]
    for line in lines:
        line.page_height = height
    log.debug("PDF page %d: %d text table(s) found from positions, %d block(s)", page_number, len(tables), len(blocks))
    return sorted(blocks, key=lambda b: (b[0], b[1] % 2))


def _merges_numbers(cells: dict[tuple[int, int], list[Char]]) -> bool:
    """Whether a grid cell holds several separate numbers on one line (its column rules are missing)."""
    for chars in cells.values():
        for line in group_lines(chars):
            words = line.joined(cell=False).split()
            if len(words) >= 2 and all(parse_value(w).kind in (Kind.NUMBER, Kind.NA) for w in words):
                return True
    return False


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
    texts = {key: "\n".join(line.joined(cell=True) for line in group_lines(chars)) for key, chars in cells.items()}
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


def _is_page_number(line: Line, height: float) -> bool:
    """Whether a line is a bare page number in the top or bottom margin (not report content)."""
    margin = height * _PAGE_MARGIN
    in_margin = line.bottom < margin or line.top > height - margin
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


# The OCR reader (read_ocr) builds scanned pages with the same machinery.
page_blocks = _page_blocks
table_rows = _table_rows
