"""Fixtures for the cases app: a unit with its staff, a case factory and an online application factory."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.services import case_register
from xxgk.apps.portal.services import application_submit


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    """These tests are about cases, not sign-in."""


@pytest.fixture
def unit(db):
    """A township government."""
    return UnitFactory(name="勍香镇人民政府")


@pytest.fixture
def staff(unit):
    """One user per role in the unit: registrar, handler, reviewer."""
    people = {}
    for role in ("registrar", "handler", "reviewer"):
        user = UserFactory(username=role)
        MembershipFactory(user=user, unit=unit, role=role)
        people[role] = user
    return people


@pytest.fixture
def make_case(unit, staff, calendar):
    """Register a case received on a date with some items."""

    def make(received=dt.date(2026, 6, 1), items=("2025年财政预算执行情况",), **fields):
        return case_register(
            actor=staff["registrar"],
            unit=unit,
            channel=fields.pop("channel", "online"),
            receipt_date=received,
            applicant_type=fields.pop("applicant_type", "natural_person"),
            items=list(items),
            applicant_name=fields.pop("applicant_name", "张三"),
            calendar=calendar,
            **fields,
        )

    return make


def png_bytes() -> bytes:
    """A small PNG image, as an applicant's scanned identity document."""
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def submit_online(unit):
    """Submit an application to the unit through the portal (with an identity document), not yet confirmed."""

    def submit(*, now: dt.datetime, ip: str | None = None):
        return application_submit(
            unit=unit,
            data={
                "applicant_type": "natural_person",
                "name": "李四",
                "identity_type": "居民身份证",
                "identity_number": "11010519491231002X",
                "phone": "13800000000",
            },
            items=[{"description": "2025年财政预算执行情况", "document_number": ""}],
            identity_file=SimpleUploadedFile("id.png", png_bytes(), content_type="image/png"),
            identity_file_type="image/png",
            ip=ip,
            now=timezone.make_aware(now),
        )

    return submit
