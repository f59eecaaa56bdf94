"""Staff pages of the annual report workspace: tables, sections, the checks, drill-down, downloads.

annual-report.md §3–§4 and §6, applications.md §8–§9. A unit's staff see its
report; a supervisor of a people's government also sees each subordinate
unit's, read-only (everything here only reads). Other units get 403 through
xxgk.apps.units.access.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.apps.cases.models import ReviewKind
from xxgk.apps.catalogue.selectors import table2_entries
from xxgk.apps.reports import clock
from xxgk.apps.reports.charts import bar_chart_svg, t3_outcome_bars, t4_bars
from xxgk.apps.reports.checks import DRAFT_RULE, DRAFT_RULE_TITLE, Findings, run_checks, warning_key
from xxgk.apps.reports.selectors import (
    UnknownCell,
    annual_report,
    cell_ref,
    changes_since_frozen,
    latest_version,
    live_report,
    previous_report,
    report_build,
    report_years,
    review_cases_in_cell,
    t3_cases_in_cell,
    version_report,
)
from xxgk.apps.reports.services import ENTERED_FIGURES
from xxgk.apps.units.access import can_act, current_unit, roles_in, unit_access, visible_units
from xxgk.apps.units.models import Unit
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.privacy import mask_name
from xxgk.core.cases.vocab import APPLICANT_TYPES, CHANNELS
from xxgk.core.report.drafts import DRAFTED_SECTIONS
from xxgk.core.report.layout import SECTIONS, T2_BLOCKS
from xxgk.core.report.model import Report
from xxgk.core.report.rules import ERROR, FAIL, NOT_ASSESSABLE, PASS, RULES, RuleResult
from xxgk.core.report.workflow import (
    ACTIONS,
    STATE_LABELS,
    ReportState,
    TransitionRefused,
    due_date,
    is_late,
    transition,
)
from xxgk.documents.write import EXTENSIONS, MEDIA_TYPES
from xxgk.documents.write import render as render_report
from xxgk.documents.write_grid import report_tables
from xxgk.documents.write_html import table_html

log = logging.getLogger(__name__)

# the downloads offered on the page, in this order, with their Chinese names
DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("html", "网页（HTML）"),
    ("docx", "Word（DOCX）"),
    ("pdf", "PDF"),
    ("md", "Markdown"),
    ("json", "JSON"),
    ("cells", "单元格清单（CSV）"),
)
STATUS_LABELS = {PASS: gettext_lazy("通过"), FAIL: gettext_lazy("不通过"), NOT_ASSESSABLE: gettext_lazy("无法判断")}
SEVERITY_LABELS = {ERROR: gettext_lazy("错误"), "warning": gettext_lazy("警告")}
MIN_YEAR, MAX_YEAR = 2008, 2100  # 条例 in force since 2008


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(_("年度超出范围。"))


def default_year() -> int:
    """The year whose report is usually due now: last year (reports are published by 31 January)."""
    return clock.today().year - 1


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    """Send the user to the current unit's report of the chosen (or last) year."""
    unit = current_unit(request)
    if unit is None:
        return render(request, "reports/no_unit.html", status=200)
    year = request.GET.get("year", "")
    chosen = int(year) if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR else default_year()
    return redirect("reports:report", unit_id=unit.pk, year=chosen)


def _rule_title(rule: str) -> str:
    info = RULES.get(rule)
    if info is not None:
        return info.title
    return DRAFT_RULE_TITLE if rule == DRAFT_RULE else rule


