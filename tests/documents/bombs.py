"""Hostile files for the limit tests: small on disk, enormous once read naively."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def full_dimension_xlsx(dimension: str = "A1:XFD1048576") -> bytes:
    """A minimal XLSX with one header cell whose sheet claims the whole grid as its dimension (about 1.5 KB)."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_SHEET_NS}" xmlns:r="{_REL_NS}">'
            '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_SHEET_NS}">'
            f'<dimension ref="{dimension}"/><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>'
            "</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


_BLOCK = 16 * 1024 * 1024


def _raw_deflate(head: bytes, filler: int, size: int, tail: bytes) -> bytes:
    """Raw DEFLATE of ``head`` + ``size`` bytes of ``filler`` + ``tail``, built in well under a second.

    After a full flush the compressor starts afresh, so every 16 MB block of
    the filler compresses to the same bytes: compress one and repeat it.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)]
    block = bytes([filler]) * _BLOCK
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    out.append(segment * (size // _BLOCK))
    out.append(packer.compress(block[: size % _BLOCK] + tail) + packer.flush())
    return b"".join(out)


def _adler32_of_zeros(size: int) -> int:
    return ((size % 65521) << 16) | 1


def _zip(name: str, deflated: bytes, crc: int, size: int, extra: dict[str, bytes]) -> bytes:
    """A ZIP holding the pre-deflated part ``name`` plus small ``extra`` parts."""
    import struct

    out = io.BytesIO()
    central = []
    entries = [(name.encode(), deflated, crc, size)]
    for other, text in extra.items():
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((other.encode(), packer.compress(text) + packer.flush(), zlib.crc32(text), len(text)))
    for raw_name, data, crc32, length in entries:
        offset = out.tell()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc32, len(data), length, len(raw_name), 0)
        )
        out.write(raw_name + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc32,
                len(data),
                length,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def docx_relationship_bomb(path: Path, size: int = 1024**3) -> Path:
    """A DOCX of about 1 MB whose ``_rels/.rels`` inflates to ``size`` bytes (default 1 GB)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'.encode()
    tail = b"</Relationships>"
    crc = zlib.crc32(head)
    block = b" " * _BLOCK
    for _ in range(size // _BLOCK):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[: size % _BLOCK] + tail, crc)
    deflated = _raw_deflate(head, ord(" "), size, tail)
    total = len(head) + size + len(tail)
    path.write_bytes(_zip("_rels/.rels", deflated, crc, total, {"word/document.xml": b"<w:document/>"}))
    return path


def pdf_stream_bomb(path: Path, size: int = 2400 * 1024**2) -> Path:
    """A one-page PDF of about 2.4 MB whose content stream is FlateDecode of ``size`` zero bytes (default 2.4 GB)."""
    body = b"\x78\xda" + _raw_deflate(b"", 0, size, b"") + _adler32_of_zeros(size).to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


# Run the CLI in-process in a child Python and print its peak resident size (KiB) as the last stderr line.
# VmHWM belongs to the process's own address space, which exec makes anew; ru_maxrss would not do: Linux keeps
# it across exec, so a child of a large test worker would report the worker's peak.
MEASURED_CLI = (
    "import re, sys\n"
    "from xxgk.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "print('MAXRSS', peak, file=sys.stderr)\n"
    "sys.exit(status)\n"
)
