"""The table rules of spec §6: each holds on a balanced report, fails when a number is wrong,
and is not assessable when an operand is blank, na, text or missing."""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal

import pytest

from tests.core.report.rules_factory import balanced, set_cell
from xxgk.core.report.model import LabelNote, Place
from xxgk.core.report.rules import ERROR, FAIL, NOT_ASSESSABLE, PASS, RULES, WARNING, check, has_errors

SPEC_SEVERITIES = {
    "T3-BALANCE": ERROR,
    "T3-OUTCOMES": ERROR,
    "T3-COLUMNS": ERROR,
    "T4-GROUP": ERROR,
    "VALUE-TYPE": ERROR,
    "FORMAT-LABELS": WARNING,
    "X-CARRY": ERROR,
    "X-IN-FORCE": WARNING,
    "TEXT-NUMBERS": WARNING,
    "TEXT-FEES": WARNING,
    "SECTION-EMPTY": WARNING,
}


def of(results, rule, status=None):
    return [r for r in results if r.rule == rule and (status is None or r.status == status)]


def test_every_rule_of_the_spec_is_registered_with_its_severity_title_and_source():
    assert {k: v.severity for k, v in RULES.items()} == SPEC_SEVERITIES
    for info in RULES.values():
        assert info.title and info.source and info.checks


@pytest.mark.parametrize(
    ("t3_format", "year", "t2_format", "expected"),
    [
        ("2021", 2022, "2021", {"T3-BALANCE": 7, "T3-OUTCOMES": 7, "T3-COLUMNS": 25, "T4-GROUP": 3}),
        ("2019", 2020, "2019", {"T3-BALANCE": 7, "T3-OUTCOMES": 7, "T3-COLUMNS": 23, "T4-GROUP": 3}),
    ],
)
def test_a_balanced_report_passes_every_rule_once_per_column_row_and_group(t3_format, year, t2_format, expected):
    results = check(balanced(t3_format, year=year, t2_format=t2_format))
    assert [r for r in results if r.status != PASS] == []
    counts = Counter(r.rule for r in results)
    assert counts == Counter({**expected, "VALUE-TYPE": 1, "FORMAT-LABELS": 1, "TEXT-FEES": 1, "SECTION-EMPTY": 3})
    assert not has_errors(results)


@pytest.mark.parametrize(
    ("t3_format", "address", "value", "rule", "first_cell", "printed", "computed", "difference"),
    [
        (
            "2021",
            "t3.carried_forward.natural_person",
            2,
            "T3-BALANCE",
            "t3.new_received.natural_person",
            "6",
            "7",
            "-1",
        ),
        ("2021", "t3.granted.natural_person", 4, "T3-OUTCOMES", "t3.total_processed.natural_person", "5", "6", "-1"),
        ("2021", "t3.other_other.commercial", 2, "T3-OUTCOMES", "t3.total_processed.commercial", "2", "4", "-2"),
        (
            "2019",
            "t3.other_handling.natural_person",
            3,
            "T3-OUTCOMES",
            "t3.total_processed.natural_person",
            "5",
            "7",
            "-2",
        ),
        ("2021", "t3.granted.total", 6, "T3-COLUMNS", "t3.granted.total", "6", "5", "1"),
        ("2019", "t3.other_handling.total", 0, "T3-COLUMNS", "t3.other_handling.total", "0", "1", "-1"),
        ("2021", "t4.review.total", 3, "T4-GROUP", "t4.review.total", "3", "2", "1"),
        ("2021", "t4.litigation_direct.corrected", 1, "T4-GROUP", "t4.litigation_direct.total", "0", "1", "-1"),
    ],
)
def test_a_wrong_number_fails_its_rule_with_printed_computed_difference_and_places(
    t3_format, address, value, rule, first_cell, printed, computed, difference
):
    report = balanced(t3_format, year=2020)
    set_cell(report, address, value)
    results = check(report)
    failing = of(results, rule, FAIL)
    assert len(failing) == 1
    bad = failing[0]
    assert (bad.cells[0], bad.printed, bad.computed, bad.difference) == (first_cell, printed, computed, difference)
    assert address in bad.cells
    assert len(bad.places) == len(bad.cells) and all(p is not None for p in bad.places)
    assert f"相差 {difference}" in bad.message
    assert bad.severity == ERROR and has_errors(results)


