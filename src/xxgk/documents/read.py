"""The entry point for reading an annual report from a file or bytes, whatever its type.

The type is detected from the content, not only the name: PDF, DOCX, JSON,
HTML, Markdown or plain text (UTF-8 with or without BOM, UTF-16 with BOM,
GBK/GB18030). Readers are imported lazily so that reading text needs neither
pdfplumber nor lxml.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from xxgk.core.report.model import Report
from xxgk.documents.errors import BinaryJunk, EmptyDocument, NoTextLayer, ReadError, UnsupportedDocument
from xxgk.documents.interpret import interpret
from xxgk.documents.limits import check_file_size
from xxgk.documents.stream import Stream

__all__ = ["decode_text", "detect_type", "read_bytes", "read_report", "read_string"]

log = logging.getLogger(__name__)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_TAG = re.compile(r"<\s*(?:!doctype|html|head|body|table|tr|td|th|p|div|span|h[1-6]|br|meta)\b", re.IGNORECASE)
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
# Image signatures → the name shown to people: a scan saved as a picture has no text layer.
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_BMP_HEADERS = frozenset(size.to_bytes(4, "little") for size in (12, 40, 52, 56, 64, 108, 124))
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")


def read_report(path: str | Path) -> Report:
    """Read an annual report from a file of any supported type."""
    p = Path(path)
    try:
        if p.is_file():
            check_file_size(p.stat().st_size)  # before reading it into memory
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(f"file not found: {p}", f"找不到文件：{p}") from exc
    except IsADirectoryError as exc:
        raise ReadError(f"is a directory: {p}", f"这是一个目录，不是文件：{p}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read {p}: {exc}", f"无法读取文件：{p}") from exc
    return read_bytes(data, name=str(p))


def detect_type(data: bytes) -> str:
    """The document type from the content: pdf, docx, zip, doc, junk, image, or text (decoded later)."""
    head = data[:1024]
    if image_type(data):
        return "image"
    if head.startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "junk"
        return "docx" if "word/document.xml" in names else "zip"
    return "text"


def image_type(data: bytes) -> str | None:
    """The image format (PNG, JPEG, GIF, TIFF, BMP, WEBP) when the bytes are a picture, else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    # BMP: "BM", two reserved zero words and a known DIB header size (a text may well start with "BM").
    if data[:2] == b"BM" and data[6:10] == b"\x00" * 4 and data[14:18] in _BMP_HEADERS:
        return "BMP"
    for signature, name in _IMAGES:
        if data.startswith(signature):
            return name
    return None


def decode_text(data: bytes) -> str:
    """Decode text bytes: BOMs, strict UTF-8, then GB18030 (covers GBK), else charset detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        head = data[:4096]
        # UTF-16 without a BOM: every other byte of ASCII/CJK text is mostly NUL on one side.
        for encoding, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if nuls.count(0) > len(nuls) // 3 and len(data) % 2 == 0:
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
        raise BinaryJunk("NUL bytes in text without a UTF-16 BOM")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryJunk("undecodable bytes")
    return str(best)


def _looks_like_junk(text: str) -> bool:
    """Whether decoded text is binary data: many control, private-use or replacement characters."""
    sample = text[:20000]
    return len(_JUNK.findall(sample)) > max(3, len(sample) // 200)


def read_bytes(data: bytes, name: str = "") -> Report:
    """Read an annual report from bytes; ``name`` (a file name or URL) is kept as the report's source."""
    source = name or None
    check_file_size(len(data))
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyDocument("empty document")
    kind = detect_type(data)
    if kind == "doc":
        raise UnsupportedDocument(
            "legacy .doc (OLE2) document",
            "这是旧版 Word 文档（.doc），暂不支持；请在 Word 或 WPS 中“另存为” DOCX 格式后再读取。",
        )
    if kind == "zip":
        raise UnsupportedDocument("ZIP archive that is not a DOCX", "这是一个 ZIP 压缩包而不是 DOCX 文档，无法读取。")
    if kind == "junk":
        raise BinaryJunk("damaged ZIP container")
    if kind == "image":
        image = image_type(data)
        if image in ("PNG", "JPEG") and _ocr_available():
            return _run(lambda: _image(data, source), source)
        raise NoTextLayer(
            f"{image} image without a text layer",
            f"这是一张 {image} 图片，没有文字层（可能是扫描件或截图），无法读取其中的数字；"
            "请提供带文字层的 PDF 或原始文档（HTML、DOCX、文本）。",
        )
    if kind == "pdf":
        return _run(lambda: _pdf(data, source), source)
    if kind == "docx":
        return _run(lambda: _docx(data, source), source)
    text = decode_text(data)
    if _looks_like_junk(text):
        raise BinaryJunk("binary data in text")
    return read_string(text, source)


def read_string(text: str, source: str | None = None) -> Report:
    """Read an annual report from decoded text: JSON, HTML, Markdown or plain text."""
    text = text.lstrip("\ufeff")
    stripped = text.strip()
    if not stripped:
        raise EmptyDocument("empty document")
    if stripped.startswith("{"):
        from xxgk.documents.json_format import report_from_json

        report = report_from_json(stripped)
        report.source = source
        report.source_type = "json"
        return report
    if _HTML_TAG.search(text[:50000]):
        from xxgk.documents.read_html import read_html

        return _run(lambda: read_html(text, source), source)
    if _MD_SEPARATOR.search(text) or len(_MD_HEADING.findall(text[:50000])) >= 2:
        from xxgk.documents.read_markdown import read_markdown

        return _run(lambda: read_markdown(text, source), source)
    from xxgk.documents.read_text import read_text

    return _run(lambda: read_text(text, source), source)


def _pdf(data: bytes, source: str | None) -> Stream:
    from xxgk.documents.read_pdf import read_pdf

    return read_pdf(data, source)


def _ocr_available() -> bool:
    from xxgk.documents.read_ocr import ocr_available

    return ocr_available()


def _image(data: bytes, source: str | None) -> Stream:
    from xxgk.documents.read_ocr import read_image

    return read_image(data, source)


def _docx(data: bytes, source: str | None) -> Stream:
    from xxgk.documents.read_docx import read_docx

    return read_docx(data, source)


def _run(make_stream: Callable[[], Stream], source: str | None) -> Report:
    """Run a reader and the interpreter; a reader's unexpected failure becomes a ReadError, not a traceback."""
    try:
        stream = make_stream()
    except ReadError:
        raise
    except Exception as exc:
        log.warning("reader failed on %s: %r", source, exc)
        raise ReadError(f"reader failed: {exc!r}", "文件已损坏或内容无法解析，无法读取。") from exc
    report = interpret(stream)
    report.source = source
    report.source_type = stream.source_type
    return report
