"""Forms of the units app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from xxgk.apps.units.models import Membership, Role, Unit
from xxgk.apps.units.services import UNIT_SETTINGS_FIELDS

__all__ = ["MemberAddForm", "UnitSettingsForm"]


class UnitSettingsForm(forms.ModelForm):
    """What a unit administrator may change: short name, disclosure office contact, due date, review body."""

    class Meta:
        model = Unit
        fields = list(UNIT_SETTINGS_FIELDS)


class MemberAddForm(forms.Form):
    """Give an existing account a role in the unit."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    is_supervisor = forms.BooleanField(label=_("监督下级单位（只读）"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        if unit.kind != "人民政府":
            del self.fields["is_supervisor"]

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("没有这个用户名的有效账号，请先请系统管理员创建账号。"))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        user, role = data.get("username"), data.get("role")
        if user is not None and role and Membership.objects.filter(user=user, unit=self.unit, role=role).exists():
            raise forms.ValidationError(_("该人员在本单位已有这个角色。"))
        return data
