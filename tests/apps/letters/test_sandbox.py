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


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{{ unit_name|ljust:"300000000" }}{{ case_number }}', "ljust"),
        ("{{ unit_name|center:99999 }}", "center"),
        ('{{ unit_name|stringformat:"300000000s" }}', "stringformat"),
        ("{% lorem 99999999 w %}", "lorem"),
        ("{% for a in items %}{% for b in items %}x{% endfor %}{% endfor %}", "循环"),
        ("{% for c in items_text %}{{ c }}{% endfor %}", "循环"),
        ("{% filter upper %}{{ unit_name }}{% endfilter %}", "filter"),
        ("x" * 20_001, "模板过长"),
    ],
)
def test_a_template_that_could_allocate_without_bound_is_refused_before_it_renders(body, says):
    from django.core.exceptions import ValidationError

    from xxgk.apps.letters.sandbox import validate_template
    from xxgk.core.cases.letters import LetterKind

    for attempt in (lambda: validate_template(LetterKind("receipt"), body), lambda: render_body(body, {})):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert says in refused.value.messages[0]


def test_a_template_cannot_change_the_shared_sample_or_a_unit_s_values():
    from django.core.exceptions import ValidationError

    from xxgk.apps.letters.sandbox import SAMPLE_CONTEXT, validate_template
    from xxgk.core.cases.letters import LetterKind

    items = [{"description": "甲", "decision": "公开", "reason": ""}]
    assert render_body("{{ items.clear }}{{ items.0.clear }}{{ items|length }}", {"items": items}) == "1"
    assert items == [{"description": "甲", "decision": "公开", "reason": ""}]
    with pytest.raises(ValidationError):
        validate_template(LetterKind("receipt"), "{{ items.clear }}")
    assert len(SAMPLE_CONTEXT["items"]) == 1 and SAMPLE_CONTEXT["items"][0]["description"] == "〈申请事项〉"


def test_small_widths_and_a_loop_over_the_items_still_render():
    body = "{% for item in items %}{{ forloop.counter }}.{{ item.description|ljust:6 }}；{% endfor %}"
    assert render_body(body, {"items": [{"description": "甲"}, {"description": "乙"}]}) == "1.甲     ；2.乙     ；"
