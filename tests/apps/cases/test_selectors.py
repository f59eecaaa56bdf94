"""Tables 三 and 四 by database aggregation equal the pure reference, on random data."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.apps.cases.random_cases import random_cases as make_cases
from tests.apps.cases.random_cases import random_day
from xxgk.apps.cases.models import Case, ReviewCase
from xxgk.apps.cases.selectors import report_from_cases, table3_cells, table4_cells
from xxgk.core.cases.tables import CaseFact, CountingRule, ReviewFact, table3, table4
from xxgk.core.report.rules import ERROR, FAIL, check

pytestmark = pytest.mark.django_db


def random_cases(unit, rng: random.Random, n: int) -> None:
    cases = make_cases(
        unit,
        rng,
        n,
        prefix="R",
        channel="online",
        conclude_within=300,
        open_states=("in_progress", "consulting", "split"),
    )
    reviews = []
    for _ in range(n // 5):
        filed = random_day(rng)
        done = rng.random() < 0.7
        reviews.append(
            ReviewCase(
                unit=unit,
                kind=rng.choice(["review", "litigation_direct", "litigation_after_review"]),
                body="某县人民政府",
                filed_on=filed,
                result_key=rng.choice(["upheld", "corrected", "other"]) if done else "",
                result_on=filed + dt.timedelta(days=rng.randrange(400)) if done else None,
            )
        )
    Case.objects.bulk_create(cases)
    ReviewCase.objects.bulk_create(reviews)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_aggregation_equals_the_pure_tables(unit, seed):
    random_cases(unit, random.Random(seed), 150)
    facts = [
        CaseFact(c.receipt_date, c.concluded_on, c.outcome, c.applicant_type)
        for c in Case.objects.exclude(state="split")
    ]
    reviews = [ReviewFact(r.kind, r.filed_on, r.result_key or None, r.result_on) for r in ReviewCase.objects.all()]
    assert Case.objects.filter(state="split").exists()
    for year in (2023, 2024, 2025, 2026):
        assert table3_cells([unit.pk], year) == table3(facts, year)
        for rule in CountingRule:
            assert table4_cells([unit.pk], year, rule) == table4(reviews, year, rule)


def test_tables_take_a_fixed_number_of_queries(unit):
    random_cases(unit, random.Random(9), 60)
    with CaptureQueriesContext(connection) as small:
        table3_cells([unit.pk], 2025)
        table4_cells([unit.pk], 2025)
    Case.objects.all().delete()
    random_cases(unit, random.Random(10), 200)
    with CaptureQueriesContext(connection) as large:
        table3_cells([unit.pk], 2025)
        table4_cells([unit.pk], 2025)
    assert len(small) == len(large) <= 3


def test_report_from_cases_passes_every_error_rule_and_states_the_fees(unit):
    random_cases(unit, random.Random(5), 80)
    report = report_from_cases(unit, 2025)
    assert (report.unit, report.year) == ("勍香镇人民政府", 2025)
    assert [r.message for r in check(report) if r.severity == ERROR and r.status == FAIL] == []
    assert "信息处理费" in report.sections["other"].text
    assert report.number("t2.regulations.issued") == 0
