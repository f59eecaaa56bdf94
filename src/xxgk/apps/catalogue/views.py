"""Staff pages of the catalogue: the list and work lists, drafting, review with the scan's findings, publication.

Every view checks access through xxgk.apps.units.access (the entry's unit, or
the unit chosen in the header); writes go through the catalogue services,
whose refusals (Chinese) are shown as messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.apps.catalogue import services
from xxgk.apps.catalogue.forms import ActionForm, AttachmentForm, FiguresForm, VersionForm
from xxgk.apps.catalogue.models import Attachment, Entry, EntryStatus, ScanFinding, UnitYearFigures, Version
from xxgk.apps.catalogue.selectors import drafts_due, late_publications
from xxgk.apps.catalogue.services.drafting import max_attachment_bytes
from xxgk.apps.catalogue.services.figures import FIGURE_ROLES, figures_save
from xxgk.apps.units.access import can_act, current_unit, require_act, require_view
from xxgk.apps.units.audit import client_ip
from xxgk.apps.units.models import AuditEntry
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.catalogue.deadline import publication_due
from xxgk.core.catalogue.metadata import ITEM_LABELS
from xxgk.core.catalogue.states import ACTIONS, MEMBERSHIP_ROLES, OPEN_STATES, Role, State, TransitionError

PAGE_SIZE = 50
AUTHOR_ROLES = MEMBERSHIP_ROLES[Role.AUTHOR]
REVIEWER_ROLES = MEMBERSHIP_ROLES[Role.REVIEWER]
# list key → (label, filter on the newest version's state or the entry's status)
LISTS: dict[str, tuple[str, dict[str, Any]]] = {
    "all": (_("全部"), {}),
    "drafts": (_("草稿"), {"versions__state": State.DRAFT.value}),
    "review": (_("待审核"), {"versions__state": State.SUBMITTED.value}),
    "pending": (_("待发布"), {"versions__state__in": [State.APPROVED.value, State.SCHEDULED.value]}),
    "published": (_("已发布"), {"status": EntryStatus.PUBLISHED}),
    "withdrawn": (_("已撤回"), {"status": EntryStatus.WITHDRAWN}),
}
ERRORS = (TransitionError, PermissionDenied, services.VersionChanged, services.AttachmentRefused)


def _today() -> dt.date:
    return timezone.localdate()


def _unit(request: HttpRequest) -> Any:
    unit = current_unit(request)
    if unit is None:
        raise PermissionDenied(_("您尚未加入任何单位，请联系单位管理员为您分配角色。"))
    require_view(request.user, unit)
    return unit


def _entry(request: HttpRequest, entry_id: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("unit", "current"), pk=entry_id)
    require_view(request.user, entry.unit)
    return entry


AUDIT_LABELS = {
    "catalogue.draft": _("起草"),
    "catalogue.edit": _("修改草稿"),
    "catalogue.attach": _("上传附件"),
    "catalogue.detach": _("删除附件"),
    "catalogue.acknowledge": _("确认发布前检查结果"),
    "catalogue.correct": _("开始更正"),
    **{f"catalogue.{name}": a.label for name, a in ACTIONS.items()},
}


def _audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, _("其他操作"))


def _refused(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, str(exc.args[0]) if exc.args else str(exc))


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """The current unit's entries by list (草稿, 待审核, 待发布, 已发布, 已撤回), drafts due soon, late items."""
    unit = _unit(request)
    key = request.GET.get("list", "all")
    if key not in LISTS:
        key = "all"
    entries = Entry.objects.filter(unit=unit, **LISTS[key][1]).distinct().select_related("current")
    if key in ("drafts", "review", "pending"):
        entries = entries.filter(versions__state__in=[s.value for s in OPEN_STATES])
    query = request.GET.get("q", "").strip()[:100]
    if query:
        entries = entries.filter(versions__title__icontains=query).distinct()
    page = Paginator(entries.order_by("-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for entry in page:
        latest = entry.latest_version()
        rows.append({"entry": entry, "version": latest})
    calendar = load_calendar()
    today = _today()
    context = {
        "unit": unit,
        "lists": [(k, label) for k, (label, _f) in LISTS.items()],
        "current_list": key,
        "query": query,
        "page": page,
        "rows": rows,
        "due": drafts_due(unit=unit, today=today, calendar=calendar),
        "late": late_publications(unit_ids=[unit.pk], year=today.year, calendar=calendar),
        "year": today.year,
        "can_draft": can_act(request.user, unit, *AUTHOR_ROLES),
        "can_figures": can_act(request.user, unit, *FIGURE_ROLES),
    }
    return render(request, "catalogue/list.html", context)


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    """Draft a new entry in the current unit."""
    unit = _unit(request)
    require_act(request.user, unit, *AUTHOR_ROLES)
    form = VersionForm(request.POST or None, unit=unit, initial={"publisher": unit.name, "formed_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                actor=request.user, unit=unit, fields=form.draft_fields(), ip=client_ip(request)
            )
        except ERRORS as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("草稿已保存。可以上传附件，然后提交审核。"))
            return redirect("catalogue:detail", entry_id=entry.pk)
    return render(request, "catalogue/edit.html", {"unit": unit, "form": form, "entry": None})


def _actions(request: HttpRequest, entry: Entry, working: Version | None) -> list[tuple[str, str]]:
    """The actions the user may take now on this entry, as (name, label)."""
    user, unit = request.user, entry.unit
    names: list[str] = []
    if working is not None:
        state = State(working.state)
        names += [a.name for a in ACTIONS.values() if state in a.allowed_from and a.role is not Role.SYSTEM]
    if entry.status == EntryStatus.PUBLISHED and entry.current is not None:
        # a published entry can be withdrawn even while a correction of it is under way
        names += ["withdraw"] if working is not None else ["withdraw", "correct"]
    allowed = []
    for name in dict.fromkeys(names):
        roles = MEMBERSHIP_ROLES[ACTIONS[name].role]
        if can_act(user, unit, *roles):
            allowed.append((name, ACTIONS[name].label))
    return allowed


@login_required
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    """An entry: its metadata, attachments, the scan's findings, actions, versions and audit trail."""
    entry = _entry(request, entry_id)
    working = entry.open_version()
    shown = working or entry.current or entry.latest_version()
    calendar = load_calendar()
    due = publication_due(shown.formed_on, calendar) if shown and shown.formed_on else None
    audit_rows = [
        {"at": row.at, "actor": row.actor_name, "label": _audit_label(row.action), "reason": row.details.get("reason")}
        for row in AuditEntry.objects.filter(object_type="catalogue.entry", object_id=str(entry.pk)).order_by(
            "at", "pk"
        )
    ]
    context = {
        "entry": entry,
        "unit": entry.unit,
        "working": working,
        "shown": shown,
        "item_label": ITEM_LABELS.get(shown.item, "") if shown else "",
        "attachments": list(shown.attachments.all()) if shown else [],
        "findings": list(working.findings.select_related("acknowledged_by")) if working else [],
        "actions": _actions(request, entry, working),
        "versions": entry.versions.order_by("-number").select_related("author", "reviewed_by", "published_by"),
        "audit_rows": audit_rows,
        "due": due,
        "today": _today(),
        "can_edit": working is not None
        and working.state == State.DRAFT
        and can_act(request.user, entry.unit, *AUTHOR_ROLES),
        "can_ack": working is not None
        and working.state == State.SUBMITTED
        and can_act(request.user, entry.unit, *REVIEWER_ROLES),
        "attachment_form": AttachmentForm(),
        "max_mb": max_attachment_bytes() // (1024 * 1024),
    }
    return render(request, "catalogue/detail.html", context)


@login_required
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Edit the entry's draft (the open version, while it is a draft)."""
    entry = _entry(request, entry_id)
    require_act(request.user, entry.unit, *AUTHOR_ROLES)
    working = entry.open_version()
    if working is None or working.state != State.DRAFT:
        messages.error(request, _("只有草稿可以修改。"))
        return redirect("catalogue:detail", entry_id=entry.pk)
    form = VersionForm(request.POST or None, instance=working, unit=entry.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=working,
                fields=form.draft_fields(),
                lock_version=form.cleaned_data.get("lock_version"),
                ip=client_ip(request),
            )
        except ERRORS as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("catalogue:detail", entry_id=entry.pk)
    return render(request, "catalogue/edit.html", {"unit": entry.unit, "form": form, "entry": entry})


@login_required
@require_POST
def attachment_upload(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Attach a file to the draft (size checked before it is read)."""
    entry = _entry(request, entry_id)
    require_act(request.user, entry.unit, *AUTHOR_ROLES)
    working = entry.open_version()
    form = AttachmentForm(request.POST, request.FILES)
    if working is None or not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("catalogue:detail", entry_id=entry.pk)
    upload = form.cleaned_data["file"]
    if upload.size > max_attachment_bytes():
        messages.error(request, _("附件不能超过%(mb)dMB。") % {"mb": max_attachment_bytes() // (1024 * 1024)})
        return redirect("catalogue:detail", entry_id=entry.pk)
    try:
        services.attachment_add(
            actor=request.user, version=working, name=upload.name, data=upload.read(), ip=client_ip(request)
        )
    except ERRORS as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("附件已上传，文字已提取，提交审核时一并检查。"))
    return redirect("catalogue:detail", entry_id=entry.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Remove an attachment from the draft."""
    attachment = get_object_or_404(Attachment.objects.select_related("version__entry"), pk=attachment_id)
    entry = _entry(request, attachment.version.entry_id)
    try:
        services.attachment_remove(actor=request.user, attachment=attachment, ip=client_ip(request))
    except ERRORS as exc:
        _refused(request, exc)
    return redirect("catalogue:detail", entry_id=entry.pk)


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Staff open an attachment of any version they may see."""
    attachment = get_object_or_404(Attachment.objects.select_related("version__entry"), pk=attachment_id)
    _entry(request, attachment.version.entry_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def entry_action(request: HttpRequest, entry_id: int, name: str) -> HttpResponse:
    """Take one action on the entry's open version (or its published one: withdraw, correct)."""
    entry = _entry(request, entry_id)
    if name not in ACTIONS or ACTIONS[name].role is Role.SYSTEM:
        messages.error(request, _("未知的操作。"))
        return redirect("catalogue:detail", entry_id=entry.pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("catalogue:detail", entry_id=entry.pk)
    ip = client_ip(request)
    try:
        if name == "correct":
            version = services.entry_correct(actor=request.user, entry=entry, ip=ip)
            messages.success(request, _("已生成第%(n)d版更正稿，修改后提交审核。") % {"n": version.number})
            return redirect("catalogue:edit", entry_id=entry.pk)
        target = entry.current if name == "withdraw" else entry.open_version()
        if target is None:
            raise TransitionError(_("该条目当前没有可以执行此操作的稿件。"))
        services.version_transition(
            actor=request.user,
            version=target,
            name=name,
            reason=form.cleaned_data.get("reason") or "",
            publish_at=form.cleaned_data.get("publish_at"),
            lock_version=form.cleaned_data.get("lock_version"),
            ip=ip,
        )
    except ERRORS as exc:
        _refused(request, exc)
    else:
        entry.refresh_from_db()
        done = ACTIONS[name].label
        if name == "publish":
            messages.success(request, _("已发布，索引号 %(n)s。") % {"n": entry.index_number})
        else:
            messages.success(request, _("已完成：%(action)s。") % {"action": done})
    return redirect("catalogue:detail", entry_id=entry.pk)


@login_required
@require_POST
def finding_acknowledge(request: HttpRequest, finding_id: int) -> HttpResponse:
    """The reviewer confirms one finding of the scan may be published."""
    finding = get_object_or_404(ScanFinding.objects.select_related("version__entry"), pk=finding_id)
    entry = _entry(request, finding.version.entry_id)
    try:
        services.finding_acknowledge(
            actor=request.user, finding=finding, note=request.POST.get("note", ""), ip=client_ip(request)
        )
    except ERRORS as exc:
        _refused(request, exc)
    if request.headers.get("HX-Request"):
        finding.refresh_from_db()
        context = {"f": finding, "can_ack": can_act(request.user, entry.unit, *REVIEWER_ROLES)}
        return render(request, "catalogue/_finding_row.html", context)
    return redirect(f"{entry.get_absolute_url()}#findings")


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Table 二's figures of the current unit for a year: shown to every member, entered by reviewers and admins."""
    unit = _unit(request)
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or _today().year - 1)
    except ValueError:
        year = _today().year - 1
    year = min(max(year, 2000), 2100)
    stored = UnitYearFigures.objects.filter(unit=unit, year=year).first()
    can_edit = can_act(request.user, unit, *FIGURE_ROLES)
    form = FiguresForm(request.POST or None, instance=stored)
    if request.method == "POST":
        require_act(request.user, unit, *FIGURE_ROLES)
        if form.is_valid():
            data = form.cleaned_data
            figures_save(
                actor=request.user,
                unit=unit,
                year=year,
                licensing=data["licensing"],
                punishment=data["punishment"],
                coercion=data["coercion"],
                fees=data["fees"],
                source=data["source"],
                ip=client_ip(request),
            )
            messages.success(request, _("%(year)d年表二数据已保存。") % {"year": year})
            return redirect(f"{request.path}?year={year}")
    from xxgk.apps.catalogue.selectors import table2_cells

    context = {
        "unit": unit,
        "year": year,
        "form": form,
        "stored": stored,
        "can_edit": can_edit,
        "cells": table2_cells(unit=unit, year=year),
        "years": list(range(_today().year, _today().year - 6, -1)),
    }
    return render(request, "catalogue/figures.html", context)
