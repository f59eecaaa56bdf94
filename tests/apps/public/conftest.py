"""Fixtures for the public column and search: a county with two townships and a way to publish entries.

``publish`` stores a published catalogue entry the way the catalogue's
publication service leaves it (entry, current version, attachments, 索引号) and
sends ``entry_published`` as the service does after its commit; ``withdraw``
does the same for a withdrawal. The public app only reads what they leave.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import UnitFactory
from xxgk.apps.catalogue.models import Attachment, Entry, EntryStatus, Version
from xxgk.apps.catalogue.signals import entry_published, entry_withdrawn

_serial = itertools.count(1)


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


def _publish(
    unit: Any,
    title: str,
    *,
    body: str = "",
    summary: str = "",
    attachment_text: str = "",
    published_on: dt.date = dt.date(2024, 3, 15),
    send: bool = True,
    **fields: Any,
) -> Entry:
    serial = next(_serial)
    entry = Entry.objects.create(
        unit=unit,
        index_number=f"{unit.org_code}/{published_on.year}-{serial:05d}",
        index_year=published_on.year,
        index_serial=serial,
        status=EntryStatus.PUBLISHED,
        published_on=published_on,
        first_published_at=timezone.now(),
    )
    version = Version.objects.create(
        entry=entry,
        number=1,
        state="published",
        title=title,
        body=body,
        summary=summary,
        formed_on=fields.pop("formed_on", published_on - dt.timedelta(days=3)),
        publisher=fields.pop("publisher", unit.name),
        published_at=timezone.now(),
        **fields,
    )
    if attachment_text:
        attachment = Attachment(version=version, name="附件1.pdf", extension="pdf", size=100)
        attachment.extracted_text = attachment_text
        attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4 test\n%%EOF"), save=False)
        attachment.save()
    entry.current = version
    entry.save(update_fields=["current"])
    if send:
        entry_published.send(sender=Entry, entry=entry)
    return entry


def _withdraw(entry: Entry, reason: str = "内容已调整，撤回原发布信息。") -> Entry:
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawal_reason = reason
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["status", "withdrawal_reason", "withdrawn_at"])
    entry.current.state = "withdrawn"
    entry.current.save(update_fields=["state"])
    entry_withdrawn.send(sender=Entry, entry=entry)
    return entry


@pytest.fixture
def publish(db) -> Callable[..., Entry]:
    """publish(unit, title, body=…, attachment_text=…, theme=…, …) → a published, indexed Entry."""
    return _publish


@pytest.fixture
def withdraw(db) -> Callable[..., Entry]:
    """withdraw(entry, reason) → the entry withdrawn, as the catalogue leaves it."""
    return _withdraw
