"""The writes of the report workspace: save the sections and table 二, the workflow steps, the history upload.

Thin views: parse the form, call one service, say what happened in Chinese
and go back to the workspace.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xxgk.apps.reports import clock
from xxgk.apps.reports.selectors import annual_report
from xxgk.apps.reports.services import (
    ENTERED_FIGURES,
    MAX_IMPORT_BYTES,
    ReportRefused,
    read_upload,
    report_act,
    report_correct,
    report_import,
    report_publish,
    report_save,
    report_submit,
    report_workspace,
)
from xxgk.apps.units.access import unit_access
from xxgk.apps.units.models import Unit
from xxgk.core.report.drafts import DRAFTED_SECTIONS
from xxgk.core.report.rules import cell_name, check
from xxgk.core.report.workflow import ACTIONS

log = logging.getLogger(__name__)

__all__ = ["report_action", "report_import_upload", "report_save_view"]

# the figures shown after an import, so the person sees what was read
KEY_CELLS = (
    "t3.new_received.total",
    "t3.carried_over.total",
    "t3.total_processed.total",
    "t3.carried_forward.total",
    "t4.review.total",
    "t4.litigation_direct.total",
    "t4.litigation_after_review.total",
)
_DONE = {
    "submit": "年度报告已提交审核，数字已冻结。",
    "return": "年度报告已退回修改。",
    "approve": "年度报告已审核通过，可以公布。",
    "publish": "年度报告已在本单位“政府信息公开年报”栏目公布。",
    "correct": "已开始更正：修改后重新提交、审核、公布即为新版本，原版本保留。",
}


def _back(unit: Unit, year: int, anchor: str = "") -> HttpResponse:
    response = redirect("reports:report", unit_id=unit.pk, year=year)
    response["Location"] += anchor
    return response


@require_POST
@unit_access(act=True)
def report_save_view(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """Save the edited sections 一/五/六 and the table 二 figures of a draft."""
    annual = report_workspace(unit=unit, year=year)
    sections = {key: request.POST[f"section_{key}"] for key in DRAFTED_SECTIONS if f"section_{key}" in request.POST}
    t2 = {a: request.POST[a] for a in ENTERED_FIGURES if a in request.POST}
    try:
        lock = int(request.POST.get("lock", ""))
    except ValueError:
        lock = -1
    try:
        report_save(annual=annual, actor=request.user, sections=sections, t2=t2, lock=lock)
    except ReportRefused as exc:
        messages.error(request, exc.message_zh)
        log.info("report save refused unit=%s year=%s: %s", unit.pk, year, exc)
        return _back(unit, year, "#edit")
    messages.success(request, "已保存。")
    return _back(unit, year, "#checks")


@require_POST
@unit_access(act=True)
def report_action(request: HttpRequest, unit: Unit, year: int, action: str) -> HttpResponse:
    """Take one workflow step (提交、退回、审核、公布、更正); refusals are shown in Chinese."""
    if action not in ACTIONS:
        raise Http404("没有这项操作。")
    annual = report_workspace(unit=unit, year=year) if action == "submit" else annual_report(unit, year)
    if annual is None:
        messages.error(request, "该年度报告尚未开始编写。")
        return _back(unit, year)
    try:
        if action == "submit":
            report_submit(annual=annual, actor=request.user, acknowledged=request.POST.getlist("acknowledge"))
        elif action in ("return", "approve"):
            report_act(annual=annual, actor=request.user, action=action)
        elif action == "publish":
            report_publish(annual=annual, actor=request.user, today=clock.today())
        else:
            report_correct(annual=annual, actor=request.user, note=request.POST.get("note", ""))
    except ReportRefused as exc:
        messages.error(request, exc.message_zh)
        if exc.findings is not None:
            for result in exc.findings.blocking[:10]:
                messages.error(request, f"{result.rule}：{result.message}")
        log.info("report %s refused unit=%s year=%s: %s", action, unit.pk, year, exc)
        return _back(unit, year, "#checks")
    messages.success(request, _DONE[action])
    return _back(unit, year)


@unit_access(act=True)
def report_import_upload(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """Upload an earlier published report of ``year``: show what was read and store it, or store nothing."""
    context: dict[str, object] = {"unit": unit, "year": year, "max_mb": MAX_IMPORT_BYTES // 1024 // 1024}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要导入的年度报告文件。"
        elif upload.size is not None and upload.size > MAX_IMPORT_BYTES:
            context["error"] = f"文件超过{context['max_mb']}MB，不能导入。"
        else:
            try:
                report = read_upload(upload.read(), upload.name or "")
                version = report_import(
                    unit=unit, year=year, report=report, source_name=upload.name or "", actor=request.user
                )
            except ReportRefused as exc:
                context["error"] = exc.message_zh
                log.info("report upload refused unit=%s year=%s: %s", unit.pk, year, exc)
            else:
                figures = [(cell_name(a), report.cell(a).value) for a in KEY_CELLS]
                context.update(report=report, version=version, results=check(report), figures=figures)
    status = 400 if "error" in context else 200
    return render(request, "reports/import.html", context, status=status)
