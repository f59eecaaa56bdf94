"""Identity uploads: PDFs with active content and images over the pixel limit are refused with a Chinese message."""

from __future__ import annotations

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.apps.portal.conftest import PDF_BYTES
from xxgk.apps.cases.models import Case
from xxgk.apps.portal.uploads import pdf_active_content, validate_identity_file


def _pdf(catalog: bytes, extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog "
        + catalog
        + b" >> endobj\n"
        + extra
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _object_stream(text: bytes) -> bytes:
    packed = zlib.compress(text)
    return (
        b"2 0 obj << /Type /ObjStm /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + (b"\nendstream\nendobj\n")
    )


ACTIVE = [
    _pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    _pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
    _pdf(b"/Names << /EmbeddedFiles << /Names [(a.exe) 3 0 R] >> >>"),
    _pdf(b"/Open#41ction << /S /J#61vaScript /JS (x) >>"),  # names spelled with #xx escapes
    _pdf(b"", _object_stream(b"3 0 obj << /S /JavaScript /JS (app.alert(1)) >>")),  # hidden in an object stream
]


@pytest.mark.parametrize("data", ACTIVE)
def test_a_pdf_with_active_content_is_refused(data):
    assert pdf_active_content(data)
    with pytest.raises(ValidationError) as refused:
        validate_identity_file(SimpleUploadedFile("证件.pdf", data, content_type="application/pdf"))
    assert "含有脚本" in refused.value.messages[0]


def test_a_plain_pdf_is_accepted():
    assert pdf_active_content(PDF_BYTES) == []
    upload = SimpleUploadedFile("证件.pdf", PDF_BYTES, content_type="application/pdf")
    assert validate_identity_file(upload) == "application/pdf"


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")
    return out.getvalue()


def test_a_144_megapixel_png_is_refused_and_a_photo_is_not():
    with pytest.raises(ValidationError) as refused:
        validate_identity_file(SimpleUploadedFile("证件.png", _png(12_000, 12_000), content_type="image/png"))
    assert "百万像素" in refused.value.messages[0]
    assert validate_identity_file(SimpleUploadedFile("证件.png", _png(4000, 3000))) == "image/png"


@pytest.mark.django_db
def test_the_portal_refuses_a_scripted_pdf_and_makes_no_case(county, apply_as, post_data, upload):
    scripted = upload(ACTIVE[0], name="身份证.pdf", content_type="application/pdf")
    response = apply_as(county.qinxiang, post_data(identity_file=scripted))
    assert response.status_code == 400
    assert "含有脚本" in response.content.decode()
    assert Case.objects.count() == 0
