"""Drafting: create an entry with its first draft, edit a draft, attach files, start a correction."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xxgk.apps.catalogue.models import Attachment, Entry, EntryStatus, Version
from xxgk.apps.catalogue.services.common import require_role
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.states import Role, State, TransitionError, apply
from xxgk.documents.errors import ReadError
from xxgk.documents.extract import extract_text

__all__ = [
    "ALLOWED_EXTENSIONS",
    "DRAFT_FIELDS",
    "AttachmentRefused",
    "attachment_add",
    "attachment_remove",
    "entry_correct",
    "entry_create",
    "max_attachment_bytes",
    "version_update",
]

log = logging.getLogger(__name__)

# The fields of a version an author fills in.
DRAFT_FIELDS = (
    "title",
    "summary",
    "body",
    "formed_on",
    "publisher",
    "doc_number",
    "theme",
    "genre",
    "keywords",
    "kind",
    "item",
    "directory_line",
    "validity",
    "effective_on",
    "lapsed_on",
    "repealed_on",
    "correction_note",
)
# Detected type (xxgk.documents.extract) → extensions accepted for it.
ALLOWED_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "image": ("jpg", "jpeg", "png", "gif"),
}
MAX_ATTACHMENTS = 20


class AttachmentRefused(Exception):
    """An upload that is not accepted; the message is Chinese."""


def max_attachment_bytes() -> int:
    """The size limit of one attachment (settings.XXGK_CATALOGUE_MAX_ATTACHMENT, default 20 MB)."""
    return int(getattr(settings, "XXGK_CATALOGUE_MAX_ATTACHMENT", 20 * 1024 * 1024))


def _require_draft(version: Version) -> None:
    if version.state != State.DRAFT:
        raise TransitionError(f"只有草稿可以修改，该稿件当前状态为“{version.state_label}”。")


@transaction.atomic
def entry_create(*, actor: Any, unit: Unit, fields: dict[str, Any], ip: str | None = None) -> Entry:
    """Create an entry of ``unit`` and its first version as a draft."""
    require_role(actor, unit, Role.AUTHOR)
    user = actor if actor is not None else None
    entry = Entry.objects.create(unit=unit, created_by=user)
    values = {k: v for k, v in fields.items() if k in DRAFT_FIELDS}
    values.setdefault("publisher", unit.name)
    version = Version(entry=entry, number=1, state=State.DRAFT.value, author=user, **values)
    version.full_clean(exclude=["entry"])
    version.save()
    audit(actor=actor, action="catalogue.draft", obj=entry, details={"title": version.title}, ip=ip)
    return entry


@transaction.atomic
def version_update(
    *, actor: Any, version: Version, fields: dict[str, Any], lock_version: int | None = None, ip: str | None = None
) -> Version:
    """Change a draft's fields; refuses anything but a draft, and a draft changed by someone else meanwhile."""
    from xxgk.apps.catalogue.services.review import VersionChanged

    locked = Version.objects.select_for_update(of=("self",)).select_related("entry__unit").get(pk=version.pk)
    require_role(actor, locked.entry.unit, Role.AUTHOR)
    _require_draft(locked)
    if lock_version is not None and lock_version != locked.lock_version:
        raise VersionChanged()
    changed = {}
    for name, value in fields.items():
        if name in DRAFT_FIELDS and getattr(locked, name) != value:
            changed[name] = value
            setattr(locked, name, value)
    locked.full_clean(exclude=["entry"])
    locked.lock_version += 1
    locked.save()
    audit(actor=actor, action="catalogue.edit", obj=locked.entry, details={"fields": sorted(changed)}, ip=ip)
    return locked


@transaction.atomic
def attachment_add(*, actor: Any, version: Version, name: str, data: bytes, ip: str | None = None) -> Attachment:
    """Attach a file to a draft: PDF, DOCX, XLSX or image, recognised by content, its text extracted now."""
    locked = Version.objects.select_for_update(of=("self",)).select_related("entry__unit").get(pk=version.pk)
    require_role(actor, locked.entry.unit, Role.AUTHOR)
    _require_draft(locked)
    limit = max_attachment_bytes()
    if len(data) > limit:
        raise AttachmentRefused(f"附件不能超过{limit // (1024 * 1024)}MB。")
    if locked.attachments.count() >= MAX_ATTACHMENTS:
        raise AttachmentRefused(f"每条信息最多{MAX_ATTACHMENTS}个附件。")
    try:
        extracted = extract_text(data)
    except ReadError as exc:
        raise AttachmentRefused(f"附件“{name}”无法读取：{exc.message_zh}") from exc
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ALLOWED_EXTENSIONS.get(extracted.kind)
    if allowed is None:
        raise AttachmentRefused("附件只能是PDF、DOCX、XLSX文件或图片（JPG、PNG、GIF）。")
    if extension not in allowed:
        extension = allowed[0]
    clean_name = name.replace("/", "_").replace("\\", "_").strip()[:200] or f"附件.{extension}"
    attachment = Attachment(
        version=locked,
        name=clean_name,
        extension=extension,
        size=len(data),
        extracted_text=extracted.text,
        pages=[[place, text] for place, text in extracted.parts],
        uploaded_by=actor,
    )
    attachment.file.save(f"upload.{extension}", ContentFile(data), save=False)
    attachment.save()
    locked.lock_version += 1
    locked.save(update_fields=["lock_version", "updated_at"])
    audit(actor=actor, action="catalogue.attach", obj=locked.entry, details={"name": clean_name}, ip=ip)
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment, ip: str | None = None) -> None:
    """Remove an attachment from a draft (the file stays while another version uses it)."""
    version = (
        Version.objects.select_for_update(of=("self",)).select_related("entry__unit").get(pk=attachment.version_id)
    )
    require_role(actor, version.entry.unit, Role.AUTHOR)
    _require_draft(version)
    name, path = attachment.name, attachment.file.name
    attachment.delete()
    if not Attachment.objects.filter(file=path).exists():
        transaction.on_commit(lambda: attachment.file.storage.delete(path))
    audit(actor=actor, action="catalogue.detach", obj=version.entry, details={"name": name}, ip=ip)


@transaction.atomic
def entry_correct(*, actor: Any, entry: Entry, ip: str | None = None) -> Version:
    """Start a correction of a published entry: a new draft version copying the published one (the old is kept)."""
    from xxgk.apps.catalogue.services.review import version_facts

    locked = Entry.objects.select_for_update(of=("self",)).select_related("unit", "current").get(pk=entry.pk)
    require_role(actor, locked.unit, Role.AUTHOR)
    current = locked.current
    if current is None or locked.status != EntryStatus.PUBLISHED:
        raise TransitionError("只有已发布的信息可以更正。")
    apply(current.state, "correct", version_facts(current))
    fresh = Version.objects.get(pk=current.pk)
    attachments = list(fresh.attachments.all())
    fresh.pk = None
    fresh._state.adding = True
    number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    reset = {
        "number": number,
        "state": State.DRAFT.value,
        "author": actor,
        "created_at": timezone.now(),
        "correction_note": "",
        "submitted_at": None,
        "submitted_by": None,
        "reviewed_at": None,
        "reviewed_by": None,
        "sent_back_reason": "",
        "publish_at": None,
        "published_at": None,
        "published_by": None,
        "lock_version": 0,
    }
    for name, value in reset.items():
        setattr(fresh, name, value)
    fresh.save()
    for attachment in attachments:
        attachment.pk = None
        attachment._state.adding = True
        attachment.version = fresh
        attachment.save()
    audit(actor=actor, action="catalogue.correct", obj=locked, details={"version": number}, ip=ip)
    return fresh
