"""The template sandbox: only whitelisted plain values reach a template; stored broken templates never issue."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.apps.letters.models import Letter, LetterSequence, LetterTemplate
from xxgk.apps.letters.sandbox import render_body
from xxgk.apps.letters.services import LetterRefused, letter_issue


class Secretive:
    password = "hunter2"

    def __str__(self) -> str:
        return "某对象"


def test_objects_in_the_context_are_reduced_to_their_text():
    assert render_body("{{ applicant.password }}|{{ applicant }}", {"applicant": Secretive()}) == "|某对象"


def test_names_outside_the_whitelist_never_reach_the_template():
    assert render_body("[{{ settings }}][{{ receipt_date }}]", {"settings": "x", "receipt_date": "今天"}) == "[][今天]"


def test_forbidden_tags_are_refused_at_render_time_too():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        render_body("{% load static %}", {})


@pytest.mark.django_db
def test_a_stored_template_that_no_longer_renders_refuses_the_letter_and_uses_no_number(make_case, town):
    LetterTemplate.objects.create(unit=town.unit, kind="receipt", title="回执", body="{% if %}")  # bypassed the check
    with pytest.raises(LetterRefused, match="模板无法生成文书"):
        letter_issue(case=make_case(), kind="receipt", actor=town.people.registrar, on=dt.date(2026, 6, 2))
    assert not Letter.objects.exists() and not LetterSequence.objects.exists()  # the number was rolled back
