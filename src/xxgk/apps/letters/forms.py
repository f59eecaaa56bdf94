"""Forms of the letters app: a template, the number prefix, the facts given when issuing a letter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.apps.letters.context import EXTRA_FIELDS
from xxgk.apps.letters.models import KIND_CHOICES

__all__ = ["IssueForm", "PrefixForm", "TemplateForm"]


class TemplateForm(forms.Form):
    """The title and body of a letter template."""

    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("正文模板"), widget=forms.Textarea(attrs={"rows": 18, "cols": 90}))


class PrefixForm(forms.Form):
    """The unit's letter-number prefix."""

    prefix = forms.CharField(label=_("文号前缀"), max_length=40, required=False)


class IssueForm(forms.Form):
    """Which letter to issue, and the facts the case does not hold (all optional)."""

    kind = forms.ChoiceField(label=_("文书类型"), choices=KIND_CHOICES)

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["kind"].choices = [(k, label) for k, label in KIND_CHOICES if k in allowed]
        for name, label in EXTRA_FIELDS.items():
            self.fields[name] = forms.CharField(label=label, required=False, max_length=500)
