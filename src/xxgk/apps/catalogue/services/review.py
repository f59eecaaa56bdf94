"""Review and publication: submit, send back, acknowledge findings, approve, publish, withdraw.

The state machine is xxgk.core.catalogue.states; this module persists its
decisions with an optimistic version check, runs the pre-publication scan on
submission, assigns the 索引号 on first publication (a counter row locked with
SELECT … FOR UPDATE, and a unique constraint behind it), writes the audit row
and sends ``entry_published`` / ``entry_withdrawn`` after the commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from xxgk.apps.catalogue.models import Entry, EntryStatus, IndexCounter, ScanFinding, Version
from xxgk.apps.catalogue.services.common import require_role
from xxgk.apps.catalogue.signals import entry_published, entry_withdrawn
from xxgk.apps.units.audit import audit
from xxgk.core.catalogue.index_number import format_index_number
from xxgk.core.catalogue.scan import Finding, TextPart, scan_parts
from xxgk.core.catalogue.states import OPEN_STATES, State, TransitionError, VersionFacts, action, apply

__all__ = [
    "VersionChanged",
    "allocate_index_number",
    "finding_acknowledge",
    "publish_due",
    "scan_version",
    "version_facts",
    "version_transition",
]

log = logging.getLogger(__name__)


class VersionChanged(Exception):
    """The version was changed by someone else since it was read (optimistic concurrency)."""

    def __init__(self) -> None:
        super().__init__("该稿件已被他人修改，请刷新后重试。")


def allocate_index_number(prefix: str, year: int) -> tuple[str, int]:
    """Take the next 索引号 of ``prefix`` and ``year`` (call inside a transaction); never reused.

    The counter row is created if missing (ON CONFLICT DO NOTHING) and then locked,
    so two publications at the same instant queue on it; the unique constraint on
    ``Entry.index_number`` stands behind it.
    """
    IndexCounter.objects.bulk_create([IndexCounter(prefix=prefix, year=year)], ignore_conflicts=True)
    counter = IndexCounter.objects.select_for_update().get(prefix=prefix, year=year)
    used = Entry.objects.filter(index_number__startswith=f"{prefix}/{year}-").aggregate(m=Max("index_serial"))["m"]
    serial = max(counter.last_serial, used or 0) + 1
    number = format_index_number(prefix, year, serial)
    counter.last_serial = serial
    counter.save(update_fields=["last_serial"])
    return number, serial


def scan_version(version: Version) -> list[Finding]:
    """The pre-publication scan of a version: title, summary, body and every attachment, page by page."""
    parts = [TextPart("名称", version.title), TextPart("内容概述", version.summary), TextPart("正文", version.body)]
    for attachment in version.attachments.all():
        for place, text in attachment.pages or [["", attachment.extracted_text]]:
            parts.append(TextPart(f"附件“{attachment.name}”{place}", text))
    return scan_parts(parts)


def version_facts(
    version: Version, *, reason: str = "", publish_at: dt.datetime | None = None, now: Any = None
) -> VersionFacts:
    """What the state machine's guards need to know about a stored version."""
    now = now or timezone.now()
    open_correction = (
        Version.objects.filter(entry_id=version.entry_id, state__in=[s.value for s in OPEN_STATES])
        .exclude(pk=version.pk)
        .exists()
    )
    when = publish_at or version.publish_at
    return VersionFacts(
        has_title=bool(version.title.strip()),
        has_formed_on=version.formed_on is not None,
        unacknowledged_findings=version.findings.filter(acknowledged_at__isnull=True).count() if version.pk else 0,
        reason=reason,
        publish_at_in_future=bool(when and when > now),
        publish_at_due=bool(when and when <= now),
        open_correction=open_correction,
        entry_withdrawn=Entry.objects.filter(pk=version.entry_id, status=EntryStatus.WITHDRAWN).exists(),
    )


def _publish(version: Version, entry: Entry, actor: Any, now: dt.datetime, published_on: dt.date | None) -> None:
    """Make ``version`` the public one: 索引号 on first publication, the previous version kept as superseded."""
    day = published_on or timezone.localdate(now)
    if entry.index_number is None:
        entry.index_number, entry.index_serial = allocate_index_number(entry.unit.org_code, day.year)
        entry.index_year = day.year
    previous = entry.current
    if previous is not None and previous.pk != version.pk:
        Version.objects.filter(pk=previous.pk).update(state=State.SUPERSEDED.value)
    version.published_at = now
    version.published_by = actor
    entry.current = version
    entry.status = EntryStatus.PUBLISHED
    if entry.published_on is None:
        entry.published_on = day
        entry.first_published_at = now
    entry.save()
    transaction.on_commit(lambda: entry_published.send(sender=Entry, entry=entry))


