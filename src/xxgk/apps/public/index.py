"""Writing the search index: one ``SearchDocument`` per published or withdrawn catalogue entry.

Only the catalogue's signals and the rebuild command call these; a search
never writes. Withdrawn entries stay in the index for staff, marked not
public, so the public never finds them and staff still do (with the reason).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from xxgk.apps.catalogue.models import Entry, EntryStatus
from xxgk.apps.public.models import SearchDocument
from xxgk.core.fulltext import index_tokens

__all__ = ["MAX_TEXT_CHARS", "document_for", "entry_index", "entry_unindex", "search_index_rebuild"]

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000  # of summary, body and attachment text per entry; beyond it a document is not searched


def _entry_text(entry: Entry) -> str:
    version = entry.current
    assert version is not None
    parts = [version.summary, version.body, version.keywords, version.doc_number]
    parts += [a.extracted_text for a in version.attachments.all()]
    return "\n".join(p for p in parts if p)[:MAX_TEXT_CHARS]


def document_for(entry: Entry) -> SearchDocument:
    """The index document of an entry with a current version (not saved)."""
    version = entry.current
    assert version is not None, "only an entry with a public version is indexed"
    text = _entry_text(entry)
    published_on = entry.published_on
    return SearchDocument(
        entry_id=entry.pk,
        unit_id=entry.unit_id,
        index_number=entry.index_number or "",
        title=version.title,
        doc_number=version.doc_number,
        published_on=published_on,
        year=published_on.year if published_on else None,
        theme=version.theme,
        kind=version.kind,
        validity=version.validity,
        item=version.item,
        is_public=entry.status == EntryStatus.PUBLISHED,
        withdrawal_reason=entry.withdrawal_reason if entry.status == EntryStatus.WITHDRAWN else "",
        text=text,
        title_tokens=index_tokens(f"{version.title} {version.doc_number} {version.keywords}"),
        body_tokens=index_tokens(text),
        indexed_at=timezone.now(),
    )


_FIELDS = [f.name for f in SearchDocument._meta.concrete_fields if f.name not in ("id", "entry_id")]


def entry_index(entry: Entry) -> SearchDocument | None:
    """Put an entry's current state into the index (insert or replace); entries never published are left out."""
    entry = Entry.objects.select_related("current").get(pk=entry.pk)
    if entry.current is None or entry.status == EntryStatus.UNPUBLISHED:
        SearchDocument.objects.filter(entry_id=entry.pk).delete()
        return None
    document = document_for(entry)
    with transaction.atomic():
        existing = SearchDocument.objects.select_for_update().filter(entry_id=entry.pk).first()
        if existing is not None:
            document.pk = existing.pk
            document.save(update_fields=[f for f in _FIELDS if f != "unit"] + ["unit"])
        else:
            document.save()
    return document


def entry_unindex(entry: Entry) -> None:
    """Take a withdrawn entry off the public side of the index; staff still find it, with the reason."""
    entry = Entry.objects.get(pk=entry.pk)
    updated = SearchDocument.objects.filter(entry_id=entry.pk).update(
        is_public=False, withdrawal_reason=entry.withdrawal_reason, indexed_at=timezone.now()
    )
    if not updated:
        entry_index(entry)


def _indexable(unit: Any = None) -> Iterable[Entry]:
    entries = Entry.objects.filter(current__isnull=False).exclude(status=EntryStatus.UNPUBLISHED)
    if unit is not None:
        entries = entries.filter(unit=unit)
    return entries.select_related("current").prefetch_related("current__attachments").order_by("pk").iterator(500)


def search_index_rebuild(*, unit: Any = None, batch_size: int = 500) -> int:
    """Build the index again from the catalogue (all units, or one); returns the number of documents."""
    count = 0
    with transaction.atomic():
        stale = SearchDocument.objects.all() if unit is None else SearchDocument.objects.filter(unit=unit)
        stale.delete()
        batch: list[SearchDocument] = []
        for entry in _indexable(unit):
            batch.append(document_for(entry))
            if len(batch) >= batch_size:
                SearchDocument.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
        count += len(batch)
    log.info("search index rebuilt: %d documents", count)
    return count
