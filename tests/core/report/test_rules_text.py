"""TEXT-NUMBERS and TEXT-FEES: the narrative against the tables (spec §6), and reading counts in prose."""

from __future__ import annotations

import dataclasses

import pytest

from tests.core.report.rules_factory import balanced, set_cell
from xxgk.core.report.model import Section
from xxgk.core.report.rules import FAIL, NOT_ASSESSABLE, PASS, WARNING, check
from xxgk.core.report.rules.numerals import parse_count
from xxgk.core.report.rules.text import find_statements


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("7", 7),
        ("１２", 12),
        ("零", 0),
        ("〇", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("两百零五", 205),
        ("一千零一十", 1010),
        ("三万二千", 32000),
        ("一二", None),
        ("十件", None),
        ("", None),
    ],
)
def test_parse_count_reads_digits_full_width_digits_and_chinese_numerals(text, count):
    assert parse_count(text) == count


def with_overview(text: str, year: int = 2022):
    report = balanced(year=year)
    report.sections["overview"] = Section("overview", "一、总体情况", text)
    return report


# balanced(): new_received.total 7, carried_over.total 1, carried_forward.total 1, review total 2, litigation 0.
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2022年，本机关新收政府信息公开申请7件。", [("新收申请", 7)]),
        ("本年度新收到政府信息公开申请共计七件，上年结转1件。", [("新收申请", 7), ("上年结转申请", 1)]),
        ("新收申请数量为１件。", [("新收申请", 1)]),
        ("结转下年度继续办理2件。", [("结转下年度申请", 2)]),
        ("另有1件申请结转至下一年度办理。", [("结转下年度申请", 1)]),
        ("全年发生政府信息公开行政复议两件，行政诉讼1起。", [("行政复议", 2), ("行政诉讼", 1)]),
        ("本年度行政复议和行政诉讼均为0件。", [("行政复议", 0), ("行政诉讼", 0)]),
        ("较上年新收申请8件有所增加。", []),
        ("2021年新收政府信息公开申请9件。", []),
        ("与上年相比，2022年新收政府信息公开申请7件。", [("新收申请", 7)]),
        ("行政复议、行政诉讼共3件。", []),
        ("本年度未发生行政复议。", []),
        ("收到自然人申请5件。", []),
        ("全市共新收政府信息\n公开申请7件。", [("新收申请", 7)]),
        ("结转下年度\n\n2件。", []),
    ],
)
def test_find_statements_reads_only_unambiguous_counts_of_the_report_year(text, found):
    assert [(s.what, s.count) for s in find_statements(with_overview(text))] == found


@pytest.mark.parametrize(
    ("text", "status", "cells", "printed", "computed"),
    [
        ("本年新收政府信息公开申请7件。", PASS, ["t3.new_received.total"], "7", "7"),
        ("本年新收政府信息公开申请１２件。", FAIL, ["t3.new_received.total"], "7", "12"),
        ("上年结转申请3件。", FAIL, ["t3.carried_over.total"], "1", "3"),
        ("结转下年度继续办理一件。", PASS, ["t3.carried_forward.total"], "1", "1"),
        ("行政复议2件。", PASS, ["t4.review.total"], "2", "2"),
        (
            "行政诉讼1件。",
            FAIL,
            ["t4.litigation_direct.total", "t4.litigation_after_review.total"],
            "0",
            "1",
        ),
    ],
)
def test_text_numbers_compares_each_statement_with_its_cell(text, status, cells, printed, computed):
    results = [r for r in check(with_overview(text)) if r.rule == "TEXT-NUMBERS"]
    assert [(r.status, r.cells, r.printed, r.computed) for r in results] == [(status, cells, printed, computed)]
    assert results[0].severity == WARNING
    assert text.rstrip("。") in results[0].message
    assert len(results[0].places) == len(cells)


def test_text_numbers_names_the_sentence_and_the_cell_that_disagree():
    (bad,) = [r for r in check(with_overview("本年新收政府信息公开申请9件。")) if r.rule == "TEXT-NUMBERS"]
    assert "“一、总体情况”中“本年新收政府信息公开申请9件。”称新收申请 9 件" in bad.message
    assert "表三“一、本年新收政府信息公开申请数量”行“总计”列为 7，相差 -2" in bad.message