def _rule_groups(results: list[RuleResult]) -> list[dict[str, Any]]:
    """The results grouped by rule, in the engine's order: the rule's overall status and every instance."""
    groups: dict[str, dict[str, Any]] = {}
    for result in results:
        info = RULES.get(result.rule)
        group = groups.setdefault(
            result.rule,
            {
                "rule": result.rule,
                "title": _rule_title(result.rule),
                "source": info.source if info else "",
                "severity_label": SEVERITY_LABELS.get(result.severity, result.severity),
                "severity": result.severity,
                "items": [],
            },
        )
        group["items"].append(
            {
                "status": result.status,
                "status_label": STATUS_LABELS.get(result.status, result.status),
                "is_error": result.status == FAIL and result.severity == ERROR,
                "message": result.message,
                "cells": ", ".join(result.cells[:6]) + ("…" if len(result.cells) > 6 else ""),
            }
        )
    for group in groups.values():
        statuses = [item["status"] for item in group["items"]]
        status = FAIL if FAIL in statuses else PASS if PASS in statuses else NOT_ASSESSABLE
        group.update(
            status=status,
            status_label=STATUS_LABELS.get(status, status),
            is_error=status == FAIL and group["severity"] == ERROR,
            is_warning=status == FAIL and group["severity"] != ERROR,
            counts={label: statuses.count(key) for key, label in STATUS_LABELS.items() if statuses.count(key)},
        )
    return list(groups.values())


def _subordinates(request: HttpRequest, unit: Unit) -> list[Unit]:
    below = unit.descendant_ids()
    if not below:
        return []
    return list(visible_units(request.user).filter(pk__in=below).order_by("name"))


def _link_for(unit: Unit, year: int) -> Callable[[str], str | None]:
    def link(address: str) -> str | None:
        try:
            cell_ref(address)
        except UnknownCell:
            return None
        return reverse("reports:cell", kwargs={"unit_id": unit.pk, "year": year, "address": address})

    return link


def _warnings_to_acknowledge(findings: Findings) -> list[dict[str, str]]:
    return [
        {"key": warning_key(w), "rule": w.rule, "title": _rule_title(w.rule), "message": w.message}
        for w in findings.to_acknowledge
    ]


