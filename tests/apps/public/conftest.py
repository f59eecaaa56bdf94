"""Fixtures for the public column and search: a county with two townships and a way to publish entries."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from tests.factories import UnitFactory
from tests.published import publish_entry, withdraw_entry
from xxgk.apps.catalogue.models import Entry


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county(db) -> SimpleNamespace:
    """示例县人民政府 with 勍香镇 (office contacts filled in) and 青石镇."""
    gov = UnitFactory(name="示例县人民政府", short_name="示例县", kind="人民政府")
    qinxiang = UnitFactory(
        name="勍香镇人民政府",
        short_name="勍香镇",
        kind="人民政府",
        parent=gov,
        office_address="示例县勍香镇政府路1号党政办",
        office_hours="工作日 8:30-12:00 14:30-17:30",
        office_phone="0755-12345678",
        office_email="gk@qinxiang.example.gov.cn",
    )
    qingshi = UnitFactory(name="青石镇人民政府", short_name="青石镇", kind="人民政府", parent=gov)
    return SimpleNamespace(gov=gov, qinxiang=qinxiang, qingshi=qingshi)


@pytest.fixture
def publish(db) -> Callable[..., Entry]:
    """publish(unit, title, body=…, attachment_text=…, theme=…, …) → a published, indexed Entry."""
    return publish_entry


@pytest.fixture
def withdraw(db) -> Callable[..., Entry]:
    """withdraw(entry, reason) → the entry withdrawn, as the catalogue leaves it."""
    return withdraw_entry
