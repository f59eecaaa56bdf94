"""Forms of the public column: the search box with its filters, and the unit's own guide and rules texts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.apps.public.models import MAX_PAGE_TEXT, DisclosurePages
from xxgk.apps.public.search import SearchFilters
from xxgk.core.catalogue.metadata import THEMES, EntryKind, Validity
from xxgk.core.fulltext import MAX_QUERY_CHARS

__all__ = ["DisclosurePagesForm", "SearchForm"]


def _any(label: str, values: list[str]) -> list[tuple[str, str]]:
    return [("", label), *[(v, v) for v in values]]


class SearchForm(forms.Form):
    """The search box and its filters; unknown filter values are refused, not passed to the database."""

    q = forms.CharField(label=_("关键词"), max_length=MAX_QUERY_CHARS, required=False)
    unit = forms.TypedChoiceField(label=_("发布机构"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("发布年度"), required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label=_("主题分类"), required=False, choices=_any(_("全部主题"), list(THEMES)))
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=_any(_("全部类型"), [str(k) for k in EntryKind]))
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=_any(_("全部"), [str(v) for v in Validity]))
    page = forms.IntegerField(required=False, min_value=1, max_value=50, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), years=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部机构")), *[(u.pk, u.name) for u in units]]
        self.fields["year"].choices = [("", _("全部年度")), *[(y, f"{y}年") for y in years]]

    def filters(self, *, public: bool, allowed_unit_ids: tuple[int, ...] | None) -> SearchFilters:
        """The filters chosen (call after is_valid); the unit is limited to ``allowed_unit_ids`` when given."""
        data = self.cleaned_data
        unit_ids = allowed_unit_ids
        if data.get("unit"):
            unit_ids = (data["unit"],) if allowed_unit_ids is None or data["unit"] in allowed_unit_ids else ()
        return SearchFilters(
            public=public,
            unit_ids=unit_ids,
            year=data.get("year"),
            theme=data.get("theme", ""),
            kind=data.get("kind", ""),
            validity=data.get("validity", ""),
        )


class DisclosurePagesForm(forms.ModelForm):
    """The parts of the guide and the rules a unit writes itself (the contacts come from the unit's settings)."""

    class Meta:
        model = DisclosurePages
        fields = ["arrangement", "guide_notes", "rules"]
        widgets = {name: forms.Textarea(attrs={"rows": 10, "maxlength": MAX_PAGE_TEXT}) for name in fields}
        help_texts = {
            "arrangement": _("留空则按本单位已发布信息的公开事项和主题分类自动生成。"),
            "guide_notes": _("例如：信息处理费的收取、其他需要说明的事项。"),
            "rules": _("本单位政府信息公开工作制度（发布审核、保密审查、依申请公开办理等）的全文。"),
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            if len(cleaned.get(name) or "") > MAX_PAGE_TEXT:
                self.add_error(name, _("内容过长：每栏最多%(n)d个字。") % {"n": MAX_PAGE_TEXT})
        return cleaned
