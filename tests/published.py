"""Published catalogue entries as the catalogue's publication service leaves them, for tests of what reads them.

``publish_entry`` stores a published entry (entry, current version, attachment,
索引号) and sends ``entry_published`` as the service does after its commit;
``withdraw_entry`` does the same for a withdrawal.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from xxgk.apps.catalogue.models import Attachment, Entry, EntryStatus, Version
from xxgk.apps.catalogue.signals import entry_published, entry_withdrawn

__all__ = ["publish_entry", "withdraw_entry"]

_serial = itertools.count(1)


def publish_entry(
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
    """A published entry of ``unit`` with one version (and an attachment holding ``attachment_text``)."""
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


def withdraw_entry(entry: Entry, reason: str = "内容已调整，撤回原发布信息。") -> Entry:
    """Withdraw a published entry with ``reason``."""
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawal_reason = reason
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["status", "withdrawal_reason", "withdrawn_at"])
    entry.current.state = "withdrawn"
    entry.current.save(update_fields=["state"])
    entry_withdrawn.send(sender=Entry, entry=entry)
    return entry
