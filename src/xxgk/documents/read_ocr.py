"""Read scanned pages (PDF pages without a text layer, PNG and JPEG images) by OCR into the reading stream.

Each page image is recognised by RapidOCR (``rapidocr-onnxruntime``; its wheel
ships the detection and recognition models, nothing is downloaded at run
time). Every recognised text box becomes a run of synthetic characters placed
where the box was printed, so the PDF reader's own machinery builds the page:
ruled tables from the *ruling lines found in the image*, tables without rules
from the text positions, and paragraphs from the lines of running text.

Every table cell read this way carries the provenance ``ocr`` and the lowest
confidence of the text boxes in it. A cell is left unread (``doubt``) rather
than guessed when the confidence is below :data:`CONFIDENCE_THRESHOLD`, when a
text box runs across a ruling line into a neighbouring cell, or when a ruled
cell of a value column came out empty. Limits: :data:`MAX_PAGES` pages and
:data:`MAX_SECONDS` seconds of OCR per document, :data:`MAX_PIXELS` pixels per
image; what is beyond them is not read and the notes say so.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from xxgk.core.report.model import OCR, Kind, parse_value
from xxgk.documents.errors import NoTextLayer, ReadError
from xxgk.documents.read_pdf_lines import CJK, Char, Line
from xxgk.documents.read_pdf_text_tables import TextTable, column_of
from xxgk.documents.stream import Stream, TableRow, TextCell

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

__all__ = [
    "CONFIDENCE_THRESHOLD",
    "MAX_PAGES",
    "MAX_PIXELS",
    "MAX_SECONDS",
    "RENDER_DPI",
    "ScannedPages",
    "ScannedTable",
    "image_text",
    "ocr_available",
    "read_image",
]

log = logging.getLogger(__name__)

CONFIDENCE_THRESHOLD = 0.6  # a recognised text below this confidence is never placed
RENDER_DPI = 150  # PDF pages are rendered at this resolution for OCR
IMAGE_DPI = 150  # an image without a stated resolution is taken to be scanned at this resolution
MAX_PAGES = 40  # pages read by OCR per document
MAX_PIXELS = 40_000_000  # pixels of one page image (a 600 dpi A3 scan)
MAX_SECONDS = 900.0  # OCR time per document; later pages are left unread
_LINE_INCH = 0.3  # a ruling line is a dark run at least this long
_LINE_THICKNESS_INCH = 0.04  # and at most this thick
_DARK = 160  # grey level below which a pixel is ink

_engine: Any = None
_engine_lock = threading.Lock()


def ocr_available() -> bool:
    """Whether the OCR engine is installed."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _ocr_engine() -> Any:
    """The RapidOCR engine, created once per process (loading the models takes about a second)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            # Keep every box, however unsure: the threshold is applied here, per cell, with a note.
            _engine = RapidOCR(text_score=0.05, use_cls=False, print_verbose=False)
        return _engine


@dataclass
class _Box:
    """One recognised text box, in PDF points."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float


def _recognise(pixels: np.ndarray, scale: float) -> list[_Box]:
    """Run OCR on an RGB image; boxes are returned in points (pixels / ``scale``)."""
    result, _ = _ocr_engine()(pixels, use_cls=False, text_score=0.05, box_thresh=0.5, unclip_ratio=1.6)
    boxes = []
    for quad, text, score in result or []:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        text = str(text).strip()
        if text:
            boxes.append(_Box(text, float(score), min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale))
    return boxes


def _chars(boxes: list[_Box]) -> list[Char]:
    """Synthetic characters for the boxes: each box's text spread over its width (Chinese twice as wide)."""
    chars: list[Char] = []
    for number, box in enumerate(boxes):
        height = box.bottom - box.top
        size = max(height * 0.75, 1.0)
        weights = [1.0 if CJK.match(ch) else 0.55 for ch in box.text]
        unit = (box.x1 - box.x0) / sum(weights)
        x = box.x0
        for ch, weight in zip(box.text, weights, strict=True):
            if ch.isspace():
                x += weight * unit
                continue
            chars.append({"text": ch, "x0": x, "x1": x + weight * unit, "top": box.top, "bottom": box.bottom,
                          "size": size, "upright": True, "box": number, "confidence": box.confidence})  # fmt: skip
            x += weight * unit
    return chars


