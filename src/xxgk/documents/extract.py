"""Plain text out of a file, page by page: for the catalogue's search text and pre-publication scan.

Unlike the report readers this keeps everything printed — headers, footers and
repeated lines included — because a secrecy marking is usually printed in a
page header. Types are detected from the content (``read.detect_type``):
text (UTF-8/GBK), HTML, DOCX, PDF, XLSX; pictures (PNG/JPEG) are read by OCR
(``read_ocr.image_text``), so a photographed identity card is found by the
scan. Limits: the caller's size limit on the bytes, plus a limit on the
decompressed size of DOCX/XLSX, on pages, sheet rows and extracted characters.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from xxgk.documents.errors import BinaryJunk, EmptyDocument, ReadError, UnsupportedDocument
from xxgk.documents.read import decode_text, detect_type, image_type

__all__ = ["MAX_CHARS", "MAX_PAGES", "MAX_UNZIPPED", "Extracted", "extract_text"]

MAX_UNZIPPED = 100 * 1024 * 1024  # decompressed size of a DOCX/XLSX
MAX_PAGES = 1000
MAX_ROWS = 100_000
MAX_CHARS = 5_000_000

_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|table|p|div|span|h[1-6]|br)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    """The text of a file: its type (``text``, ``html``, ``docx``, ``pdf``, ``xlsx``, ``image``) and its parts.

    ``parts`` pairs a place inside the file (``第2页``, ``工作表“Sheet1”``, or ``''``
    for a file without pages) with the text there.
    """

    kind: str
    parts: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        """All the text, parts separated by blank lines."""
        return "\n\n".join(text for _, text in self.parts if text)


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BinaryJunk(f"damaged ZIP container: {exc}") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
        raise ReadError("ZIP content too large when decompressed", "文件解压后过大，无法读取。")
    return archive


def _docx(data: bytes) -> list[tuple[str, str]]:
    from docx import Document

    _check_zip(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise ReadError(f"DOCX cannot be read: {exc!r}", "该 DOCX 文件已损坏，无法读取。") from exc
    lines: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            lines.extend(p.text for p in part.paragraphs if p.text.strip())
    lines.extend(p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if not cells or cells[-1] != cell.text:
                    cells.append(cell.text)
            lines.append("\t".join(cells))
    for section in document.sections:
        lines.extend(p.text for p in section.footer.paragraphs if p.text.strip())
    return [("", "\n".join(lines))]


def _pdf(data: bytes) -> list[tuple[str, str]]:
    import pdfplumber

    parts: list[tuple[str, str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReadError(f"PDF has {len(pdf.pages)} pages", f"PDF 超过 {MAX_PAGES} 页，无法读取。")
            for number, page in enumerate(pdf.pages, 1):
                parts.append((f"第{number}页", page.extract_text() or ""))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged or encrypted files
        raise ReadError(f"PDF cannot be read: {exc!r}", "该 PDF 文件已损坏或已加密，无法读取。") from exc
    return parts


def _xlsx(data: bytes) -> list[tuple[str, str]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ReadError(f"XLSX cannot be read: {exc!r}", "该 XLSX 文件已损坏，无法读取。") from exc
    parts: list[tuple[str, str]] = []
    try:
        for sheet in book.worksheets:
            lines = []
            for i, row in enumerate(sheet.iter_rows(values_only=True)):
                if i >= MAX_ROWS:
                    raise ReadError("too many rows", f"工作表超过 {MAX_ROWS} 行，无法读取。")
                lines.append("\t".join("" if v is None else str(v) for v in row).rstrip("\t"))
            parts.append((f"工作表“{sheet.title}”", "\n".join(lines).strip("\n")))
    finally:
        book.close()
    return parts


def _html(text: str) -> str:
    from lxml import html

    try:
        root = html.fromstring(text)
    except Exception as exc:  # lxml raises ParserError and ValueError for empty or odd input
        raise ReadError(f"HTML cannot be read: {exc!r}", "该 HTML 文件无法读取。") from exc
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.xpath("//br|//p|//div|//tr|//li|//h1|//h2|//h3|//h4|//h5|//h6"):
        br.tail = "\n" + (br.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def extract_text(data: bytes) -> Extracted:
    """The text of a file of any supported type; raises ReadError (with a Chinese message) when unreadable."""
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyDocument("empty document")
    kind = detect_type(data)
    if kind == "image":
        from xxgk.documents.read_ocr import image_text

        return Extracted("image", (("", image_text(data)),))
    if kind == "doc":
        raise UnsupportedDocument("legacy .doc (OLE2) document", "这是旧版 Word 文档（.doc），请另存为 DOCX 后再上传。")
    if kind == "junk":
        raise BinaryJunk("damaged ZIP container")
    if kind == "zip":
        names = set(_check_zip(data).namelist())
        if "xl/workbook.xml" not in names:
            raise UnsupportedDocument("ZIP archive", "这是一个压缩包，而不是 DOCX 或 XLSX 文件。")
        parts = _xlsx(data)
        kind = "xlsx"
    elif kind == "docx":
        parts = _docx(data)
    elif kind == "pdf":
        parts = _pdf(data)
    else:
        text = decode_text(data)
        if _HTML.search(text[:50000]):
            kind, parts = "html", [("", _html(text))]
        else:
            parts = [("", text)]
    total = sum(len(t) for _, t in parts)
    if total > MAX_CHARS:
        raise ReadError(f"{total} characters extracted", "文件中的文字过多，无法读取。")
    return Extracted(kind, tuple(parts))


def is_picture(data: bytes) -> bool:
    """Whether the bytes are an image (no text layer)."""
    return image_type(data) is not None
