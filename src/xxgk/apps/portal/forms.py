"""The online application form (条例第二十九条) and its requested-item rows.

A person (自然人) gives a name and an identity document; an organisation
gives its name, 统一社会信用代码, legal representative and contact person.
Everyone gives an address and a phone, the information wanted (one or more
items), the form and channel wanted, an identity document upload and the
declaration that the statements are true. The CAPTCHA answer and the
honeypot field are checked by the view, not here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.apps.portal.identity import credit_code_error, resident_id_error
from xxgk.apps.portal.uploads import validate_identity_file
from xxgk.core.cases.vocab import APPLICANT_TYPES

__all__ = [
    "HONEYPOT_FIELD",
    "IDENTITY_TYPES",
    "REQUESTED_CHANNELS",
    "REQUESTED_FORMS",
    "ApplicationForm",
    "ItemForm",
    "ItemFormSet",
]

HONEYPOT_FIELD = "website"
RESIDENT_ID = "居民身份证"
IDENTITY_TYPES = [
    (RESIDENT_ID, _("居民身份证")),
    ("护照", _("护照")),
    ("港澳居民来往内地通行证", _("港澳居民来往内地通行证")),
    ("台湾居民来往大陆通行证", _("台湾居民来往大陆通行证")),
    ("外国人永久居留身份证", _("外国人永久居留身份证")),
    ("其他", _("其他有效身份证件")),
]
REQUESTED_FORMS = [("纸质", _("纸质")), ("电子", _("电子数据"))]
REQUESTED_CHANNELS = [
    ("邮寄", _("邮寄")),
    ("电子邮件", _("电子邮件")),
    ("自行领取", _("自行领取")),
    ("网上获取", _("网上获取")),
]
ITEM_ROWS = 5


class ItemForm(forms.Form):
    """One piece of information asked for: a description and, if known, its document number (文号)."""

    description = forms.CharField(
        label=_("所需信息的名称或内容描述"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document_number = forms.CharField(label=_("文号（如知道）"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        """A document number alone is not enough: the item needs a description."""
        data = super().clean()
        if data.get("document_number", "").strip() and not data.get("description", "").strip():
            self.add_error("description", _("请填写所需信息的名称或内容描述。"))
        return data


class _ItemBaseFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        """At least one item must be filled in (条例第二十九条第二款第二项)."""
        if any(self.errors):
            return
        if not any((f.cleaned_data.get("description") or "").strip() for f in self.forms):
            raise forms.ValidationError(_("请至少填写一项所需的政府信息。"))

    def items(self) -> list[dict[str, str]]:
        """The filled-in items, in order."""
        return [
            {
                "description": f.cleaned_data["description"].strip(),
                "document_number": f.cleaned_data.get("document_number", "").strip(),
            }
            for f in self.forms
            if (f.cleaned_data.get("description") or "").strip()
        ]


ItemFormSet = formset_factory(
    ItemForm, formset=_ItemBaseFormSet, extra=ITEM_ROWS, max_num=ITEM_ROWS, absolute_max=ITEM_ROWS
)

_ORG_FIELDS = ("organisation_name", "credit_code", "legal_representative", "contact_person")
_PERSON_FIELDS = ("name", "identity_type", "identity_number")


class ApplicationForm(forms.Form):
    """The applicant's details, the form and channel wanted, the identity upload and the declaration."""

    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=list(APPLICANT_TYPES.items()), widget=forms.RadioSelect, initial="natural_person"
    )
    name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    identity_type = forms.ChoiceField(label=_("身份证件类型"), choices=IDENTITY_TYPES, required=False)
    identity_number = forms.CharField(label=_("身份证件号码"), max_length=50, required=False)
    organisation_name = forms.CharField(label=_("法人或其他组织名称"), max_length=100, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    legal_representative = forms.CharField(label=_("法定代表人或负责人"), max_length=50, required=False)
    contact_person = forms.CharField(label=_("联系人姓名"), max_length=50, required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    requested_form = forms.ChoiceField(label=_("获取信息的形式"), choices=REQUESTED_FORMS, widget=forms.RadioSelect)
    requested_channel = forms.ChoiceField(
        label=_("获取信息的途径"), choices=REQUESTED_CHANNELS, widget=forms.RadioSelect
    )
    identity_file = forms.FileField(
        label=_("身份证明材料"),
        help_text=_("自然人上传身份证件，法人或其他组织上传营业执照或登记证书；JPEG、PNG图片或PDF文件，不超过5MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    declaration = forms.BooleanField(
        label=_("本人（本单位）承诺所填写的内容和提交的材料真实、准确。"),
        error_messages={"required": _("请确认所填写的内容真实后再提交。")},
    )
    captcha = forms.CharField(label=_("验证码"), max_length=10, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    website = forms.CharField(label=_("请勿填写此项"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.identity_file_type = ""
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_organisation(self) -> bool:
        """Whether the applicant is a legal person or other organisation."""
        return self.cleaned_data.get("applicant_type", "natural_person") != "natural_person"

    def clean_identity_file(self) -> Any:
        """Accept only JPEG, PNG or PDF by content, within the size limit."""
        upload = self.cleaned_data["identity_file"]
        try:
            self.identity_file_type = validate_identity_file(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages, code=error.code) from None
        return upload

    def clean(self) -> dict[str, Any]:
        """Require the fields of the applicant's type, check ID and credit code digits, and match form to channel."""
        data = super().clean()
        required = _ORG_FIELDS if self.is_organisation else _PERSON_FIELDS
        for field in required:
            if not str(data.get(field) or "").strip() and field not in self.errors:
                self.add_error(field, _("请填写此项。"))
        if self.is_organisation and data.get("credit_code"):
            data["credit_code"] = data["credit_code"].strip().upper()
            error = credit_code_error(data["credit_code"])
            if error:
                self.add_error("credit_code", error)
        if not self.is_organisation and data.get("identity_type") == RESIDENT_ID and data.get("identity_number"):
            data["identity_number"] = data["identity_number"].strip().upper()
            error = resident_id_error(data["identity_number"], today=timezone.localdate())
            if error:
                self.add_error("identity_number", error)
        if data.get("requested_channel") == "电子邮件" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("选择通过电子邮件获取信息的，请填写电子邮箱。"))
        if data.get("requested_form") == "纸质" and data.get("requested_channel") in ("电子邮件", "网上获取"):
            self.add_error("requested_channel", _("纸质信息只能邮寄或自行领取。"))
        return data