def test_the_t3_outcomes_message_names_row_column_printed_and_computed():
    report = balanced()
    set_cell(report, "t3.granted.natural_person", 4)
    (bad,) = of(check(report), "T3-OUTCOMES", FAIL)
    assert bad.message == "表三“（七）总计”行“自然人”列：印刷值 5，由各办理结果行合计为 6，相差 -1"


@pytest.mark.parametrize(
    ("rule", "address", "value", "message"),
    [
        ("T3-OUTCOMES", None, None, "表三“（七）总计”行“自然人”列：印刷值 5，由各办理结果行合计为 5，相符"),
        (
            "T3-COLUMNS",
            "t3.granted.total",
            6,
            "表三“（一）予以公开”行“总计”列：印刷值 6，由六类申请人合计为 5，相差 1",
        ),
        ("T3-COLUMNS", None, None, "表三“（一）予以公开”行“总计”列：印刷值 5，由六类申请人合计为 5，相符"),
        (
            "T4-GROUP",
            "t4.review.total",
            3,
            "表四“行政复议”“总计”：印刷值 3，由维持、纠正、其他、尚未审结合计为 2，相差 1",
        ),
        ("T4-GROUP", None, None, "表四“行政复议”“总计”：印刷值 2，由维持、纠正、其他、尚未审结合计为 2，相符"),
    ],
)
def test_a_sum_rule_names_its_total_cell_and_what_the_parts_are(rule, address, value, message):
    report = balanced()
    if address is not None:
        set_cell(report, address, value)
    assert message in [r.message for r in of(check(report), rule)]


@pytest.mark.parametrize(
    ("value", "why"),
    [(None, "空白"), ("/", "不适用"), ("—", "不适用"), ("五件", "文字“五件”"), ("missing", "缺失")],
)
@pytest.mark.parametrize(
    ("rule", "address"),
    [
        ("T3-BALANCE", "t3.carried_over.commercial"),
        ("T3-OUTCOMES", "t3.withheld_state_secret.research"),
        ("T3-COLUMNS", "t3.unavailable_unclear.legal_services"),
        ("T4-GROUP", "t4.litigation_after_review.pending"),
    ],
)
def test_an_operand_that_is_not_a_number_makes_the_instance_not_assessable_never_a_pass(rule, address, value, why):
    report = balanced()
    if value == "missing":
        del report.cells[address]
    else:
        set_cell(report, address, value)
    results = of(check(report), rule)
    unassessed = [r for r in results if r.status == NOT_ASSESSABLE]
    assert len(unassessed) == 1
    assert address in unassessed[0].cells
    assert why in unassessed[0].message and "无法核对" in unassessed[0].message
    assert not [r for r in results if r.status == FAIL]


@pytest.mark.parametrize(("cut", "named", "counted"), [(1, 1, None), (2, 2, None), (3, 2, 3), (20, 2, 20)])
def test_rows_cut_off_a_truncated_table_are_counted_not_listed_one_by_one(cut, named, counted):
    report = balanced()
    outcome_rows = [a for a in report.cells if a.startswith("t3.") and a.endswith(".research")][2:22]
    for address in outcome_rows[:cut]:
        del report.cells[address]
    (unassessed,) = [r for r in of(check(report), "T3-OUTCOMES") if r.status == NOT_ASSESSABLE]
    assert unassessed.message.count("行“科研机构”列") == named + 1  # the named cells and the total row
    assert set(outcome_rows[:cut]) <= set(unassessed.cells)
    if counted is None:
        assert unassessed.message.count("缺失（报告中没有这一格）") == cut
    else:
        assert f"等 {counted} 格缺失（报告中没有这些格）" in unassessed.message


@pytest.mark.parametrize(
    ("change", "rules"),
    [
        ({"t3_format": None}, ("T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS")),
        ({"has_t4": False}, ("T4-GROUP",)),
    ],
)
def test_rules_on_a_missing_table_are_not_assessable(change, rules):
    report = dataclasses.replace(balanced(), **change)
    results = check(report)
    for rule in rules:
        (only,) = of(results, rule)
        assert only.status == NOT_ASSESSABLE and "缺少" in only.message


