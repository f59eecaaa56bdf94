"""The generated drafts of sections 一, 五 and 六: every figure equals its cell, no placeholder, fees stated."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.tables import CaseFact, table3
from xxgk.core.report.drafts import DraftFigures, draft_sections, fee_statement
from xxgk.core.report.layout import SECTIONS, T3_APPLICANT_COLUMNS
from xxgk.core.report.model import Cell, Report, Section
from xxgk.core.report.rules import FAIL, PASS, check
from xxgk.core.report.rules.text import check_text_fees, find_statements

PLACEHOLDERS = re.compile(r"[X×＿_]{2,}|[【\[]\s*[^】\]]*(?:填写|待定|XX)[^】\]]*[】\]]|\{|\}|None|TODO|某某")


def _report(cells: dict[str, int], figures: DraftFigures, year: int = 2025) -> Report:
    numbers = {a: Decimal(n) for a, n in cells.items()}
    drafts = draft_sections(unit="勍香镇人民政府", year=year, cells=numbers, figures=figures)
    sections = {key: Section(key, heading, drafts.get(key, "")) for key, heading in SECTIONS}
    return Report(unit="勍香镇人民政府", year=year, sections=sections, cells={a: Cell.of(n) for a, n in cells.items()})


t4_cells = st.fixed_dictionaries(
    {
        f"t4.{g}.{r}": st.integers(0, 40)
        for g in ("review", "litigation_direct", "litigation_after_review")
        for r in ("upheld", "corrected", "other", "pending")
    }
)


@st.composite
def case_sets(draw):
    """Random cases of a year: the table 三 they make (by the core reference), table 四, and draft figures."""
    import datetime as dt

    outcomes = sorted(OUTCOMES)
    columns = list(T3_APPLICANT_COLUMNS)
    facts = []
    for _ in range(draw(st.integers(0, 60))):
        received = dt.date(2024, 11, 1) + dt.timedelta(days=draw(st.integers(0, 420)))
        concluded = received + dt.timedelta(days=draw(st.integers(0, 40))) if draw(st.booleans()) else None
        facts.append(
            CaseFact(
                received_on=received,
                concluded_on=concluded,
                applicant_type=draw(st.sampled_from(columns)),
                outcome=draw(st.sampled_from(outcomes)) if concluded else None,
            )
        )
    cells = dict(table3(facts, 2025))
    for address, value in draw(t4_cells).items():
        cells[address] = value
    for group in ("review", "litigation_direct", "litigation_after_review"):
        cells[f"t4.{group}.total"] = sum(cells[f"t4.{group}.{r}"] for r in ("upheld", "corrected", "other", "pending"))
    figures = DraftFigures(
        entries_published=draw(st.none() | st.integers(0, 5000)),
        late_replies=draw(st.integers(0, 10)),
        fee_notices=draw(st.integers(0, 5)),
        fees_collected=Decimal(draw(st.integers(0, 100000))) / 100,
    )
    return cells, figures


@settings(max_examples=150, deadline=None)
@given(case_sets())
def test_every_figure_in_a_generated_sentence_equals_its_cell(drawn):
    cells, figures = drawn
    report = _report(cells, figures)
    statements = find_statements(report)
    # the engine reads the five counts the drafts state: received, carried over, carried forward, reviews, suits
    assert {s.what for s in statements} == {"新收申请", "上年结转申请", "结转下年度申请", "行政复议", "行政诉讼"}
    for statement in statements:
        assert statement.count == sum(cells[c] for c in statement.cells), statement
    text_rules = [r for r in check(report) if r.rule in ("TEXT-NUMBERS", "TEXT-FEES")]
    assert text_rules and all(r.status == PASS for r in text_rules), [r.message for r in text_rules]
    overview = report.sections["overview"].text
    assert f"办结{cells['t3.total_processed.total']}件" in overview
    granted = cells["t3.granted.total"] + cells["t3.partially_granted.total"]
    assert f"其中予以公开和部分公开{granted}件" in overview
    assert f"制发行政规范性文件{cells.get('t2.normative_documents.issued', 0)}件" in overview
    if figures.entries_published is not None:
        assert f"主动公开政府信息{figures.entries_published}条" in overview


@settings(max_examples=60, deadline=None)
@given(case_sets())
def test_generated_drafts_contain_no_placeholder_text(drawn):
    cells, figures = drawn
    for key, text in draft_sections(unit="勍香镇人民政府", year=2025, cells=cells, figures=figures).items():
        assert text.strip(), key
        assert not PLACEHOLDERS.search(text), (key, text)
        assert not re.search(r"[A-Za-z]", text), (key, text)  # no English or internal codes


def test_the_overview_covers_the_five_sub_topics_of_the_format():
    text = draft_sections(unit="某局", year=2025, cells={}, figures=DraftFigures())["overview"]
    for topic in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"):
        assert topic in text


def test_section_six_states_the_fees_from_the_notices_issued():
    assert fee_statement(0, Decimal(0)) == "本年度未收取信息处理费。"
    assert fee_statement(2, Decimal("150.50")) == "本年度发出信息处理费收费通知2件，收取信息处理费150.5元。"
    assert fee_statement(1, Decimal(0)) == "本年度发出信息处理费收费通知1件，收取信息处理费0元。"
    report = _report({"t3.other_fee_unpaid.total": 1}, DraftFigures(fee_notices=1))
    assert [r.status for r in check_text_fees(report)] == [PASS]


def test_section_five_says_how_many_replies_were_late():
    cells = {"t3.total_processed.total": 12}
    late = draft_sections(unit="某局", year=2025, cells=cells, figures=DraftFigures(late_replies=2))["problems"]
    assert "办结的12件申请中，有2件未在法定期限内答复" in late and "2026年" in late
    none = draft_sections(unit="某局", year=2025, cells=cells, figures=DraftFigures())["problems"]
    assert "12件申请均在法定期限内答复" in none


def test_an_edited_number_makes_text_numbers_fail_naming_the_sentence_and_the_cell():
    report = _report({"t3.new_received.total": 7}, DraftFigures())
    text = report.sections["overview"].text.replace("新收政府信息公开申请7件", "新收政府信息公开申请9件")
    report.sections["overview"] = Section("overview", "一、总体情况", text)
    failed = [r for r in check(report) if r.rule == "TEXT-NUMBERS" and r.status == FAIL]
    assert len(failed) == 1
    assert "新收政府信息公开申请9件" in failed[0].message and failed[0].cells == ["t3.new_received.total"]
