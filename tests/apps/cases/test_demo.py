"""The demo cases: every outcome, a year that balances, idempotent."""

from __future__ import annotations

import pytest

from xxgk.apps.cases.demo import DEMO_YEAR, MAIN_UNIT, load_demo_cases
from xxgk.apps.cases.models import Case, Fee, ReviewCase
from xxgk.apps.cases.selectors import report_from_cases
from xxgk.apps.units.demo import load_demo
from xxgk.apps.units.models import Unit
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.report.layout import T3_OUTCOME_ROWS
from xxgk.core.report.rules import ERROR, FAIL, check

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_outcome_and_balance(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    unit = Unit.objects.get(name=MAIN_UNIT)
    cases = Case.objects.filter(unit=unit)
    assert set(cases.exclude(outcome=None).values_list("outcome", flat=True)) == set(T3_OUTCOME_ROWS)
    assert cases.filter(receipt_date__year=DEMO_YEAR - 1, concluded_on__year=DEMO_YEAR).exists()
    assert cases.filter(receipt_date__year=DEMO_YEAR, concluded_on=None).exclude(state="split").exists()
    assert cases.filter(events__kind="extension_approved").exists()
    assert cases.filter(events__kind="consultation_sent").exists()
    assert Fee.objects.filter(case__unit=unit, paid_on__isnull=False).exists()
    assert cases.filter(state="split").count() == 1 and cases.filter(parent__isnull=False).count() == 2
    assert ReviewCase.objects.filter(unit=unit).count() == 2
    for demo_unit in Unit.objects.filter(cases__isnull=False).distinct():
        report = report_from_cases(demo_unit, DEMO_YEAR)
        assert [r.message for r in check(report) if r.severity == ERROR and r.status == FAIL] == []
    report = report_from_cases(unit, DEMO_YEAR)
    assert report.number("t4.review.upheld") == 1 and report.number("t4.litigation_direct.pending") == 1
    assert Unit.objects.filter(cases__isnull=False).distinct().count() >= 3
    assert load_demo_cases() == 0
    from django.utils import timezone

    from xxgk.apps.cases.queries import work_counts
    from xxgk.apps.workcalendar.selectors import load_calendar

    counts = work_counts(unit, user=None, today=timezone.localdate(), calendar=load_calendar())
    assert counts["due"] >= 2 and counts["overdue"] >= 1 and counts["review"] >= 1  # work lists not empty


def test_demo_replies_decide_every_item_with_a_reason_of_its_own(settings):
    """Each answered item carries the decision; each withheld one a reason fitting its ground (applications.md §6)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    answered = Case.objects.filter(state="closed").exclude(outcome__in=["other_no_supplement", "other_fee_unpaid"])
    items = [item for case in answered.prefetch_related("items") for item in case.items.all()]
    assert items and [i.pk for i in items if not i.decision] == []
    refused = {i.decision: i.reason for i in items if OUTCOMES[i.decision].needs_item_reasons}
    assert set(refused) == {k for k, o in OUTCOMES.items() if o.needs_item_reasons}
    assert all(refused.values()) and len(set(refused.values())) == len(refused)


def test_every_concluded_demo_case_has_its_reply_letter(settings):
    """The tracking pages of the demo show the 答复书, as approving a reply issues it (applications.md §7)."""
    from xxgk.apps.letters.models import Letter

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    concluded = Case.objects.filter(outcome__isnull=False).exclude(state="withdrawn")
    assert concluded.exists()
    assert [c.number for c in concluded if not Letter.objects.filter(case=c).exists()] == []
    numbers = list(Letter.objects.filter(case__unit__name=MAIN_UNIT).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    before = Letter.objects.count()
    load_demo()
    assert Letter.objects.count() == before