def _ruling(pixels: np.ndarray, scale: float, dpi: float) -> list[dict]:
    """The ruling lines of a page image as pdfplumber line objects (in points): long thin dark runs."""
    import cv2
    import numpy as np

    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    ink = (grey < _DARK).astype(np.uint8)
    length = max(10, int(dpi * _LINE_INCH))
    thickness = max(2, int(dpi * _LINE_THICKNESS_INCH))
    lines: list[dict] = []
    for horizontal in (True, False):
        shape = (length, 1) if horizontal else (1, length)
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape))
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if horizontal and h <= thickness:
                middle = (y + h / 2) / scale
                lines.append(_line(x / scale, middle, (x + w) / scale, middle))
            elif not horizontal and w <= thickness:
                middle = (x + w / 2) / scale
                lines.append(_line(middle, y / scale, middle, (y + h) / scale))
    return lines


def _line(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "stroke": True}  # fmt: skip


class _RuledImage:
    """What the PDF reader's table finder needs of a page, for a page image: its ruling lines and size."""

    def __init__(self, lines: list[dict], width: float, height: float) -> None:
        self.lines = lines
        self.rects: list[dict] = []
        self.curves: list[dict] = []
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)

    def find_tables(self, settings: dict) -> list:
        import pdfplumber

        return pdfplumber.table.TableFinder(cast(Any, self), settings).tables


def _doubt(texts: list[str], confidence: float | None, straddles: bool, empty_value: bool) -> str | None:
    """Why an OCR cell is not placed (Chinese), or None when it is sure."""
    if straddles:
        return "文字识别（OCR）的一段文字跨越了表格框线，无法确定属于哪一格，未读取。"
    if empty_value:
        return "文字识别（OCR）在该格未识别出内容，可能漏识，未读取。"
    if confidence is not None and confidence < CONFIDENCE_THRESHOLD:
        shown = " ".join(texts)
        return f"文字识别（OCR）置信度 {confidence:.2f}，低于 {CONFIDENCE_THRESHOLD:.2f}，未采用识别结果“{shown}”。"
    return None


def _is_value(text: str) -> bool:
    return parse_value(text).kind in (Kind.NUMBER, Kind.NA)


class ScannedTable:
    """A table of a scanned page: the PDF reader's table block, its cells marked as read by OCR."""

    def __init__(self, block: object) -> None:
        self.block = block
        self.blank: set[tuple[int, int]] = set()  # ruled cells seen to hold no ink at all: blank for sure

    def reread(self, pixels: np.ndarray, scale: float, first_box: int) -> None:
        """Recognise again, cell by cell, the value cells of a ruled table that came out empty or unsure.

        A lone short number (a single ``0``) is often missed or unsure when found on the whole page;
        recognised in its own cell it is clear. A cell whose image holds no ink is blank for sure.
        """
        import cv2

        grid, cells = cast(tuple, self.block)
        straddling = _straddling(cells)
        wanted: list[tuple[tuple[int, int], np.ndarray, tuple[float, float, float, float]]] = []
        value_cols = {key[1] for key, chars in cells.items() if _is_value(_text(chars))}
        grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
        for row0, col0, row1, col1 in grid.spans:
            key = (row0, col0)
            chars = cells.get(key, [])
            if col0 not in value_cols or key in straddling:
                continue
            if chars and min(c["confidence"] for c in chars) >= CONFIDENCE_THRESHOLD:
                continue
            box = (grid.xs[col0], grid.ys[row0], grid.xs[col1], grid.ys[row1])
            inset = max(4, int(scale * 2))  # clear of the ruling lines (2 points)
            x0, y0 = int(box[0] * scale) + inset, int(box[1] * scale) + inset
            x1, y1 = int(box[2] * scale) - inset, int(box[3] * scale) - inset
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            ink = grey[y0:y1, x0:x1] < _DARK
            if ink.sum() < 12:  # a speck of dust is not a number
                if not chars:
                    self.blank.add(key)
                continue
            ys, xs = ink.nonzero()
            pad = 4
            crop = pixels[max(y0, y0 + ys.min() - pad) : y0 + ys.max() + pad + 1,
                          max(x0, x0 + xs.min() - pad) : x0 + xs.max() + pad + 1]  # fmt: skip
            wanted.append((key, crop, box))
        if not wanted:
            return
        results, _ = _ocr_engine().text_rec([crop for _, crop, _ in wanted], False)
        for number, ((key, _, box), (text, score)) in enumerate(zip(wanted, results, strict=True)):
            text = str(text).strip()
            old = cells.get(key, [])
            if not text or (old and float(score) <= min(c["confidence"] for c in old)):
                continue
            height = box[3] - box[1]
            middle = (box[1] + box[3]) / 2
            found = _Box(text, float(score), box[0] + 1, middle - height / 4, box[2] - 1, middle + height / 4)
            cells[key] = [dict(c, box=first_box + number) for c in _chars([found])]

    def table_rows(self, table: int, page: int) -> list[TableRow]:
        """The table's rows with provenance ``ocr``, confidence and, where unsure, a doubt."""
        if isinstance(self.block, TextTable):
            return self._text_table_rows(self.block, table, page)
        from xxgk.documents.read_pdf import table_rows

        grid, cells = cast(tuple, self.block)
        rows = table_rows(grid, cells, table, page)
        straddling = _straddling(cells)
        value_columns = _value_columns(rows)
        out = []
        for r, row in enumerate(rows):
            marked = []
            for c, cell in enumerate(row.cells):
                index = grid.slots[r][c]
                key = grid.spans[index][:2] if index is not None else None
                chars = cells.get(key, []) if key is not None else []
                empty_value = (
                    not cell.text.strip() and c in value_columns and _has_values(row) and key not in self.blank
                )
                marked.append(_mark(cell, chars, key in straddling, empty_value))
            out.append(replace(row, cells=tuple(marked)))
        return out

    @staticmethod
    def _text_table_rows(block: TextTable, table: int, page: int) -> list[TableRow]:
        rows = block.table_rows(table, page)
        body = rows[len(block.header) :]
        out = rows[: len(block.header)]
        for row, (labels, values) in zip(body, block.rows, strict=True):
            groups: list[list[Char]] = [[c for s in stack for c in s.chars] for stack in labels]
            slots: list[list[Char]] = [[] for _ in block.columns]
            for value in values:
                slots[column_of(block.columns, value)].extend(value.chars)
            groups += slots
            marked = [_mark(cell, chars, False, False) for cell, chars in zip(row.cells, groups, strict=True)]
            out.append(replace(row, cells=tuple(marked)))
        return out