def test_text_numbers_is_not_assessable_when_the_cell_is_blank():
    report = with_overview("本年新收政府信息公开申请7件。")
    set_cell(report, "t3.new_received.total", None)
    (only,) = [r for r in check(report) if r.rule == "TEXT-NUMBERS"]
    assert only.status == NOT_ASSESSABLE and "空白" in only.message


def with_other(text: str | None, unpaid: int | str | None = 0, t3_format: str = "2021"):
    report = balanced(t3_format, year=2020)
    if t3_format == "2021":
        set_cell(report, "t3.other_fee_unpaid.total", unpaid)
    if text is None:
        del report.sections["other"]
    else:
        report.sections["other"] = Section("other", "六、其他需要报告的事项", text)
    return report


@pytest.mark.parametrize(
    ("text", "unpaid", "t3_format", "status"),
    [
        ("无", 0, "2021", FAIL),
        ("", 0, "2021", FAIL),
        (None, 0, "2021", FAIL),
        ("本年度未收取信息处理费。", 0, "2021", PASS),
        ("本机关没有收取任何信息处理费。", 0, "2021", PASS),
        ("信息处理费：无。", 0, "2021", PASS),
        ("本年度收取信息处理费０元。", 0, "2021", PASS),
        ("共收取信息处理费120元。", 0, "2021", PASS),
        ("未产生信息处理费。", 0, "2021", PASS),
        ("本年度未收取信息处理费。", 2, "2021", FAIL),
        ("发出收费通知2件，申请人均未缴纳，未收取信息处理费。", 2, "2021", PASS),
        ("本年度未收取信息处理费。", None, "2021", NOT_ASSESSABLE),
        ("本年度未收取信息处理费。", "/", "2021", NOT_ASSESSABLE),
        ("本年度未收取信息处理费。", 0, "2019", PASS),
        ("无其他需要报告的事项。", 0, "2019", FAIL),
    ],
)
def test_text_fees(text, unpaid, t3_format, status):
    results = [r for r in check(with_other(text, unpaid, t3_format)) if r.rule == "TEXT-FEES"]
    assert [r.status for r in results] == [status]
    assert results[0].severity == WARNING


@pytest.mark.parametrize(("text", "said"), [("无", "仅写“无”"), ("", "没有内容"), (" \n", "没有内容")])
def test_text_fees_quotes_what_section_six_says_or_that_it_is_empty(text, said):
    (bad,) = [r for r in check(with_other(text)) if r.rule == "TEXT-FEES"]
    assert bad.message.startswith(f"“六、其他需要报告的事项”{said}，未说明是否收取信息处理费")


def test_text_fees_names_the_fee_row_when_a_fee_notice_is_not_mentioned():
    (bad,) = [r for r in check(with_other("本年度未收取信息处理费。", 2)) if r.rule == "TEXT-FEES"]
    assert bad.cells == ["t3.other_fee_unpaid.total"]
    assert "逾期未按收费通知要求缴纳费用" in bad.message and "为 2" in bad.message


def test_a_published_report_states_counts_that_agree_but_omits_its_fee_notices():
    from tests.conftest import CORPUS
    from xxgk.documents.read import read_report

    results = check(read_report(CORPUS / "huaian-city-2024.pdf"))
    numbers = [(r.status, r.cells[0], r.computed) for r in results if r.rule == "TEXT-NUMBERS"]
    assert numbers == [
        (PASS, "t3.new_received.total", "3119"),  # 全市共受理政府信息公开申请3119件
        (PASS, "t3.total_processed.total", "3050"),  # 答复3050件
        (PASS, "t3.carried_over.total", "34"),
        (PASS, "t3.carried_forward.total", "103"),  # 另有103件顺延到下年度答复
        (PASS, "t4.review.total", "351"),
        (PASS, "t4.litigation_direct.total", "46"),
    ]
    (fees,) = [r for r in results if r.rule == "TEXT-FEES"]
    assert fees.status == FAIL and fees.cells == ["t3.other_fee_unpaid.total"] and "为 6" in fees.message


