"""A unit's public 政府信息公开年报 column: published reports in the official layout, PDF and DOCX downloads.

条例第四十九条: the report is published on the unit's portal. Only published
versions appear; a corrected report (更正) shows its newest published version
with the earlier ones listed below it. No login.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from xxgk.apps.reports.models import ReportVersion
from xxgk.apps.reports.selectors import published_versions, version_report
from xxgk.apps.units.models import Unit
from xxgk.core.report.layout import SECTIONS
from xxgk.documents.write import EXTENSIONS, MEDIA_TYPES
from xxgk.documents.write import render as render_report
from xxgk.documents.write_grid import report_tables
from xxgk.documents.write_html import table_html

__all__ = ["report_detail", "report_file", "report_list"]

log = logging.getLogger(__name__)
PUBLIC_FORMATS = {"pdf": "PDF", "docx": "Word（DOCX）"}


@require_GET
def report_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's published annual reports, newest year first, with their publication dates."""
    unit = get_object_or_404(Unit, pk=unit_id)
    years: dict[int, list[ReportVersion]] = {}
    for version in published_versions(unit):
        years.setdefault(version.report.year, []).append(version)
    rows = [{"year": year, "current": versions[0], "older": versions[1:]} for year, versions in years.items()]
    return render(request, "reports/public_list.html", {"unit": unit, "rows": rows, "formats": PUBLIC_FORMATS})


def _version(unit: Unit, year: int, number: str | None) -> tuple[ReportVersion, list[ReportVersion]]:
    versions = [v for v in published_versions(unit) if v.report.year == year]
    if not versions:
        raise Http404("该年度报告尚未公布。")
    if number is None or not number.isdigit():
        return versions[0], versions
    for version in versions:
        if version.number == int(number):
            return version, versions
    raise Http404("没有这个版本。")


@require_GET
def report_detail(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """One published report in the official layout (sections and tables), printable."""
    unit = get_object_or_404(Unit, pk=unit_id)
    version, versions = _version(unit, year, request.GET.get("version"))
    report = version_report(version)
    tables = report_tables(report)
    sections: list[dict[str, Any]] = []
    for key, heading in SECTIONS:
        section = report.sections.get(key)
        # table_html escapes every text it prints, so its markup is safe to insert
        table = mark_safe(table_html(tables[key])) if key in tables else ""
        sections.append({"key": key, "heading": heading, "text": section.text if section else "", "table": table})
    context = {
        "unit": unit,
        "year": year,
        "report": report,
        "version": version,
        "versions": versions,
        "is_latest": version == versions[0],
        "sections": sections,
        "formats": PUBLIC_FORMATS,
    }
    return render(request, "reports/public_detail.html", context)


@require_GET
def report_file(request: HttpRequest, unit_id: int, year: int, fmt: str) -> HttpResponse:
    """A published report as PDF or DOCX (rendered from the frozen version)."""
    if fmt not in PUBLIC_FORMATS:
        raise Http404("不支持的下载格式。")
    unit = get_object_or_404(Unit, pk=unit_id)
    version, _ = _version(unit, year, request.GET.get("version"))
    data = render_report(version_report(version), fmt)
    filename = f"{unit.name}{year}年政府信息公开工作年度报告{EXTENSIONS[fmt]}"
    log.info("public report download unit=%s year=%s version=%s format=%s", unit.pk, year, version.number, fmt)
    return HttpResponse(
        data,
        content_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