def _straddling(cells: dict[tuple[int, int], list[Char]]) -> set[tuple[int, int]]:
    """Cells holding part of a text box that runs on into another cell (across a ruling line)."""
    owners: dict[int, set[tuple[int, int]]] = {}
    for key, chars in cells.items():
        for char in chars:
            owners.setdefault(char["box"], set()).add(key)
    return {key for keys in owners.values() if len(keys) > 1 for key in keys}


def _text(chars: list[Char]) -> str:
    return "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))


def _value_columns(rows: list[TableRow]) -> set[int]:
    """Columns in which some row has a number: an empty cell there is a value OCR may have missed."""
    return {c for row in rows for c, cell in enumerate(row.cells) if _is_value(cell.text.strip())}


def _has_values(row: TableRow) -> bool:
    return sum(_is_value(cell.text.strip()) for cell in row.cells) >= 1


def _mark(cell: TextCell, chars: list[Char], straddles: bool, empty_value: bool) -> TextCell:
    confidence = min((ch["confidence"] for ch in chars), default=None)
    texts = [cell.text.strip()] if cell.text.strip() else []
    return replace(cell, provenance=OCR, confidence=confidence, doubt=_doubt(texts, confidence, straddles, empty_value))


@dataclass
class ScannedPage:
    """One page read by OCR: its blocks for the PDF reader (tables wrapped as :class:`ScannedTable`)."""

    blocks: list[tuple[float, int, object]]
    width: float
    height: float
    boxes: int  # text boxes recognised: 0 means OCR found no text on the page


def _page(pixels: np.ndarray, scale: float, dpi: float, page_number: int) -> ScannedPage:
    """OCR one page image into blocks ordered top to bottom, as the PDF reader's ``_page_blocks`` makes them."""
    from xxgk.documents.read_pdf import page_blocks

    height_px, width_px = pixels.shape[:2]
    width, height = width_px / scale, height_px / scale
    boxes = _recognise(pixels, scale)
    chars = _chars(boxes)
    ruled = _RuledImage(_ruling(pixels, scale, dpi), width, height)
    blocks = page_blocks(cast(Any, ruled), chars, height, page_number) if chars else []
    wrapped: list[tuple[float, int, object]] = []
    for top, kind, block in blocks:
        if isinstance(block, Line):
            wrapped.append((top, kind, block))
            continue
        table = ScannedTable(block)
        if not isinstance(block, TextTable):
            table.reread(pixels, scale, len(boxes))
        wrapped.append((top, kind, table))
    log.info("OCR page %d: %d text boxes, %d ruling lines", page_number, len(boxes), len(ruled.lines))
    return ScannedPage(wrapped, width, height, len(boxes))


