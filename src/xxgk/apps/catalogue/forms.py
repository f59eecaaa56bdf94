"""Forms of the catalogue staff pages: the draft, an upload, an action with its reason or time, the figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.apps.cases.forms import DateInput
from xxgk.apps.catalogue.models import DirectoryLine, UnitYearFigures, Version
from xxgk.apps.catalogue.services.drafting import DRAFT_FIELDS

__all__ = ["ActionForm", "AttachmentForm", "FiguresForm", "VersionForm"]


class VersionForm(forms.ModelForm):
    """The content of a draft: every metadata field of spec catalogue.md §3."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Version
        fields = list(DRAFT_FIELDS)
        widgets = {
            "formed_on": DateInput(),
            "effective_on": DateInput(),
            "lapsed_on": DateInput(),
            "repealed_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "correction_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "formed_on": _("信息形成或者变更之日；自该日起20个工作日内公开（条例第二十六条）。"),
            "kind": _("规章和行政规范性文件计入年度报告表二。"),
            "effective_on": _("规章、行政规范性文件必填。"),
            "keywords": _("多个关键词用空格或顿号分隔。"),
            "correction_note": _("更正已发布信息时说明更正了什么。"),
        }

    def __init__(self, *args: Any, unit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["formed_on"].required = True
        lines = DirectoryLine.objects.select_related("directory").order_by("directory__area", "position")
        if unit is not None:
            lines = lines.filter(directory__units=unit)
        self.fields["directory_line"].queryset = lines
        self.fields["directory_line"].label_from_instance = lambda line: f"{line.directory.area}：{line}"
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, effective = data.get("kind"), data.get("effective_on")
        if kind in ("规章", "行政规范性文件") and effective is None:
            self.add_error("effective_on", _("规章和行政规范性文件须填写生效日期。"))
        if data.get("validity") == "废止" and not data.get("repealed_on"):
            self.add_error("repealed_on", _("有效性为废止时须填写废止日期。"))
        if data.get("validity") == "失效" and not data.get("lapsed_on"):
            self.add_error("lapsed_on", _("有效性为失效时须填写失效日期。"))
        if effective and data.get("repealed_on") and data["repealed_on"] < effective:
            self.add_error("repealed_on", _("废止日期不能早于生效日期。"))
        return data

    def draft_fields(self) -> dict[str, Any]:
        """The cleaned values the services take."""
        return {name: self.cleaned_data.get(name) for name in DRAFT_FIELDS if name in self.cleaned_data}


class AttachmentForm(forms.Form):
    """One file to attach."""

    file = forms.FileField(label=_("附件（PDF、DOCX、XLSX或图片）"))


class ActionForm(forms.Form):
    """The reason of a send-back or withdrawal, the time of a scheduled publication, the version read."""

    reason = forms.CharField(label=_("理由"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    publish_at = forms.DateTimeField(
        label=_("发布时间"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_publish_at(self) -> dt.datetime | None:
        value = self.cleaned_data.get("publish_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class FiguresForm(forms.ModelForm):
    """Table 二's figures of one unit and year, with their source."""

    class Meta:
        model = UnitYearFigures
        fields = ["licensing", "punishment", "coercion", "fees", "source"]
        help_texts = {
            "fees": _("单位：万元，最多四位小数，例如12.35。"),
            "source": _("例如：行政执法信息平台导出数据、财务决算报表。"),
        }
