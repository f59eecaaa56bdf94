"""Models of the letters app: adjustable templates, the per-unit numbering, the issued letters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xxgk.core.cases.letters import KIND_TITLES, LetterKind

__all__ = ["KIND_CHOICES", "Letter", "LetterPrefix", "LetterSequence", "LetterTemplate"]

KIND_CHOICES = [(kind.value, KIND_TITLES[kind]) for kind in LetterKind]


class LetterTemplate(models.Model):
    """The wording of one letter kind: a unit's own, or (unit empty) the site-wide default.

    ``body`` uses Django template syntax over a whitelisted context only
    (xxgk.apps.letters.sandbox); it is checked before it is saved.
    """

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_templates",
        help_text=_("留空为全系统默认模板"),
    )
    kind = models.CharField(_("文书类型"), max_length=30, choices=KIND_CHOICES)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["unit__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="letters_template_unique_unit_kind"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(unit__isnull=True), name="letters_template_unique_default_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or _('默认')} · {self.get_kind_display()}"

    def clean(self) -> None:
        """Refuse a body that does not render or lacks what the law demands (Chinese message)."""
        from xxgk.apps.letters.sandbox import validate_template

        validate_template(LetterKind(self.kind), self.body)


class LetterPrefix(models.Model):
    """A unit's letter-number prefix (e.g. 勍香镇公开); without a row the default is derived."""

    unit = models.OneToOneField(
        "units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="letter_prefix"
    )
    prefix = models.CharField(_("文号前缀"), max_length=40)

    class Meta:
        verbose_name = _("文号前缀")
        verbose_name_plural = _("文号前缀")

    def __str__(self) -> str:
        return f"{self.unit} {self.prefix}"


class LetterSequence(models.Model):
    """The last letter number a unit used in a year; incremented under a row lock."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("年份"))
    last = models.PositiveIntegerField(_("已用到的序号"), default=0)

    class Meta:
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="letters_sequence_unique_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.last}"


class Letter(models.Model):
    """An issued letter: its number, date and the text exactly as issued (a snapshot)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="letters")
    unit = models.ForeignKey("units.Unit", verbose_name=_("出具单位"), on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=30, choices=KIND_CHOICES)
    number = models.CharField(_("文号"), max_length=60)
    issued_on = models.DateField(_("出具日期"))
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    unit_name = models.CharField(_("出具单位名称"), max_length=100)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("出具人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["case", "issued_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="letters_letter_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def to_applicant(self) -> bool:
        """Whether the letter is addressed to the applicant (not to a third party)."""
        from xxgk.core.cases.letters import APPLICANT_KINDS

        return LetterKind(self.kind) in APPLICANT_KINDS