class ScannedPages:
    """OCR of a PDF's pages that have no (or a garbled) text layer, within the document's limits.

    :meth:`page` returns the page read by OCR, or None when OCR is not
    installed or a limit has been reached (the page is then skipped like any
    page without text, and :attr:`notes` says why).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.read: list[int] = []  # pages read by OCR
        self.empty: list[int] = []  # page images in which OCR found no text
        self.notes: list[str] = []
        self._document: Any = None
        self._started: float | None = None

    def page(self, page_number: int) -> ScannedPage | None:
        if not ocr_available():
            return None
        if len(self.read) >= MAX_PAGES:
            self._note(f"扫描页超过{MAX_PAGES}页，其余扫描页未进行文字识别。")
            return None
        if self._started is not None and time.monotonic() - self._started > MAX_SECONDS:
            self._note(f"文字识别用时超过{int(MAX_SECONDS)}秒，其余扫描页未进行文字识别。")
            return None
        self._started = self._started or time.monotonic()
        import numpy as np
        import pypdfium2 as pdfium

        if self._document is None:
            self._document = pdfium.PdfDocument(self.data)
        pdf_page = self._document[page_number - 1]
        width, height = pdf_page.get_size()
        scale = min(RENDER_DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        scanned = _page(np.asarray(image), scale, scale * 72, page_number)
        if not scanned.boxes:
            self.empty.append(page_number)
            return None
        self.read.append(page_number)
        return scanned

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def summary(self) -> list[str]:
        """Notes for the user: which pages were read by OCR, and what was left out."""
        said = []
        if self.read:
            said.append(
                f"{_pages(self.read)}没有文字层（扫描页），已用文字识别（OCR）读取：每个识别出的数值都标有置信度，"
                f"低于 {CONFIDENCE_THRESHOLD:.2f} 的不采用，该格按未读取处理。"
            )
        if self.empty and self.read:
            said.append(f"{_pages(self.empty)}是图片，文字识别（OCR）未识别出文字。")
        return said + self.notes

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None


def _pages(numbers: list[int]) -> str:
    return "第" + "、".join(str(n) for n in numbers) + "页"


def _open_image(data: bytes) -> tuple[Any, float]:
    """Decode a PNG/JPEG within the pixel limit: the RGB pixels and the resolution it states (or assumes)."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                size = f"{opened.width}×{opened.height}"
                limit = MAX_PIXELS // 1_000_000
                raise ReadError(
                    f"image too large: {size}",
                    f"图片过大（{size} 像素，上限 {limit} 百万像素），无法识别。",
                )
            dpi = _image_dpi(opened)
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ReadError(f"image cannot be decoded: {exc!r}", "图片文件已损坏或无法解码，无法识别。") from exc
    return np.asarray(image), dpi


def read_image(data: bytes, source: str | None = None) -> Stream:
    """Read a PNG or JPEG image of a report page by OCR (one page)."""
    if not ocr_available():
        raise NoTextLayer("image and OCR not installed")
    pixels, dpi = _open_image(data)
    scale = dpi / 72
    scanned = _page(pixels, scale, dpi, 1)
    if not scanned.boxes:
        raise NoTextLayer(
            "OCR found no text in the image", "这张图片没有文字层，文字识别（OCR）也未识别出文字，无法读取。"
        )
    stream = Stream(source=source, source_type="image", pages=1)
    _emit([(1, scanned)], stream)
    stream.notes.append(
        "该报告是图片，已用文字识别（OCR）读取：每个识别出的数值都标有置信度，"
        f"低于 {CONFIDENCE_THRESHOLD:.2f} 的不采用，该格按未读取处理。"
    )
    return stream


def image_text(data: bytes) -> str:
    """The text of a picture by OCR, one printed line a line, in reading order.

    Boxes below :data:`CONFIDENCE_THRESHOLD` are left out. Used for the search
    text and the pre-publication scan of image attachments (a photographed
    identity card, a scanned notice).
    """
    if not ocr_available():
        return ""
    pixels, dpi = _open_image(data)
    boxes = sorted(
        (b for b in _recognise(pixels, dpi / 72) if b.confidence >= CONFIDENCE_THRESHOLD),
        key=lambda b: (b.top, b.x0),
    )
    lines: list[list[_Box]] = []
    for box in boxes:
        last = lines[-1] if lines else None
        # One line: the box's vertical middle lies within the line's first box.
        if last and last[0].top <= (box.top + box.bottom) / 2 <= last[0].bottom:
            last.append(box)
        else:
            lines.append([box])
    return "\n".join(" ".join(b.text for b in sorted(line, key=lambda b: b.x0)) for line in lines)


def _image_dpi(image: Image.Image) -> float:
    """The resolution an image states (between 72 and 1200 dpi), else :data:`IMAGE_DPI`."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 72 <= value <= 1200 else float(IMAGE_DPI)


def _emit(pages: list[tuple[int, ScannedPage]], stream: Stream) -> None:
    """Write scanned pages' blocks to the stream (paragraphs and tables), as the PDF reader does."""
    from xxgk.documents.read_pdf import emit_blocks

    emit_blocks(stream, [(n, p.blocks) for n, p in pages], pages[0][1].width if pages else 0.0)
