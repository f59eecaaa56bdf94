"""The catalogue services: draft → submit (scan) → acknowledge / send back → approve → publish → withdraw, correct."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.apps.catalogue.conftest import docx_bytes, draft_fields
from tests.factories import MembershipFactory, UnitFactory
from xxgk.apps.catalogue.models import Entry, EntryStatus, Version
from xxgk.apps.catalogue.selectors import public_entries
from xxgk.apps.catalogue.services import (
    AttachmentRefused,
    VersionChanged,
    attachment_add,
    entry_correct,
    entry_create,
    finding_acknowledge,
    publish_due,
    version_transition,
    version_update,
)
from xxgk.apps.catalogue.signals import entry_published, entry_withdrawn
from xxgk.apps.units.models import AuditEntry, Role
from xxgk.core.catalogue.states import TransitionError

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"
NOW = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)


def _submitted(unit: Any, author: Any, **fields: Any) -> Version:
    entry = entry_create(actor=author, unit=unit, fields=draft_fields(**fields))
    return version_transition(actor=author, version=entry.versions.get(), name="submit", now=NOW)


def _published(unit: Any, author: Any, reviewer: Any, **fields: Any) -> Version:
    version = _submitted(unit, author, **fields)
    version = version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    return version_transition(actor=reviewer, version=version, name="publish", now=NOW)


def test_the_whole_journey_records_who_did_what(unit: Any, author: Any, reviewer: Any) -> None:
    entry = entry_create(actor=author, unit=unit, fields=draft_fields(body=f"申请人身份证号{ID}。"))
    version = entry.versions.get()
    version = version_transition(actor=author, version=version, name="submit", now=NOW)
    finding = version.findings.get()
    assert (finding.kind, finding.place, finding.excerpt) == ("身份证号码", "正文第1行", "110***********002X")
    with pytest.raises(TransitionError, match="尚未逐项确认"):
        version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    version = version_transition(actor=reviewer, version=version, name="send_back", reason="请删去身份证号", now=NOW)
    assert version.state == "draft" and version.sent_back_reason == "请删去身份证号"
    version = version_update(actor=author, version=version, fields={"body": "申请人信息已删除。"})
    version = version_transition(actor=author, version=version, name="submit", now=NOW)
    assert not version.findings.exists()
    version = version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    version = version_transition(actor=reviewer, version=version, name="publish", now=NOW)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.index_number == f"{unit.org_code}/2024-00001"
    assert entry.published_on == dt.date(2024, 3, 5)
    assert (version.author, version.submitted_by, version.reviewed_by, version.published_by) == (
        author,
        author,
        reviewer,
        reviewer,
    )
    actions = list(AuditEntry.objects.filter(object_id=str(entry.pk)).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "catalogue.draft",
        "catalogue.submit",
        "catalogue.send_back",
        "catalogue.edit",
        "catalogue.submit",
        "catalogue.approve",
        "catalogue.publish",
    ]
    assert list(public_entries(unit=unit)) == [entry]


def test_acknowledging_every_finding_allows_approval_and_is_recorded(unit: Any, author: Any, reviewer: Any) -> None:
    version = _submitted(unit, author, body="联系人手机13812345678，机密★")
    assert version.findings.count() == 2
    for finding in version.findings.all():
        finding_acknowledge(actor=reviewer, finding=finding, note="经核对可以公开")
    version = version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    assert version.state == "approved"
    assert set(version.findings.values_list("acknowledged_by", flat=True)) == {reviewer.pk}
    assert AuditEntry.objects.filter(action="catalogue.acknowledge").count() == 2


def test_an_author_cannot_review_and_a_stranger_cannot_draft(unit: Any, author: Any) -> None:
    version = _submitted(unit, author)
    with pytest.raises(PermissionDenied, match="审核人"):
        version_transition(actor=author, version=version, name="approve", now=NOW)
    stranger = MembershipFactory(unit=UnitFactory(), role=Role.REVIEWER).user
    with pytest.raises(PermissionDenied, match="起草"):
        entry_create(actor=stranger, unit=unit, fields=draft_fields())
    with pytest.raises(PermissionDenied):
        version_transition(actor=stranger, version=version, name="approve", now=NOW)


def test_a_stale_form_is_refused(unit: Any, author: Any) -> None:
    entry = entry_create(actor=author, unit=unit, fields=draft_fields())
    version = entry.versions.get()
    version_update(actor=author, version=version, fields={"title": "新名称"}, lock_version=0)
    with pytest.raises(VersionChanged, match="已被他人修改"):
        version_update(actor=author, version=version, fields={"title": "另一名称"}, lock_version=0)
    assert Version.objects.get(pk=version.pk).title == "新名称"


def test_only_drafts_can_be_edited(unit: Any, author: Any) -> None:
    version = _submitted(unit, author)
    with pytest.raises(TransitionError, match="只有草稿可以修改"):
        version_update(actor=author, version=version, fields={"title": "x"})


def test_attachment_text_is_extracted_and_scanned_with_its_place(unit: Any, author: Any, reviewer: Any) -> None:
    entry = entry_create(actor=author, unit=unit, fields=draft_fields())
    version = entry.versions.get()
    attachment = attachment_add(
        actor=author,
        version=version,
        name="补贴名单.docx",
        data=docx_bytes("补贴名单", f"王五 {ID}", header="内部资料"),
    )
    assert "补贴名单" in attachment.extracted_text and attachment.extension == "docx"
    version = version_transition(actor=author, version=version, name="submit", now=NOW)
    assert sorted(version.findings.values_list("kind", "place")) == [
        ("密级或内部标志", "附件“补贴名单.docx”第1行"),
        ("身份证号码", "附件“补贴名单.docx”第3行"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.exe", b"MZ\x90\x00" + b"\x00" * 100, "无法读取|只能是"),
        ("a.txt", "普通文字".encode(), "只能是"),
        ("a.pdf", b"%PDF-1.4 broken", "无法读取"),
        ("empty.pdf", b"", "无法读取"),
    ],
)
def test_bad_attachments_are_refused(unit: Any, author: Any, name: str, data: bytes, message: str) -> None:
    version = entry_create(actor=author, unit=unit, fields=draft_fields()).versions.get()
    with pytest.raises(AttachmentRefused, match=message):
        attachment_add(actor=author, version=version, name=name, data=data)
    assert not version.attachments.exists()


def test_attachments_over_the_size_limit_are_refused(unit: Any, author: Any, settings: Any) -> None:
    settings.XXGK_CATALOGUE_MAX_ATTACHMENT = 1024 * 1024
    version = entry_create(actor=author, unit=unit, fields=draft_fields()).versions.get()
    with pytest.raises(AttachmentRefused, match="不能超过1MB"):
        attachment_add(actor=author, version=version, name="big.docx", data=b"PK" + b"0" * (1024 * 1024))


def test_withdrawal_needs_a_reason_and_hides_the_entry_but_keeps_it(unit: Any, author: Any, reviewer: Any) -> None:
    version = _published(unit, author, reviewer)
    with pytest.raises(TransitionError, match="请填写理由"):
        version_transition(actor=reviewer, version=version, name="withdraw", now=NOW)
    version_transition(actor=reviewer, version=version, name="withdraw", reason="发布内容有误", now=NOW)
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.WITHDRAWN and entry.withdrawal_reason == "发布内容有误"
    assert entry.index_number and not public_entries().exists()


def test_correction_is_a_new_version_and_the_old_one_is_kept(unit: Any, author: Any, reviewer: Any) -> None:
    first = _published(unit, author, reviewer)
    entry = first.entry
    number = Entry.objects.get().index_number
    second = entry_correct(actor=author, entry=entry)
    assert second.number == 2 and second.state == "draft"
    with pytest.raises(TransitionError, match="正在办理的更正稿"):
        entry_correct(actor=author, entry=entry)
    version_update(actor=author, version=second, fields={"title": "更正后的名称", "correction_note": "更正名称"})
    second = version_transition(actor=author, version=second, name="submit", now=NOW)
    second = version_transition(actor=reviewer, version=second, name="approve", now=NOW)
    assert Entry.objects.get().current.title == first.title  # still the old one until the correction is out
    version_transition(actor=reviewer, version=second, name="publish", now=NOW + dt.timedelta(days=1))
    entry = Entry.objects.get()
    assert entry.current.title == "更正后的名称" and entry.index_number == number
    assert entry.published_on == dt.date(2024, 3, 5)
    assert list(entry.versions.values_list("number", "state")) == [(1, "superseded"), (2, "published")]


def test_scheduled_publication_goes_out_when_due(unit: Any, author: Any, reviewer: Any) -> None:
    version = _submitted(unit, author)
    version = version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    with pytest.raises(TransitionError, match="应晚于当前时间"):
        version_transition(actor=reviewer, version=version, name="schedule", publish_at=NOW, now=NOW)
    at = NOW + dt.timedelta(hours=2)
    version = version_transition(actor=reviewer, version=version, name="schedule", publish_at=at, now=NOW)
    assert publish_due(now=NOW + dt.timedelta(hours=1)) == []
    assert [v.pk for v in publish_due(now=at)] == [version.pk]
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.PUBLISHED and entry.published_on == timezone.localdate(at)


def test_signals_are_sent_after_commit(
    unit: Any, author: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    seen: list[tuple[str, int]] = []

    def on_published(sender: Any, entry: Entry, **kwargs: Any) -> None:
        seen.append(("published", entry.pk))

    def on_withdrawn(sender: Any, entry: Entry, **kwargs: Any) -> None:
        seen.append(("withdrawn", entry.pk))

    entry_published.connect(on_published)
    entry_withdrawn.connect(on_withdrawn)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version = _published(unit, author, reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            version_transition(actor=reviewer, version=version, name="withdraw", reason="过期", now=NOW)
    finally:
        entry_published.disconnect(on_published)
        entry_withdrawn.disconnect(on_withdrawn)
    assert seen == [("published", version.entry_id), ("withdrawn", version.entry_id)]


def test_serials_count_per_year_and_are_never_reused(unit: Any, author: Any, reviewer: Any) -> None:
    a = _published(unit, author, reviewer)
    b = _published(unit, author, reviewer)
    version_transition(actor=reviewer, version=b, name="withdraw", reason="重复", now=NOW)
    c = _published(unit, author, reviewer)
    numbers = [Entry.objects.get(pk=v.entry_id).index_number for v in (a, b, c)]
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002", "00003"]


def test_the_publish_due_command_publishes_what_is_due(unit: Any, author: Any, reviewer: Any) -> None:
    import io

    from django.core.management import call_command

    version = _submitted(unit, author)
    version = version_transition(actor=reviewer, version=version, name="approve", now=NOW)
    version_transition(
        actor=reviewer, version=version, name="schedule", publish_at=NOW + dt.timedelta(minutes=5), now=NOW
    )
    out = io.StringIO()
    call_command("publish_due", stdout=out)  # the real clock is past 2024
    assert f"已定时发布：{unit.org_code}/" in out.getvalue()
    out = io.StringIO()
    call_command("publish_due", stdout=out)
    assert "没有到时需要发布的信息" in out.getvalue()


def test_a_correction_under_way_is_not_published_once_the_entry_is_withdrawn(
    unit: Any, author: Any, reviewer: Any
) -> None:
    first = _published(unit, author, reviewer)
    second = entry_correct(actor=author, entry=first.entry)
    second = version_transition(actor=author, version=second, name="submit", now=NOW)
    second = version_transition(actor=reviewer, version=second, name="approve", now=NOW)
    version_transition(actor=reviewer, version=Entry.objects.get().current, name="withdraw", reason="停止执行", now=NOW)
    with pytest.raises(TransitionError, match="该信息已撤回"):
        version_transition(actor=reviewer, version=second, name="publish", now=NOW)
    assert Entry.objects.get().status == EntryStatus.WITHDRAWN and not public_entries().exists()