# --- SECTION-EMPTY -------------------------------------------------------------------------------


def _sections_report(overview: str, problems: str, other: str | None):
    from tests.core.report.rules_factory import balanced
    from xxgk.core.report.model import Place, Section

    report = balanced()
    report.sections["overview"] = Section("overview", "一、总体情况", overview, Place(line=3))
    report.sections["problems"] = Section("problems", "五、存在的主要问题及改进情况", problems, Place(line=90))
    if other is None:
        del report.sections["other"]
    else:
        report.sections["other"] = Section("other", "六、其他需要报告的事项", other)
    return report


def test_section_empty_warns_for_empty_sections_one_and_five_that_used_to_pass():
    from xxgk.core.report.rules import FAIL, PASS, check, has_errors

    results = check(_sections_report("", " \n\u3000 ", "未收取信息处理费。"))
    empty = [r for r in results if r.rule == "SECTION-EMPTY"]
    assert [r.status for r in empty] == [FAIL, FAIL, PASS]
    assert "一、总体情况" in empty[0].message and "第3行" in empty[0].message
    assert "五、存在的主要问题及改进情况" in empty[1].message and empty[1].severity == "warning"
    assert not has_errors(results)  # a warning, not an error


def test_section_empty_passes_any_text_and_cannot_judge_a_missing_heading():
    from xxgk.core.report.rules import NOT_ASSESSABLE, PASS, check

    results = check(_sections_report("本年度主动公开信息12条。", "无。", None))
    empty = {r.message[:8]: r.status for r in results if r.rule == "SECTION-EMPTY"}
    assert list(empty.values()) == [PASS, PASS, NOT_ASSESSABLE]


# --- phrasings of the real corpus -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2022年，全区收到政府信息公开申请75件，涉及自然人72件。", [("收到申请", 75)]),
        ("2022年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件。", [("收到申请", 81)]),
        (
            "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
            [("收到申请", 3119), ("办结申请", 3050), ("上年结转申请", 34), ("结转下年度申请", 103)],
        ),
        ("共有行政诉讼案件1件、行政复议案件2件，均已结案。", [("行政诉讼", 1), ("行政复议", 2)]),
        ("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。", [("行政复议", 2), ("行政诉讼", 7)]),
        # One office's own count is not the unit's: no 全/共, not read.
        ("2022年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。", []),
        ("行政复议、行政诉讼共3件。", []),
    ],
)
def test_common_phrasings_of_real_reports_are_read(text, found):
    assert [(s.what, s.count) for s in find_statements(with_overview(text))] == found


def test_received_agrees_with_new_or_with_new_plus_carried_over_and_fails_otherwise():
    report = with_overview("")
    new = report.number("t3.new_received.total")
    over = report.number("t3.carried_over.total")
    assert new is not None and over is not None and over > 0
    for count, status in ((new, PASS), (new + over, PASS), (new + over + 1, FAIL)):
        report.sections["overview"] = dataclasses.replace(
            report.sections["overview"], text=f"2022年，全区收到政府信息公开申请{count}件。"
        )
        (result,) = [r for r in check(report) if r.rule == "TEXT-NUMBERS"]
        assert result.status == status, count
    assert result.cells == ["t3.new_received.total"] and result.computed == str(new + over + 1)


@pytest.mark.parametrize(
    "source",
    [
        "huaian-city-2024.pdf",
        "huaian-hongze-2024.pdf",
        "pingtan-2019.txt",
        "pingtan-2022.txt",
        "pingtan-2023.txt",
        "pingtan-2023.html",
    ],
)
def test_no_text_numbers_warning_on_the_real_corpus(source):
    from tests.conftest import CORPUS
    from xxgk.documents.read import read_report

    results = [r for r in check(read_report(CORPUS / source)) if r.rule == "TEXT-NUMBERS"]
    assert all(r.status == PASS for r in results), [r.message for r in results]
