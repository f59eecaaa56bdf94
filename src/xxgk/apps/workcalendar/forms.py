"""Forms of the workcalendar app: entering a year's schedule, uploading a list."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.core.calendar.holidays import FIRST_YEAR, LAST_YEAR, statutory_holidays

HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
EXTRA_ROWS = 2


class NoticeForm(forms.Form):
    """The year and the State Council notice a schedule comes from."""

    year = forms.IntegerField(label=_("年份"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    notice = forms.CharField(
        label=_("通知名称"), max_length=300, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    notice_number = forms.CharField(
        label=_("文号"), max_length=100, required=False, help_text=_("例如：国办发明电〔2026〕7号")
    )


class HolidayRangeForm(forms.Form):
    """One holiday range: name, first day, last day (a row left empty is ignored)."""

    name = forms.CharField(label=_("节日"), max_length=100, required=False)
    start = forms.DateField(
        label=_("放假开始"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("放假结束"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("请同时填写放假开始和结束日期。"))
        if start and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("请填写节日名称。"))
        return data


HolidayRangeFormSet = forms.formset_factory(HolidayRangeForm, extra=0)


def holiday_initial(year: int) -> list[dict]:
    """Initial rows: each statutory holiday of ``year`` with its statutory days, plus empty rows."""
    rows = []
    try:
        by_name: dict[str, list[dt.date]] = {}
        for h in statutory_holidays(year):
            by_name.setdefault(h.name, []).append(h.date)
    except ValueError:
        by_name = {}
    for name in HOLIDAY_NAMES:
        days = by_name.get(name)
        rows.append({"name": name, "start": days[0] if days else None, "end": days[-1] if days else None})
    return rows + [{"name": "", "start": None, "end": None}] * EXTRA_ROWS


class WorkdaysForm(forms.Form):
    """The weekend days declared working days (补班)."""

    workdays = forms.CharField(
        label=_("补班日期"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("调休上班的周六、周日，每行一个或用逗号分隔，格式 YYYY-MM-DD。"),
    )

    def clean_workdays(self) -> list[dt.date]:
        days = []
        for token in re.split(r"[\s,，、;；]+", self.cleaned_data["workdays"].strip()):
            if not token:
                continue
            try:
                days.append(dt.date.fromisoformat(token))
            except ValueError as exc:
                raise forms.ValidationError(
                    _("补班日期“%(token)s”无法识别，格式应为 YYYY-MM-DD。"), params={"token": token}
                ) from exc
        return days


class ListUploadForm(NoticeForm):
    """A schedule as a list: a file or pasted lines ``date,type[,name]``."""

    file = forms.FileField(label=_("清单文件（CSV/文本）"), required=False)
    text = forms.CharField(label=_("或粘贴清单"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload:
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    data["text"] = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("无法读取清单文件：请使用 UTF-8 或 GBK 编码的文本。"))
        if not (data.get("text") or "").strip():
            raise forms.ValidationError(_("请上传清单文件或粘贴清单内容。"))
        return data