@pytest.mark.parametrize(
    ("address", "value", "status", "words", "printed"),
    [
        ("t3.granted.research", -1, FAIL, "负数", "-1"),
        ("t3.granted.research", Decimal("1.5"), FAIL, "小数", "1.5"),
        ("t4.review.other", "两件", FAIL, "文字", None),
        ("t2.regulations.issued", Decimal("0.5"), FAIL, "小数", "0.5"),
        ("t2.fees.amount", Decimal("-3.2"), FAIL, "负数", "-3.2"),
        ("t2.fees.amount", Decimal("0.01"), PASS, "均符合", None),
        ("t3.granted.research", None, NOT_ASSESSABLE, "空白", None),
        ("t4.review.other", "/", NOT_ASSESSABLE, "不适用", None),
    ],
)
def test_value_type(address, value, status, words, printed):
    report = balanced()
    set_cell(report, address, value)
    results = of(check(report), "VALUE-TYPE")
    assert [r.status for r in results] == [status]
    assert words in results[0].message
    assert (results[0].printed, results[0].computed, results[0].difference) == (printed, None, None)
    if status != PASS:
        assert results[0].cells == [address]


def test_value_type_accepts_a_signed_change_in_a_2019_table_2_but_not_a_negative_count():
    report = balanced("2019", year=2020, t2_format="2019")
    set_cell(report, "t2_2019.licensing.change", -2)
    set_cell(report, "t2_2019.licensing.decisions", -2)
    results = of(check(report), "VALUE-TYPE")
    assert [(r.status, r.cells) for r in results] == [(FAIL, ["t2_2019.licensing.decisions"])]


@pytest.mark.parametrize(
    ("notes", "change", "status", "words"),
    [
        ([], {}, PASS, ["均可识别"]),
        ([LabelNote("variant", "总计", "合计", "t3.column")], {}, PASS, ["1 处为可接受的常见变体"]),
        (
            [LabelNote("misspelled", "一、总体情况", "总体情况", "section", Place(line=3))],
            {},
            FAIL,
            ["章节标题“一、总体情况”印作“总体情况”", "第3行（文本）"],
        ),
        ([LabelNote("missing", "3.其他", None, "t3.row")], {}, FAIL, ["缺少表三行“3.其他”"]),
        ([LabelNote("other_format", "（六）其他处理", "（六）其他处理", "t3.row")], {}, FAIL, ["另一格式版本"]),
        ([], {"t3_format": "2019"}, FAIL, ["表三使用2019格式", "格式混用"]),
        ([], {"has_t4": False}, FAIL, ["缺少表四"]),
    ],
)
def test_format_labels(notes, change, status, words):
    report = dataclasses.replace(balanced(), labels=notes, **change)
    (only,) = of(check(report), "FORMAT-LABELS")
    assert only.status == status and only.severity == WARNING
    for word in words:
        assert word in only.message


def test_format_labels_reports_a_section_heading_the_reader_did_not_find():
    report = balanced()
    del report.sections["problems"]
    (only,) = of(check(report), "FORMAT-LABELS")
    assert only.status == FAIL and "缺少章节标题“五、存在的主要问题及改进情况”" in only.message
    assert not has_errors(check(report))


def previous_of(report, **changes):
    last = balanced(year=report.year - 1)
    set_cell(last, "t2.regulations.in_force", 10)
    for address, value in changes.items():
        set_cell(last, address.replace("__", "."), value)
    return last


def test_cross_year_rules_run_only_with_a_previous_report():
    report = balanced()
    assert not of(check(report), "X-CARRY") and not of(check(report), "X-IN-FORCE")
    results = check(report, previous_of(report))
    assert Counter(r.rule for r in results if r.rule.startswith("X-")) == {"X-CARRY": 7, "X-IN-FORCE": 2}
    assert all(r.status == PASS for r in results)


