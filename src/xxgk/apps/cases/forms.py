"""Forms of the staff case pages: registering an application and the action forms of a case.

The receipt date rules are those of 条例第三十一条 (applications.md §2); each
action form carries the case ``version`` so that a stale form is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.core.calendar.deadline import MAX_EXTENSION_DAYS
from xxgk.core.cases.fees import FEE_METHOD_LABELS
from xxgk.core.cases.outcomes import grouped_outcomes
from xxgk.core.cases.vocab import APPLICANT_TYPES, CHANNELS

__all__ = ["ACTION_FIELDS", "CHANNEL_RULES", "ActionForm", "RegisterForm", "today"]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# form channel → (model channel, letter kind, receipt date rule of 条例第三十一条)
CHANNEL_RULES: dict[str, tuple[str, str, str]] = {
    "in_person": ("in_person", "", "当面提交的，以提交之日为收到申请之日。"),
    "letter_signed": ("letter", "签收", "以邮政、快递等需要签收的方式提交的，以本机关签收之日为收到申请之日。"),
    "letter_ordinary": (
        "letter",
        "平信",
        "以平常信函等无需签收的方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日"
        "（应于收到当日与申请人确认）。",
    ),
    "fax": ("fax", "", "以传真提交的，以双方确认之日为收到申请之日。"),
    "email": ("email", "", "以电子邮件提交的，以双方确认之日为收到申请之日。"),
}
CHANNEL_CHOICES = [
    ("in_person", _("当面提交")),
    ("letter_signed", _("信函（挂号信、快递等需签收）")),
    ("letter_ordinary", _("信函（平信）")),
    ("fax", _("传真")),
    ("email", _("电子邮件")),
]
IDENTITY_TYPES = [
    ("居民身份证", _("居民身份证")),
    ("护照", _("护照")),
    ("港澳居民来往内地通行证", _("港澳居民来往内地通行证")),
    ("台湾居民来往大陆通行证", _("台湾居民来往大陆通行证")),
    ("统一社会信用代码", _("统一社会信用代码（法人或其他组织）")),
    ("其他", _("其他证件")),
]
REQUESTED_FORMS = [("纸质", _("纸质")), ("电子", _("电子数据")), ("其他", _("其他"))]
REQUESTED_CHANNELS = [
    ("邮寄", _("邮寄")),
    ("电子邮件", _("电子邮件")),
    ("当面领取", _("当面领取")),
    ("传真", _("传真")),
    ("其他", _("其他")),
]
OUTCOME_CHOICES = grouped_outcomes()  # the 21 outcomes under their six groups, in statutory words


def today() -> dt.date:
    """Today in the site's time zone."""
    return timezone.localdate()


