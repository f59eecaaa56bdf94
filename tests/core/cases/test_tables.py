"""Tables 三 and 四 from case facts (applications.md §8–§9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.core.cases.tables import CaseFact, CountingRule, ReviewFact, map_result, table3, table4
from xxgk.core.report.layout import T3_APPLICANT_COLUMNS, T3_OUTCOME_ROWS, t3_addresses, t4_addresses
from xxgk.core.report.model import Cell, Report
from xxgk.core.report.rules import PASS, check

D = date


def test_table3_counts_each_case_where_the_law_puts_it():
    cases = [
        CaseFact(D(2024, 12, 20), D(2025, 1, 10), "granted", "natural_person"),  # carried over, processed
        CaseFact(D(2024, 12, 30), None, None, "commercial"),  # carried over, carried forward
        CaseFact(D(2024, 6, 1), D(2024, 6, 20), "granted", "natural_person"),  # before Y: not in Y at all
        CaseFact(D(2025, 3, 1), D(2025, 3, 20), "withheld_third_party", "legal_services"),
        CaseFact(D(2025, 12, 25), D(2026, 1, 5), "granted", "research"),  # new, carried forward
        CaseFact(D(2026, 1, 2), None, None, "natural_person"),  # after Y: not in Y
    ]
    t3 = table3(cases, 2025)
    expected = {
        "t3.new_received.legal_services": 1,
        "t3.new_received.research": 1,
        "t3.new_received.total": 2,
        "t3.carried_over.natural_person": 1,
        "t3.carried_over.commercial": 1,
        "t3.carried_over.total": 2,
        "t3.granted.natural_person": 1,
        "t3.granted.total": 1,
        "t3.withheld_third_party.legal_services": 1,
        "t3.withheld_third_party.total": 1,
        "t3.total_processed.natural_person": 1,
        "t3.total_processed.legal_services": 1,
        "t3.total_processed.total": 2,
        "t3.carried_forward.commercial": 1,
        "t3.carried_forward.research": 1,
        "t3.carried_forward.total": 2,
    }
    assert {k: v for k, v in t3.items() if v} == expected
    assert list(t3) == t3_addresses()


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        (CaseFact(D(2025, 1, 1), D(2025, 2, 1), "granted", "alien"), "申请人类型"),
        (CaseFact(D(2025, 1, 1), D(2025, 2, 1), "other_handling", "natural_person"), "办理结果"),
    ],
)
def test_table3_refuses_unknown_types_and_outcomes(fact, message):
    with pytest.raises(ValueError, match=message):
        table3([fact], 2025)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("维持", "upheld"),
        ("驳回诉讼请求", "upheld"),
        ("撤销", "corrected"),
        ("确认违法", "corrected"),
        ("责令履行", "corrected"),
        ("驳回申请", "other"),
        ("撤诉", "other"),
        ("和解", "other"),
        ("一审判决驳回诉讼请求", "upheld"),
        ("决定撤销原答复", "corrected"),
    ],
)
def test_review_results_map_to_table4_results(raw, key):
    assert map_result(raw) == key


def test_unmappable_result_is_refused_and_mapping_is_configurable():
    with pytest.raises(ValueError, match="无法归类"):
        map_result("另行处理")
    assert map_result("另行处理", {"另行处理": "other"}) == "other"


REVIEWS = [
    ReviewFact("review", D(2025, 3, 1), "upheld", D(2025, 5, 1)),
    ReviewFact("review", D(2025, 11, 1), "corrected", D(2026, 2, 1)),  # pending at end of 2025
    ReviewFact("litigation_direct", D(2024, 10, 1), "other", D(2025, 4, 1)),  # filed 2024, concluded 2025
    ReviewFact("litigation_after_review", D(2025, 9, 1)),  # still pending
]


@pytest.mark.parametrize(
    ("rule", "year", "nonzero"),
    [
        (
            CountingRule.PENDING_IN_FILED_YEAR,
            2025,
            {
                "t4.review.upheld": 1,
                "t4.review.pending": 1,
                "t4.review.total": 2,
                "t4.litigation_direct.other": 1,
                "t4.litigation_direct.total": 1,
                "t4.litigation_after_review.pending": 1,
                "t4.litigation_after_review.total": 1,
            },
        ),
        (CountingRule.PENDING_IN_FILED_YEAR, 2026, {"t4.review.corrected": 1, "t4.review.total": 1}),
        (
            CountingRule.FILED_YEAR_ONLY,
            2025,
            {
                "t4.review.upheld": 1,
                "t4.review.pending": 1,
                "t4.review.total": 2,
                "t4.litigation_after_review.pending": 1,
                "t4.litigation_after_review.total": 1,
            },
        ),
        (CountingRule.FILED_YEAR_ONLY, 2026, {}),
        (CountingRule.FILED_YEAR_ONLY, 2024, {"t4.litigation_direct.pending": 1, "t4.litigation_direct.total": 1}),
    ],
)
def test_table4_counts_by_the_configured_rule(rule, year, nonzero):
    t4 = table4(REVIEWS, year, rule)
    assert list(t4) == t4_addresses()
    assert {k: v for k, v in t4.items() if v} == nonzero


def test_table4_refuses_an_unknown_group():
    with pytest.raises(ValueError, match="类型"):
        table4([ReviewFact("appeal", D(2025, 1, 1))], 2025)


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFact:
    received = draw(st.dates(D(2023, 1, 1), D(2026, 12, 31)))
    concluded = draw(st.one_of(st.none(), st.integers(0, 400).map(lambda n: received + timedelta(days=n))))
    outcome = draw(st.sampled_from(T3_OUTCOME_ROWS)) if concluded else None
    return CaseFact(received, concluded, outcome, draw(st.sampled_from(T3_APPLICANT_COLUMNS)))


@st.composite
def review_facts(draw: st.DrawFn) -> ReviewFact:
    filed = draw(st.dates(D(2023, 1, 1), D(2026, 12, 31)))
    done = draw(st.booleans())
    result_on = filed + timedelta(days=draw(st.integers(0, 400))) if done else None
    result = draw(st.sampled_from(["upheld", "corrected", "other"])) if done else None
    kind = draw(st.sampled_from(["review", "litigation_direct", "litigation_after_review"]))
    return ReviewFact(kind, filed, result, result_on)


@settings(max_examples=60, deadline=None)
@given(
    cases=st.lists(case_facts(), max_size=40),
    reviews=st.lists(review_facts(), max_size=10),
    year=st.integers(2023, 2026),
    rule=st.sampled_from(list(CountingRule)),
)
def test_any_set_of_cases_gives_tables_that_pass_the_report_rules(cases, reviews, year, rule):
    cells = {**table3(cases, year), **table4(reviews, year, rule)}
    report = Report(unit="测试单位", year=year, cells={a: Cell.of(n) for a, n in cells.items()})
    wanted = {"T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS", "T4-GROUP"}
    results = [r for r in check(report) if r.rule in wanted]
    assert {r.rule for r in results} == wanted
    assert all(r.status == PASS for r in results), [r.message for r in results if r.status != PASS]
    # X-CARRY by construction: this year's carried_over is last year's carried_forward
    previous = table3(cases, year - 1)
    assert all(cells[f"t3.carried_over.{c}"] == previous[f"t3.carried_forward.{c}"] for c in T3_APPLICANT_COLUMNS)


def test_a_case_open_across_two_years_is_carried_forward_then_over():
    from xxgk.core.cases.tables import CaseFact, t3_member

    case = CaseFact(received_on=date(2025, 12, 30), concluded_on=date(2026, 1, 9), outcome="granted",
                    applicant_type="natural_person")  # fmt: skip
    assert [g for g in ("new_received", "carried_forward") if t3_member(case, g, 2025)] == [
        "new_received",
        "carried_forward",
    ]
    assert [g for g in ("carried_over", "concluded") if t3_member(case, g, 2026)] == ["carried_over", "concluded"]
    assert not t3_member(case, "carried_forward", 2026)