def test_x_carry_fails_when_last_years_carried_forward_differs():
    report = balanced()
    previous = previous_of(report, **{"t3__carried_forward__natural_person": 4})
    results = check(report, previous)
    (bad,) = of(results, "X-CARRY", FAIL)
    assert bad.cells == ["t3.carried_over.natural_person", "previous:t3.carried_forward.natural_person"]
    assert (bad.printed, bad.computed, bad.difference) == ("1", "4", "-3")
    assert has_errors(results)


@pytest.mark.parametrize(
    ("value", "why"), [(None, "上年表三“四、结转下年度继续办理”行“自然人”列空白"), ("/", "不适用")]
)
def test_x_carry_is_not_assessable_when_last_years_cell_is_not_a_number(value, why):
    report = balanced()
    results = of(check(report, previous_of(report, **{"t3__carried_forward__natural_person": value})), "X-CARRY")
    (unassessed,) = [r for r in results if r.status == NOT_ASSESSABLE]
    assert why in unassessed.message


def test_x_in_force_is_a_warning_when_the_stock_of_documents_does_not_carry_over():
    report = balanced()
    results = check(report, previous_of(report, **{"t2__regulations__in_force": 9}))
    (bad,) = of(results, "X-IN-FORCE", FAIL)
    assert (bad.printed, bad.computed, bad.difference, bad.severity) == ("11", "10", "1", WARNING)
    assert bad.cells == [
        "t2.regulations.in_force",
        "previous:t2.regulations.in_force",
        "t2.regulations.issued",
        "t2.regulations.repealed",
    ]
    assert not has_errors(results)


@pytest.mark.parametrize(
    ("previous", "words"),
    [
        (lambda r: balanced(year=2020), "不是2021年度"),
        (lambda r: balanced(year=2021, unit="别的镇"), "单位"),
        (lambda r: balanced(year=2021, t2_format="2019", t3_format="2019"), "上年表二为2019格式"),
    ],
)
def test_x_rules_are_not_assessable_with_an_unfit_previous_report(previous, words):
    report = balanced()
    results = [r for r in check(report, previous(report)) if r.rule == "X-IN-FORCE"]
    assert [r.status for r in results] == [NOT_ASSESSABLE]
    assert words in results[0].message


def test_the_seed_draws_exactly_two_warnings_and_no_error(seed_path):
    from xxgk.documents.read import read_report

    results = check(read_report(seed_path))
    assert sorted((r.rule, r.severity) for r in results if r.status != PASS) == [
        ("FORMAT-LABELS", WARNING),
        ("TEXT-FEES", WARNING),
    ]
    (labels,) = of(results, "FORMAT-LABELS")
    assert "“一、总体情况”印作“总体情况”（缺少序号“一、”）" in labels.message
    assert not has_errors(results)


def test_a_cell_left_unread_makes_its_rules_not_assessable_with_the_readers_reason():
    report = balanced()
    del report.cells["t3.granted.commercial"]
    report.unread["t3.granted.commercial"] = "表头只有5列而该行有8个数值，无法确定数值属于哪一列"
    results = check(report)
    columns = [r for r in of(results, "T3-COLUMNS") if "t3.granted.commercial" in r.cells]
    outcomes = [r for r in of(results, "T3-OUTCOMES") if "t3.granted.commercial" in r.cells]
    for r in columns + outcomes:
        assert r.status == NOT_ASSESSABLE
        assert "未读取（表头只有5列而该行有8个数值" in r.message
    assert not of(results, "T3-COLUMNS", FAIL) and not has_errors(results)


def test_a_rule_used_to_decode_run_together_digits_says_it_is_not_an_independent_check():
    report = balanced()
    cell = report.cells["t3.new_received.total"]
    report.cells["t3.new_received.total"] = dataclasses.replace(cell, provenance="decoded", decoded_by=("T3-COLUMNS",))
    results = check(report)
    (row,) = [r for r in of(results, "T3-COLUMNS") if "t3.new_received.total" in r.cells]
    assert row.status == PASS and "不是独立核对" in row.message
    balance = [r for r in of(results, "T3-BALANCE") if "t3.new_received.total" in r.cells]
    assert balance and all("不是独立核对" not in r.message for r in balance)
    assert report.provenance_counts()["decoded"] == 1
