"""Reads of the letters app: effective templates and prefixes, a case's letters, what a case may issue."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from django.db.models import QuerySet

from xxgk.apps.cases.models import Case
from xxgk.apps.letters.models import Letter, LetterPrefix, LetterTemplate
from xxgk.apps.units.models import Unit
from xxgk.core.cases.letters import APPLICANT_KINDS, KIND_TITLES, LetterKind, allowed_letter_kinds, default_prefix

__all__ = [
    "EffectiveTemplate",
    "allowed_kinds_for_case",
    "effective_template",
    "letters_for_applicant",
    "letters_for_case",
    "shipped_template",
    "unit_prefix",
]


@dataclass(frozen=True)
class EffectiveTemplate:
    """The template a unit uses for a kind, and where it comes from (unit / site default / shipped)."""

    kind: LetterKind
    title: str
    body: str
    source: str  # "unit", "default" or "shipped"


def shipped_template(kind: LetterKind) -> EffectiveTemplate:
    """The default wording shipped with the package (xxgk/apps/letters/defaults/<kind>.txt)."""
    body = resources.files("xxgk.apps.letters").joinpath("defaults", f"{kind.value}.txt").read_text("utf-8")
    return EffectiveTemplate(kind, KIND_TITLES[kind], body, "shipped")


def effective_template(unit: Unit, kind: LetterKind) -> EffectiveTemplate:
    """The unit's own template of ``kind``, else the site-wide default row, else the shipped wording."""
    row = (
        LetterTemplate.objects.filter(kind=kind.value, unit=unit).first()
        or LetterTemplate.objects.filter(kind=kind.value, unit__isnull=True).first()
    )
    if row is None:
        return shipped_template(kind)
    return EffectiveTemplate(kind, row.title, row.body, "unit" if row.unit_id else "default")


def unit_prefix(unit: Unit) -> str:
    """The unit's letter-number prefix: the stored one, else its short name + 公开."""
    stored = LetterPrefix.objects.filter(unit=unit).values_list("prefix", flat=True).first()
    return stored or default_prefix(unit.short_name, unit.name)


def letters_for_case(case: Case) -> QuerySet[Letter]:
    """Every letter issued in a case, in issue order (for the unit's staff)."""
    return Letter.objects.filter(case=case).order_by("issued_on", "pk")


def letters_for_applicant(case: Case) -> QuerySet[Letter]:
    """The letters of a case addressed to the applicant (never those to a third party)."""
    return letters_for_case(case).filter(kind__in=[k.value for k in APPLICANT_KINDS])


def allowed_kinds_for_case(case: Case) -> list[LetterKind]:
    """The letter kinds the case may issue now (xxgk.core.cases.letters.allowed_letter_kinds)."""
    if case.state == "split":
        return []
    return allowed_letter_kinds(
        event_kinds=set(case.events.values_list("kind", flat=True)),
        outcome=case.outcome,
        is_open=case.is_open,
        fee_waiting=case.state == "awaiting_fee",
    )
