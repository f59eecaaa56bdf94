"""Fixtures for the portal: a county with two townships, a fixed CAPTCHA answer, upload files, a valid form."""

from __future__ import annotations

import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import UnitFactory

ANSWER = "K7M3P"
VALID_ID = "11010519491231002X"  # the example number of GB 11643-1999
VALID_CREDIT_CODE = "91350100M000100Y43"


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    """Uploads in a temporary MEDIA_ROOT, e-mail kept in memory, the CAPTCHA test hook on."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.XXGK_CAPTCHA_TEST_ANSWER = ANSWER
    settings.PRODUCTION = False


@pytest.fixture
def county(db) -> SimpleNamespace:
    """示例县人民政府 with 勍香镇 (office contacts filled in) and 青石镇."""
    gov = UnitFactory(name="示例县人民政府", kind="人民政府")
    qinxiang = UnitFactory(
        name="勍香镇人民政府",
        kind="人民政府",
        parent=gov,
        office_address="示例县勍香镇政府路1号党政办",
        office_hours="工作日 8:30-12:00 14:30-17:30",
        office_phone="0755-12345678",
        office_email="xxgk@qinxiang.example.gov.cn",
    )
    qingshi = UnitFactory(name="青石镇人民政府", kind="人民政府", parent=gov)
    return SimpleNamespace(gov=gov, qinxiang=qinxiang, qingshi=qingshi)


def png_bytes() -> bytes:
    """A small real PNG image."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def upload() -> Callable[..., SimpleUploadedFile]:
    """Build an upload: a real PNG by default."""

    def make(content: bytes | None = None, name: str = "身份证.png", content_type: str = "image/png"):
        return SimpleUploadedFile(name, png_bytes() if content is None else content, content_type=content_type)

    return make


@pytest.fixture
def post_data(upload) -> Callable[..., dict[str, Any]]:
    """A complete, valid application from a natural person with two items; override any field."""

    def make(**changes: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "applicant_type": "natural_person",
            "name": "李四",
            "identity_type": "居民身份证",
            "identity_number": VALID_ID,
            "address": "示例县勍香镇和平街8号",
            "phone": "13800000000",
            "email": "lisi@example.cn",
            "requested_form": "电子",
            "requested_channel": "电子邮件",
            "declaration": "on",
            "captcha": ANSWER,
            "website": "",
            "identity_file": upload(),
            "items-TOTAL_FORMS": "5",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "5",
            "items-0-description": "2025年勍香镇财政预算执行情况",
            "items-0-document_number": "勍政发〔2025〕3号",
            "items-1-description": "和平街道路改造工程招标文件",
            "items-1-document_number": "",
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    return make


@pytest.fixture
def apply_as(client) -> Callable[..., Any]:
    """Fetch a CAPTCHA (starting the challenge) and post an application to a unit."""

    def submit(unit, data: dict[str, Any], **extra: Any):
        client.get("/apply/captcha.png", **extra)
        return client.post(f"/apply/{unit.pk}/", data, **extra)

    return submit