class DateInput(forms.DateInput):
    """An HTML date picker that round-trips ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegisterForm(forms.Form):
    """Register an application received in person, by letter, fax or e-mail (条例第二十九条、第三十一条)."""

    channel = forms.ChoiceField(label=_("申请方式"), choices=CHANNEL_CHOICES)
    receipt_date = forms.DateField(label=_("收到申请之日"), widget=DateInput())
    receipt_evidence = forms.CharField(
        label=_("收到日期的依据"),
        max_length=200,
        required=False,
        help_text=_("如：邮件签收单号、与申请人电话确认的时间和经办人、传真回执等。当面提交可不填。"),
    )
    evidence_file = forms.FileField(label=_("依据材料（可选）"), required=False)
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=list(APPLICANT_TYPES.items()))
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=100)
    identity_type = forms.ChoiceField(label=_("证件类型"), choices=IDENTITY_TYPES)
    identity_number = forms.CharField(label=_("证件号码"), max_length=50)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=50, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    items = forms.CharField(
        label=_("申请公开的政府信息"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项：信息名称、文号或便于查询的其他特征性描述。"),
    )
    requested_form = forms.ChoiceField(label=_("获取信息的形式"), choices=REQUESTED_FORMS)
    requested_channel = forms.ChoiceField(label=_("获取信息的途径"), choices=REQUESTED_CHANNELS)
    handler = forms.ModelChoiceField(
        label=_("承办人（可选）"),
        queryset=None,
        required=False,
        empty_label=_("暂不指派"),
        help_text=_("未指派的案件，到期提醒发给本单位全部承办人。"),
    )

    def __init__(self, *args: Any, unit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from xxgk.apps.cases.queries import unit_handlers

        field = self.fields["handler"]
        field.queryset = unit_handlers(unit) if unit is not None else get_user_model().objects.none()
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean_receipt_date(self) -> dt.date:
        """The receipt date cannot lie in the future."""
        day = self.cleaned_data["receipt_date"]
        if day > today():
            raise forms.ValidationError(_("收到申请之日不能晚于今天。"))
        return day

    def clean_evidence_file(self) -> Any:
        """Refuse uploads over 10 MB."""
        upload = self.cleaned_data.get("evidence_file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("依据材料不能超过10MB。"))
        return upload

    def clean_items(self) -> list[str]:
        """One requested item per non-empty line."""
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise forms.ValidationError(_("请至少填写一项申请公开的信息。"))
        return items

    def clean(self) -> dict[str, Any]:
        """Evidence for every channel but in person; at least one way to reach the applicant (第二十九条)."""
        data = super().clean()
        channel = data.get("channel")
        if channel and channel != "in_person" and not (data.get("receipt_evidence") or "").strip():
            self.add_error("receipt_evidence", CHANNEL_RULES[channel][2] + _("请写明确定收到日期的依据。"))
        if not any((data.get(k) or "").strip() for k in ("address", "phone", "email")):
            self.add_error("phone", _("请至少填写一种联系方式（通信地址、电话或电子邮箱）。"))
        return data

    def service_fields(self) -> dict[str, Any]:
        """The keyword arguments of the registration service."""
        data = self.cleaned_data
        channel, letter_kind, _rule = CHANNEL_RULES[data["channel"]]
        evidence = data["receipt_evidence"].strip() or ("当面提交" if channel == "in_person" else "")
        fields = {
            k: data[k]
            for k in (
                "applicant_type",
                "applicant_name",
                "identity_type",
                "identity_number",
                "address",
                "phone",
                "email",
                "requested_form",
                "requested_channel",
                "receipt_date",
                "items",
            )
        }
        return {
            **fields,
            "channel": channel,
            "letter_kind": letter_kind,
            "receipt_evidence": evidence,
            "handler": data.get("handler"),
        }


def _field(name: str) -> forms.Field:
    """The form field of one action input, by name."""
    text = {"max_length": 500}
    return {
        "what_to_add": forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}), **text),
        "supplement_by": forms.DateField(label=_("补正期限"), widget=DateInput()),
        "party": forms.CharField(label=_("征求意见对象"), max_length=100),
        "consultation_reason": forms.CharField(
            label=_("征求意见的事项和理由（写入征求意见书）"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            **text,
        ),
        "answer_party": forms.CharField(label=_("答复方（可不填）"), max_length=100, required=False),
        "co_producer": forms.BooleanField(label=_("对象为共同制作的行政机关（条例第三十四条）"), required=False),
        "answer": forms.ChoiceField(
            label=_("答复意见"),
            choices=[("consent", _("同意公开")), ("objection", _("不同意公开")), ("silent", _("逾期未答复"))],
        ),
        "method": forms.ChoiceField(
            label=_("收费方式"), choices=[(m.value, lab) for m, lab in FEE_METHOD_LABELS.items()]
        ),
        "quantity": forms.IntegerField(
            label=_("页数（按量计收）"),
            min_value=1,
            max_value=1_000_000,
            required=False,
            help_text=_("按件计收的件次由系统按本月申请计算，无须填写。"),
        ),
        "reduction": forms.IntegerField(label=_("减免金额（元）"), min_value=0, initial=0, required=False),
        "reduction_reason": forms.CharField(label=_("减免理由"), max_length=200, required=False),
        "notice_channel": forms.ChoiceField(
            label=_("通知送达方式"),
            choices=[("", _("同申请方式")), *CHANNELS.items()],
            required=False,
            help_text=_("通过申请人选择的方式送达；未登记收到日期的，按送达方式确定申请人收到通知之日。"),
        ),
        "notice_received_on": forms.DateField(
            label=_("申请人收到通知之日（已知的填写）"),
            required=False,
            widget=DateInput(),
            help_text=_("如邮寄签收之日；缴费期限自收到通知次日起计算第20个工作日。"),
        ),
        "receipt_number": forms.CharField(label=_("票据号码"), max_length=50),
        "working_days": forms.IntegerField(
            label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_DAYS, initial=MAX_EXTENSION_DAYS
        ),
        "reason": forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), **text),
        "note": forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}), **text),
        "outcome": forms.ChoiceField(label=_("办理结果"), choices=OUTCOME_CHOICES),
        "link": forms.CharField(label=_("已公开信息的获取途径（链接）"), max_length=300, required=False),
        "other_agency": forms.CharField(
            label=_("负责公开的机关及联系方式"),
            max_length=200,
            required=False,
            help_text=_("“本机关不掌握”且能够确定负责公开的机关的，应写明（条例第三十六条第（五）项）。"),
        ),
        "new_due": forms.DateField(label=_("告知申请人的答复期限"), widget=DateInput()),
    }[name]


# action → the inputs of its form besides the version and the date
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    "accept": ("note",),
    "request_supplement": ("what_to_add", "supplement_by"),
    "receive_supplement": ("note",),
    "send_consultation": ("party", "co_producer", "consultation_reason", "note"),
    "receive_consultation": ("answer_party", "answer", "note"),
    "send_fee_notice": (
        "method",
        "quantity",
        "reduction",
        "reduction_reason",
        "notice_channel",
        "notice_received_on",
    ),
    "record_payment": ("receipt_number",),
    "request_extension": ("working_days", "reason"),
    "approve_extension": ("working_days", "note"),
    "reject_extension": ("reason",),
    "draft_reply": ("outcome", "link", "other_agency", "note"),
    "supplement_lapsed": ("note",),
    "fee_lapsed": ("note",),
    "approve_reply": ("note",),
    "return_reply": ("reason",),
    "withdraw": ("note",),
    "split": (),
    "article35_reasons_requested": ("reason",),
    "article35_deadline": ("new_due", "reason"),
}


def _month_case_label(case: Any) -> str:
    """One earlier application of the month, as the handler checks it: number, receipt date, channel, origin."""
    origin = "，台账导入" if case.imported else ""
    return f"{case.number}（{case.receipt_date:%Y-%m-%d}收到，{CHANNELS.get(case.channel, '')}{origin}）"


class ActionForm(forms.Form):
    """The form of one case action: the case version, the date it happened and the action's own inputs."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = forms.DateField(label=_("办理日期"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        action: str,
        receipt_date: dt.date,
        items: list | None = None,
        month: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.action, self.receipt_date, self.items, self.month = action, receipt_date, items or [], month
        for name in ACTION_FIELDS[action]:
            self.fields[name] = _field(name)
        if action == "send_fee_notice" and month is not None and month.by_name:
            self.fields["same_applicant"] = forms.TypedMultipleChoiceField(
                label=_("按姓名匹配的申请（无证件号码可比对，请核对是否为同一申请人）"),
                choices=[(c.pk, _month_case_label(c)) for c in month.by_name],
                coerce=int,
                required=False,
                initial=[c.pk for c in month.by_name],
                widget=forms.CheckboxSelectMultiple,
            )
        if action in ("draft_reply", "split"):
            for item in self.items:
                self._add_item_fields(item)

    def _add_item_fields(self, item: Any) -> None:
        if self.action == "split":
            self.fields[f"group_{item.pk}"] = forms.IntegerField(
                label=item.description[:60], min_value=1, max_value=len(self.items), initial=1
            )
            return
        self.fields[f"decision_{item.pk}"] = forms.ChoiceField(
            label=item.description[:60], choices=[("", _("同办理结果")), *OUTCOME_CHOICES], required=False
        )
        self.fields[f"reason_{item.pk}"] = forms.CharField(
            label=_("理由（不予公开的须写明）"), max_length=500, required=False
        )

    def clean_on(self) -> dt.date:
        """The date lies between the receipt date and today."""
        day = self.cleaned_data["on"]
        if day > today():
            raise forms.ValidationError(_("办理日期不能晚于今天。"))
        if day < self.receipt_date:
            raise forms.ValidationError(_("办理日期不能早于收到申请之日。"))
        return day

    def clean(self) -> dict[str, Any]:
        """Cross-field rules: 补正 deadline after the notice; a reason for every fee reduction."""
        data = super().clean()
        on = data.get("on")
        if self.action == "request_supplement" and on and data.get("supplement_by") and data["supplement_by"] <= on:
            self.add_error("supplement_by", _("补正期限应晚于告知之日。"))
        if self.action == "article35_deadline" and on and data.get("new_due") and data["new_due"] <= on:
            self.add_error("new_due", _("告知的答复期限应晚于告知之日。"))
        received = data.get("notice_received_on")
        if self.action == "send_fee_notice" and on and received and not on <= received <= today():
            self.add_error("notice_received_on", _("收到通知之日应在发出通知之日与今天之间。"))
        if data.get("reduction") and not (data.get("reduction_reason") or "").strip():
            self.add_error("reduction_reason", _("减免收费必须写明理由。"))
        if self.action == "send_fee_notice" and data.get("method") == "by_pages" and not data.get("quantity"):
            self.add_error("quantity", _("按量计收须填写页数。"))
        return data

    def month_count(self) -> int:
        """The n-th application of the month (按件计收), with the name matches the handler confirmed."""
        if self.month is None:
            return int(self.cleaned_data.get("quantity") or 1)
        confirmed = self.cleaned_data.get("same_applicant") if "same_applicant" in self.fields else None
        return self.month.nth(confirmed or [])

    def counted(self) -> list[Any]:
        """The earlier applications of the month counted for 按件计收 (identity matches and confirmed names)."""
        if self.month is None:
            return []
        confirmed = set(self.cleaned_data.get("same_applicant") or [])
        return [*self.month.by_identity, *(c for c in self.month.by_name if c.pk in confirmed)]

    def details(self) -> dict[str, Any]:
        """The action's inputs as JSON-safe event details (dates as ISO text, empty inputs left out)."""
        out: dict[str, Any] = {}
        for name in ACTION_FIELDS[self.action]:
            value = self.cleaned_data.get(name)
            if value in (None, "", False) or name in ("method", "quantity", "reduction", "reduction_reason", "outcome"):
                continue
            out["party" if name == "answer_party" else name] = (
                value.isoformat() if isinstance(value, dt.date) else value
            )
        if self.action == "send_fee_notice" and self.cleaned_data.get("method") == "per_application":
            out["month_count"] = self.month_count()
            if counted := self.counted():
                out["month_cases"] = "、".join(c.number for c in counted)
        return out

    def decisions(self) -> dict[int, tuple[str, str]]:
        """Per requested item: (decision, reason) of a draft reply."""
        return {
            item.pk: (
                self.cleaned_data.get(f"decision_{item.pk}") or "",
                self.cleaned_data.get(f"reason_{item.pk}") or "",
            )
            for item in self.items
        }

    def groups(self) -> list[list[str]]:
        """The items of each new case of a split (一事一申请), in group order."""
        by_group: dict[int, list[str]] = {}
        for item in self.items:
            by_group.setdefault(self.cleaned_data[f"group_{item.pk}"], []).append(item.description)
        return [by_group[k] for k in sorted(by_group)]

    def fee(self) -> dict[str, Any]:
        """The fee inputs of a 收费通知 (国办函〔2020〕109号); 按件计收 counts the month's applications."""
        data = self.cleaned_data
        per_application = data["method"] == "per_application"
        return {
            "method": data["method"],
            "quantity": self.month_count() if per_application else data["quantity"],
            "reduction": data.get("reduction") or 0,
            "reduction_reason": data.get("reduction_reason") or "",
        }
