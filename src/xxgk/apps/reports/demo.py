"""Demo annual reports: 2024 reports imported for every unit, 2025 reports in every state of the county view.

Idempotent: a unit and year that already has a report is left alone. Every
write goes through the services (and so through the engine's checks), as a
person would make it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model

from xxgk.apps.reports.checks import run_checks, warning_key
from xxgk.apps.reports.models import AnnualReport
from xxgk.apps.reports.selectors import live_report, previous_report
from xxgk.apps.reports.services import (
    ReportRefused,
    read_upload,
    report_act,
    report_import,
    report_publish,
    report_save,
    report_submit,
    report_workspace,
    untouched_sections,
)
from xxgk.apps.units.models import Unit
from xxgk.documents.write import render

__all__ = ["load_demo_reports"]

log = logging.getLogger(__name__)

HISTORY_YEAR, DEMO_YEAR = 2024, 2025
HISTORY_PUBLISHED_ON = dt.date(2025, 1, 24)
# unit → what its 2025 report shows in the county view
PLAN = {
    "勍香镇人民政府": ("published", dt.date(2026, 1, 22)),
    "示例县教育局": ("published", dt.date(2026, 2, 6)),  # late: after 31 January
    "青石镇人民政府": ("submitted", None),
    "示例县自然资源局": ("draft_text_numbers", None),
    # 示例县城关街道办事处: not started
}


def _import_history(unit: Unit) -> None:
    """The unit's 2024 report, written as a published text file would be and read back by the engine."""
    if AnnualReport.objects.filter(unit=unit, year=HISTORY_YEAR).exists():
        return
    text = render(live_report(unit, HISTORY_YEAR), "txt")
    report = read_upload(text, f"{unit.name}{HISTORY_YEAR}年政府信息公开工作年度报告.txt")
    report_import(
        unit=unit,
        year=HISTORY_YEAR,
        report=report,
        source_name=f"{unit.name}{HISTORY_YEAR}年政府信息公开工作年度报告.txt",
        published_on=HISTORY_PUBLISHED_ON,
    )


def _submit(annual: AnnualReport, actor: object) -> None:
    report = live_report(annual.unit, annual.year, annual)
    findings = run_checks(report, previous_report(annual.unit, annual.year), untouched_sections(annual))
    report_submit(annual=annual, actor=actor, acknowledged=[warning_key(w) for w in findings.to_acknowledge])


def _make_2025(unit: Unit, plan: str, published_on: dt.date | None, actor: object) -> None:
    if AnnualReport.objects.filter(unit=unit, year=DEMO_YEAR).exists():
        return
    annual = report_workspace(unit=unit, year=DEMO_YEAR)
    problems = (
        "存在的主要问题：部分依申请公开案件办理时间偏长，主动公开栏目更新不够及时。\n\n"
        f"改进情况：{DEMO_YEAR + 1}年将建立案件到期提醒制度，每月检查栏目更新情况。"
    )
    sections = {"problems": problems}
    if plan == "draft_text_numbers":
        overview = live_report(unit, DEMO_YEAR, annual).sections["overview"].text
        received = live_report(unit, DEMO_YEAR, annual).cell("t3.new_received.total").value
        wrong = int(received or 0) + 2
        sections["overview"] = overview.replace(f"新收政府信息公开申请{received}件", f"新收政府信息公开申请{wrong}件")
    annual = report_save(annual=annual, actor=actor, sections=sections, t2={}, lock=annual.version_lock)
    if plan == "draft_text_numbers":
        return
    _submit(annual, actor)
    if plan == "submitted":
        return
    report_act(annual=annual, actor=actor, action="approve")
    if published_on is not None:
        report_publish(annual=annual, actor=actor, today=published_on)


def load_demo_reports() -> int:
    """Create the demo reports where missing; return how many units were visited."""
    actor = get_user_model().objects.filter(username="admin", is_superuser=True).first()
    county = Unit.objects.filter(name="示例县人民政府").first()
    if county is None or actor is None:
        return 0
    units = list(Unit.objects.filter(pk__in=county.descendant_ids()).order_by("name"))
    for unit in units:
        try:
            _import_history(unit)
            plan = PLAN.get(unit.name)
            if plan is not None:
                _make_2025(unit, plan[0], plan[1], actor)
        except ReportRefused as exc:  # the demo must still load; say which report was left out
            log.warning("demo report of %s left out: %s", unit.name, exc)
    return len(units)
