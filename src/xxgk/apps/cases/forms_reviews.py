"""Forms of the review/litigation pages and of the ledger upload (applications.md §8, §10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.apps.cases.models import Case, ReviewCase, ReviewKind
from xxgk.apps.units.models import Unit

__all__ = ["ConcludeReviewForm", "LedgerExportForm", "LedgerUploadForm", "RegisterReviewForm"]

RESULT_GROUPS = {"upheld": _("结果维持"), "corrected": _("结果纠正"), "other": _("其他结果")}
MAX_LEDGER_BYTES = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    """An HTML date picker that round-trips ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_future(day: dt.date, message: str) -> dt.date:
    if day > timezone.localdate():
        raise forms.ValidationError(message)
    return day


class RegisterReviewForm(forms.Form):
    """Register a review or lawsuit about one of the unit's applications (applications.md §8)."""

    kind = forms.ChoiceField(label=_("类型"), choices=ReviewKind.choices)
    application = forms.CharField(
        label=_("涉及的申请（编号）"), max_length=40, help_text=_("本单位依申请公开案件的编号，如 2025-0001。")
    )
    body = forms.CharField(label=_("复议机关或法院"), max_length=100)
    filed_on = forms.DateField(label=_("立案日期"), widget=DateInput())

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["application"].widget.attrs["list"] = "case-numbers"

    def clean_application(self) -> Case:
        """The number must name an application of this unit."""
        number = self.cleaned_data["application"].strip()
        case = Case.objects.filter(unit=self.unit, number=number).first()
        if case is None:
            raise forms.ValidationError(_("本单位没有编号为“%(number)s”的申请。"), params={"number": number})
        return case

    def clean_filed_on(self) -> dt.date:
        """A filing date cannot lie in the future."""
        return _not_future(self.cleaned_data["filed_on"], _("立案日期不能晚于今天。"))

    def clean(self) -> dict[str, Any]:
        """A review or lawsuit is filed after the application was received."""
        data = super().clean()
        case, filed_on = data.get("application"), data.get("filed_on")
        if case is not None and filed_on is not None and filed_on < case.receipt_date:
            self.add_error("filed_on", _("立案日期不能早于该申请的收到日期。"))
        return data


class ConcludeReviewForm(forms.Form):
    """Record the result of a review or lawsuit, chosen from the configurable mapping (applications.md §8)."""

    result = forms.ChoiceField(label=_("结果"))
    result_on = forms.DateField(label=_("结案日期"), widget=DateInput())

    def __init__(self, *args: Any, review: ReviewCase, mapping: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        grouped: dict[str, list[tuple[str, str]]] = {key: [] for key in RESULT_GROUPS}
        for phrase, key in sorted(mapping.items()):
            grouped.setdefault(key, []).append((phrase, phrase))
        self.fields["result"].choices = [("", "——")] + [
            (str(RESULT_GROUPS.get(key, key)), choices) for key, choices in grouped.items() if choices
        ]

    def clean_result_on(self) -> dt.date:
        """The result date lies between the filing date and today."""
        day = _not_future(self.cleaned_data["result_on"], _("结案日期不能晚于今天。"))
        if day < self.review.filed_on:
            raise forms.ValidationError(_("结案日期不能早于立案日期。"))
        return day


class LedgerUploadForm(forms.Form):
    """A ledger file to check and then import (applications.md §10)."""

    file = forms.FileField(label=_("台账文件"), help_text=_("CSV（UTF-8 或 GBK 编码）或 XLSX，第一行为表头。"))

    def clean_file(self) -> Any:
        """Only .csv or .xlsx, at most 5 MB."""
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("台账文件的扩展名应为 .csv 或 .xlsx。"))
        if upload.size > MAX_LEDGER_BYTES:
            raise forms.ValidationError(_("台账文件不能超过 5 MB，请分批导入。"))
        return upload


class LedgerExportForm(forms.Form):
    """Which cases to export and as what (applications.md §10–§11)."""

    year = forms.IntegerField(label=_("收到年度（可不填）"), required=False, min_value=2008, max_value=2100)
    format = forms.ChoiceField(label=_("格式"), choices=[("csv", "CSV"), ("xlsx", "XLSX")])