@unit_access()
def report_page(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    """The report workspace: status, checks, sections to edit, tables 二/三/四 with drill-down, actions, downloads."""
    _check_year(year)
    annual = annual_report(unit, year)
    live = live_report(unit, year, annual)
    version = latest_version(annual) if annual is not None else None
    frozen = annual is not None and annual.state != ReportState.DRAFT and version is not None
    report = version_report(version) if frozen and version is not None else live
    previous = previous_report(unit, year)
    untouched = [k for k in DRAFTED_SECTIONS if annual is None or k not in annual.sections]
    findings = run_checks(report, previous, [] if frozen else untouched)
    results = findings.results
    tables = report_tables(report)
    link = _link_for(unit, year)
    roles = roles_in(request.user, unit)
    is_admin = bool(getattr(request.user, "is_superuser", False))
    state = annual.state if annual is not None else ReportState.DRAFT.value
    due = due_date(year, unit.report_due_month, unit.report_due_day)
    published = latest_version(annual, published=True)
    # table_html and bar_chart_svg escape every text they print, so their markup is safe to insert
    context = {
        "unit": unit,
        "year": year,
        "report": report,
        "annual": annual,
        "state": state,
        "state_label": STATE_LABELS.get(state, state) if annual is not None else _("尚未开始"),
        "version": version,
        "published": published,
        "due": due,
        "late": is_late(due, annual.first_published_on if annual else None, clock.today()),
        "frozen": frozen,
        "changes": changes_since_frozen(report, live) if frozen else [],
        "table2": mark_safe(table_html(tables["table2"], link=link)) if "table2" in tables else "",
        "table3": mark_safe(table_html(tables["table3"], link=link)) if "table3" in tables else "",
        "table4": mark_safe(table_html(tables["table4"], link=link)) if "table4" in tables else "",
        "outcome_chart": mark_safe(
            bar_chart_svg(t3_outcome_bars(report), title=_("本年度办理结果（按类别）"), link=link)
        ),
        "review_chart": mark_safe(bar_chart_svg(t4_bars(report), title=_("行政复议、行政诉讼案件数"), link=link)),
        "rules": _rule_groups(results),
        "errors": len(findings.errors),
        "warnings": len(findings.warnings),
        "to_acknowledge": _warnings_to_acknowledge(findings),
        "passed": sum(1 for r in results if r.status == PASS),
        "has_previous": previous is not None,
        "sections": _section_fields(report, untouched if not frozen else []),
        "t2_fields": _t2_fields(report),
        "editable": not frozen and state == ReportState.DRAFT and (is_admin or bool(roles)),
        "actions": _allowed_actions(state, roles, is_admin),
        "downloads": DOWNLOADS,
        "years": sorted({*report_years(unit), default_year(), year}, reverse=True),
        "read_only": not can_act(request.user, unit),
        "subordinates": _subordinates(request, unit),
        "can_import": (is_admin or bool(roles)) and (annual is None or annual.imported),
    }
    return render(request, "reports/report.html", context)


def _section_fields(report: Report, untouched: list[str]) -> list[dict[str, Any]]:
    headings = dict(SECTIONS)
    return [
        {
            "key": key,
            "heading": headings[key],
            "text": report.sections[key].text if key in report.sections else "",
            "untouched": key in untouched,
        }
        for key in DRAFTED_SECTIONS
    ]


def _t2_fields(report: Report) -> list[dict[str, str]]:
    """The table 二 figures entered by hand (the counted rows come from the catalogue)."""
    out = []
    for block in T2_BLOCKS:
        for row in block.rows:
            for column, label in block.columns:
                address = f"t2.{row.key}.{column}"
                if address in ENTERED_FIGURES:
                    value = report.cell(address).value
                    out.append({"address": address, "label": f"{row.label} · {label}", "value": value})
    return out


def _allowed_actions(state: str, roles: set[str], is_admin: bool) -> list[dict[str, str]]:
    out = []
    for key, step in ACTIONS.items():
        try:
            transition(state, key, roles, is_admin=is_admin)
        except TransitionRefused:
            continue
        out.append({"key": key, "label": step.label})
    return out


@unit_access()
def report_download(request: HttpRequest, unit: Unit, year: int, fmt: str) -> HttpResponse:
    """The report of ``year`` built from cases as a file: html, docx, pdf, md, json or cells."""
    _check_year(year)
    if fmt not in dict(DOWNLOADS):
        raise Http404(_("不支持的下载格式。"))
    data = render_report(report_build(unit=unit, year=year), fmt)
    filename = f"{unit.name}{year}年政府信息公开工作年度报告{EXTENSIONS[fmt]}"
    log.info("report download unit=%s year=%s format=%s", unit.pk, year, fmt)
    return HttpResponse(
        data,
        content_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _case_rows(cases: Any) -> list[dict[str, Any]]:
    """Cases for a list, personal data masked (applications.md §11): no identity, address, phone, e-mail."""
    return [
        {
            "pk": case.pk,
            "number": case.number,
            "receipt_date": case.receipt_date,
            "channel": CHANNELS.get(case.channel, case.channel),
            "applicant_type": APPLICANT_TYPES.get(case.applicant_type, case.applicant_type),
            "applicant": mask_name(case.applicant_name),
            "concluded_on": case.concluded_on,
            "outcome": OUTCOMES[case.outcome].label if case.outcome in OUTCOMES else "",
            "late": case.late,
        }
        for case in cases
    ]


@unit_access()
def report_cell(request: HttpRequest, unit: Unit, year: int, address: str) -> HttpResponse:
    """What one cell counts (the drill-down): catalogue entries (表二), cases (表三, names masked) or reviews (表四)."""
    _check_year(year)
    try:
        ref = cell_ref(address)
    except UnknownCell:
        raise Http404(_("没有这个单元格。")) from None
    context: dict[str, Any] = {"unit": unit, "year": year, "ref": ref, "label": ref.label}
    if ref.table == "t2":
        context["entries"] = list(table2_entries(unit=unit, year=year, address=ref.address) or [])
    elif ref.table == "t3":
        context["cases"] = _case_rows(t3_cases_in_cell([unit.pk], year, ref))
    else:
        kinds = dict(ReviewKind.choices)
        context["reviews"] = [
            {
                "kind": kinds.get(r.kind, r.kind),
                "body": r.body,
                "filed_on": r.filed_on,
                "result": r.result,
                "result_on": r.result_on,
                "application": r.application.number if r.application else "",
                "application_id": r.application_id,
            }
            for r in review_cases_in_cell([unit.pk], year, ref)
        ]
    return render(request, "reports/cell.html", context)
