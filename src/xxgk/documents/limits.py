"""Limits on what a reader will take in, checked before the work that they bound.

One file and one set of numbers for every reader of untrusted files: the
report readers (DOCX, PDF, JSON), the spreadsheet readers (ledger and units
import) and the upload checks. Each helper raises :class:`LimitExceeded`, a
:class:`~xxgk.documents.errors.ReadError` with a Chinese message for people
and an English reason for logs, before the expensive work starts: a ZIP part
is inflated only up to its limit whatever its header claims, a PDF's
compressed streams are measured (inflating into a counter, not into memory)
before the PDF library decodes them, and a spreadsheet is read row by row
without trusting its claimed dimension.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from xxgk.documents.errors import ReadError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_JSON_DEPTH",
    "MAX_PDF_INFLATED_BYTES",
    "MAX_PDF_PAGES",
    "MAX_SHEET_COLUMNS",
    "MAX_SHEET_ROWS",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_PART_BYTES",
    "LimitExceeded",
    "check_file_size",
    "check_json_depth",
    "check_pdf",
    "check_zip",
    "read_zip_part",
    "sheet_rows",
]

MAX_FILE_BYTES = 100 * 1024 * 1024  # one report or ledger file
MAX_ZIP_PART_BYTES = 64 * 1024 * 1024  # one part of a DOCX/XLSX, inflated
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024  # all parts of a DOCX/XLSX, inflated
MAX_ZIP_ENTRIES = 10_000
MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024  # all compressed streams of a PDF, inflated
MAX_PDF_PAGES = 1_000
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 200
MAX_JSON_DEPTH = 64
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo of an identity card is already far more than enough

_MB = 1024 * 1024
_CHUNK = 64 * 1024


class LimitExceeded(ReadError):
    """An input over one of the limits above."""

    message_zh = "文件超出系统允许的大小或复杂程度，未予读取。"


def check_file_size(size: int, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file larger than ``limit`` bytes."""
    if size > limit:
        raise LimitExceeded(f"file of {size} bytes over {limit}", f"文件超过{limit // _MB}MB，未予读取。")


def read_zip_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_ZIP_PART_BYTES) -> bytes:
    """One part of a ZIP package, inflated in chunks and refused as soon as it passes ``limit`` (headers may lie)."""
    out = bytearray()
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            out += chunk
            if len(out) > limit:
                raise LimitExceeded(
                    f"zip part {name!r} inflates past {limit} bytes",
                    f"文件中的“{name}”解压后超过{limit // _MB}MB（疑似压缩炸弹），未予读取。",
                )
    return bytes(out)


def check_zip(archive: zipfile.ZipFile, total: int = MAX_ZIP_TOTAL_BYTES) -> None:
    """Refuse a package with too many parts or whose parts together inflate past ``total`` bytes.

    Every part is inflated into a counter (nothing is kept), so a header that
    understates a part's size does not help.
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise LimitExceeded(f"{len(infos)} zip entries", f"文件包含的部件超过{MAX_ZIP_ENTRIES}个，未予读取。")
    size = 0
    for info in infos:
        with archive.open(info) as part:
            seen = 0
            while chunk := part.read(_CHUNK):
                seen += len(chunk)
                size += len(chunk)
                if seen > MAX_ZIP_PART_BYTES or size > total:
                    raise LimitExceeded(
                        f"zip part {info.filename!r} inflates past the limit",
                        f"文件中的“{info.filename}”解压后过大（疑似压缩炸弹），未予读取。",
                    )


_STREAM = re.compile(rb"stream\r?\n")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting at most ``limit`` + 1 (0 if not zlib)."""
    inflater = zlib.decompressobj()
    total, pos = 0, start
    try:
        while not inflater.eof and pos < len(data) and total <= limit:
            pending = data[pos : pos + _CHUNK]
            pos += _CHUNK
            while pending and total <= limit and not inflater.eof:
                total += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
    except zlib.error:
        return total
    return total


def check_pdf(data: bytes, *, inflated: int = MAX_PDF_INFLATED_BYTES, pages: int = MAX_PDF_PAGES) -> None:
    """Refuse a PDF whose compressed streams together inflate past ``inflated`` bytes, or with too many pages.

    Every ``stream`` is tried as zlib (FlateDecode) and inflated into a
    counter; the PDF library then decodes at most that much.
    """
    check_file_size(len(data))
    counted = len(_PAGE.findall(data))
    if counted > pages:
        raise LimitExceeded(f"pdf with {counted} pages", f"PDF 超过{pages}页，未予读取。")
    total = 0
    for match in _STREAM.finditer(data):
        total += _inflated_size(data, match.end(), inflated - total)
        if total > inflated:
            raise LimitExceeded(
                f"pdf streams inflate past {inflated} bytes",
                f"PDF 中的压缩数据解压后超过{inflated // _MB}MB（疑似压缩炸弹），未予读取。",
            )


def check_pdf_pages(count: int, limit: int = MAX_PDF_PAGES) -> None:
    """Refuse a PDF whose page tree holds more than ``limit`` pages (as the PDF library counted them)."""
    if count > limit:
        raise LimitExceeded(f"pdf with {count} pages", f"PDF 超过{limit}页，未予读取。")


def check_json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse parsed JSON nested deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                raise LimitExceeded(f"json nested deeper than {limit}", f"JSON 嵌套超过{limit}层，未予读取。")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def sheet_rows(
    rows: Iterable[tuple[Any, ...]], *, max_rows: int = MAX_SHEET_ROWS, max_columns: int = MAX_SHEET_COLUMNS
) -> Iterator[list[Any]]:
    """Rows of a worksheet with trailing empty cells dropped, refused past ``max_rows`` or ``max_columns``.

    Pass the rows of a read-only worksheet whose dimensions were reset
    (``ws.reset_dimensions()``), so that a claimed ``A1:XFD1048576`` does not
    make the library pad every row to 16,384 cells and add a million rows.
    """
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise LimitExceeded(f"sheet over {max_rows} rows", f"表格超过{max_rows}行，未予读取。")
        cells = list(row[: max_columns + 1]) if len(row) > max_columns else list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if len(cells) > max_columns:
            raise LimitExceeded(f"sheet over {max_columns} columns", f"表格超过{max_columns}列，未予读取。")
        yield cells


def xlsx_rows(data: bytes) -> list[list[Any]]:
    """The rows of the first worksheet of XLSX bytes, within every limit above; LimitExceeded or ReadError.

    The package is measured first (every part's inflated size), then read in
    openpyxl's read-only streaming mode with the claimed dimension ignored.
    """
    import io

    from openpyxl import load_workbook

    check_file_size(len(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ReadError(f"bad xlsx container: {exc!r}", "无法读取 XLSX 文件：文件已损坏。") from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ReadError(f"unreadable xlsx: {exc!r}", f"无法读取 XLSX 文件：{exc}") from None
    try:
        if not book.worksheets:
            return []
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # never trust the claimed A1:XFD1048576
        return list(sheet_rows(sheet.iter_rows(values_only=True)))
    except ReadError:
        raise
    except Exception as exc:  # a damaged sheet part
        raise ReadError(f"unreadable xlsx sheet: {exc!r}", f"无法读取 XLSX 文件：{exc}") from None
    finally:
        book.close()