@transaction.atomic
def version_transition(
    *,
    actor: Any,
    version: Version,
    name: str,
    reason: str = "",
    publish_at: dt.datetime | None = None,
    lock_version: int | None = None,
    now: dt.datetime | None = None,
    published_on: dt.date | None = None,
    ip: str | None = None,
) -> Version:
    """Take action ``name`` on a version: one transaction, the audit row, signals after commit.

    ``published_on`` (imports only) sets the 发布日期 of a first publication;
    otherwise it is the day of ``now``.
    """
    now = now or timezone.now()
    act = action(name)
    locked = Version.objects.select_for_update().get(pk=version.pk)
    entry = Entry.objects.select_for_update(of=("self",)).select_related("unit", "current").get(pk=locked.entry_id)
    require_role(actor, entry.unit, act.role)
    if lock_version is not None and lock_version != locked.lock_version:
        raise VersionChanged()
    if name == "correct":
        raise TransitionError("更正请使用“更正”功能，它会生成新的版本。")
    facts = version_facts(locked, reason=reason, publish_at=publish_at, now=now)
    target = apply(locked.state, name, facts)
    details: dict[str, Any] = {"version": locked.number, "from": locked.state, "to": target.value}
    if name == "submit":
        locked.submitted_at, locked.submitted_by = now, actor
        locked.sent_back_reason = ""
        locked.findings.all().delete()
        findings = scan_version(locked)
        ScanFinding.objects.bulk_create(
            [
                ScanFinding(version=locked, kind=f.kind.value, excerpt=f.masked[:200], place=f.place[:300])
                for f in findings
            ]
        )
        details["findings"] = len(findings)
    elif name == "send_back":
        locked.sent_back_reason = reason.strip()
        locked.publish_at = None
        details["reason"] = locked.sent_back_reason
    elif name == "approve":
        locked.reviewed_at, locked.reviewed_by = now, actor
    elif name == "schedule":
        locked.publish_at = publish_at
        details["publish_at"] = publish_at.isoformat() if publish_at else None
    elif name in ("publish", "publish_due"):
        _publish(locked, entry, actor, now, published_on)
        details["index_number"] = entry.index_number
    elif name == "withdraw":
        entry.status = EntryStatus.WITHDRAWN
        entry.withdrawn_at, entry.withdrawn_by = now, actor
        entry.withdrawal_reason = reason.strip()
        entry.save()
        details["reason"] = entry.withdrawal_reason
        transaction.on_commit(lambda: entry_withdrawn.send(sender=Entry, entry=entry))
    locked.state = target.value
    locked.lock_version += 1
    locked.save()
    audit(actor=actor, action=f"catalogue.{name}", obj=entry, details=details, ip=ip)
    return locked


@transaction.atomic
def finding_acknowledge(*, actor: Any, finding: ScanFinding, note: str = "", ip: str | None = None) -> ScanFinding:
    """Record that the reviewer checked one finding and judged it may be published."""
    version = Version.objects.select_for_update(of=("self",)).select_related("entry__unit").get(pk=finding.version_id)
    require_role(actor, version.entry.unit, action("approve").role)
    if version.state != State.SUBMITTED:
        raise TransitionError("只有待审核的稿件可以确认检查结果。")
    locked = ScanFinding.objects.select_for_update().get(pk=finding.pk)
    if locked.acknowledged_at is None:
        locked.acknowledged_at, locked.acknowledged_by = timezone.now(), actor
        locked.acknowledgement_note = note.strip()[:300]
        locked.save()
        audit(
            actor=actor,
            action="catalogue.acknowledge",
            obj=version.entry,
            details={"kind": locked.kind, "place": locked.place, "note": locked.acknowledgement_note},
            ip=ip,
        )
    return locked


def publish_due(*, now: dt.datetime | None = None) -> list[Version]:
    """Publish every scheduled version whose time has come (run by ``xxgk catalogue publish-due`` / cron)."""
    now = now or timezone.now()
    published = []
    due = Version.objects.filter(state=State.SCHEDULED.value, publish_at__lte=now).order_by("publish_at", "pk")
    for version in due:
        try:
            published.append(version_transition(actor=None, version=version, name="publish_due", now=now))
        except TransitionError as exc:  # changed meanwhile (sent back): skip it, the others still go out
            log.warning("scheduled version %s not published: %s", version.pk, exc)
    return published
