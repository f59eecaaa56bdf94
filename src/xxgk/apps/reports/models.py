"""The annual report workspace: one report per unit and year, its frozen versions and the acknowledged warnings.

A report's numbers are live (built from cases and the catalogue) while it is a
draft; submission stores the whole report as it will be published in a
:class:`ReportVersion` (the engine's JSON form), and everything later reads
that version. A correction (更正) opens the next version; earlier ones are
kept. A report read from a file (history import) is a published version too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.core.report.workflow import STATE_LABELS, ReportState

__all__ = ["AnnualReport", "ReportVersion"]


class AnnualReport(models.Model):
    """A unit's 政府信息公开工作年度报告 of one year: its state, edited sections and entered table 二 figures."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    state = models.CharField(
        _("状态"), max_length=20, choices=list(STATE_LABELS.items()), default=ReportState.DRAFT.value
    )
    # key → plain text as edited; a drafted section missing here is still the generated draft of the live data
    sections = models.JSONField(_("正文"), default=dict, blank=True)
    imported = models.BooleanField(_("由文件导入"), default=False)
    first_published_on = models.DateField(_("首次公布日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    version_lock = models.PositiveIntegerField(default=0)  # optimistic lock against concurrent edits

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["unit__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="reports_annualreport_unit_year"),
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in ReportState]), name="reports_annualreport_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}{self.year}年度报告"


class ReportVersion(models.Model):
    """A frozen report: the whole document as submitted (or imported), with its approval and publication."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    content = models.TextField(_("报告内容（JSON）"))
    # what the county view needs without reading the whole report: address → value as in the flat cell export,
    # and the failed errors and warnings of the checks at freezing (against the previous year's report then)
    cells = models.JSONField(_("单元格"), default=dict, blank=True)
    errors = models.PositiveIntegerField(_("错误数"), default=0)
    warnings = models.PositiveIntegerField(_("警告数"), default=0)
    source_name = models.CharField(_("导入文件名"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged = models.JSONField(_("已确认的警告"), default=list, blank=True)  # [{rule, message}]
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    correction_note = models.CharField(_("更正说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("年度报告版本")
        verbose_name_plural = _("年度报告版本")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_reportversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"
