"""Fixtures of the catalogue tests: a unit with an author (登记人员) and a reviewer (审核人), and files."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.units.models import Role


@pytest.fixture(autouse=True)
def _fast(fast_passwords: None, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def unit(db: None) -> Any:
    return UnitFactory(name="勍香镇人民政府", short_name="勍香镇")


@pytest.fixture
def author(unit: Any) -> Any:
    return MembershipFactory(unit=unit, role=Role.REGISTRAR, user=UserFactory(username="dengji")).user


@pytest.fixture
def reviewer(unit: Any) -> Any:
    return MembershipFactory(unit=unit, role=Role.REVIEWER, user=UserFactory(username="shenhe")).user


def draft_fields(**overrides: Any) -> dict[str, Any]:
    """The fields of an ordinary complete draft."""
    fields: dict[str, Any] = {
        "title": "关于做好2024年春季森林防火工作的通知",
        "summary": "部署春季森林防火工作。",
        "body": "各村（社区）：现将春季森林防火工作有关事项通知如下。",
        "formed_on": dt.date(2024, 3, 1),
        "theme": "农业、林业、水利",
        "genre": "通知",
        "item": "20.12",
    }
    fields.update(overrides)
    return fields


def docx_bytes(*paragraphs: str, header: str = "") -> bytes:
    """A DOCX file with these paragraphs (and a page header)."""
    from docx import Document

    document = Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(*pages: str) -> bytes:
    """A PDF with a text layer, one page per string (lines split on newlines)."""
    from weasyprint import HTML

    body = "".join(
        f"<section style='page-break-after:always'>{''.join(f'<p>{line}</p>' for line in page.splitlines())}</section>"
        for page in pages
    )
    return HTML(string=f"<html><body style='font-family:sans-serif'>{body}</body></html>").write_pdf()
