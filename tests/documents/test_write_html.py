"""The HTML writer prints the official layout: exact labels, merged cells, escaped text."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import (
    SECTION_HEADING_2019_PROBLEMS,
    SECTIONS,
    T3_HEADER_NOTE,
    T3_ROWS,
    T3_ROWS_2019,
    cell_addresses,
)
from xxgk.core.report.model import Cell, Report
from xxgk.documents.write_html import PRINT_CSS, report_html, value_font_class


def _doc(report: Report):
    return lxml_html.document_fromstring(report_html(report))


def _span(doc, table: str, text: str) -> tuple[int, int]:
    cells = [c for c in doc.xpath(f'//table[@class="{table}"]//th') if c.text_content() == text]
    assert cells, f"{text} not printed in {table}"
    cell = cells[0]
    return int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))


def test_title_is_unit_year_and_the_fixed_words():
    doc = _doc(literal_report())
    assert doc.xpath("//h1")[0].text_content() == "勍香镇2022年政府信息公开工作年度报告"
    assert doc.xpath("//title")[0].text_content() == "勍香镇2022年政府信息公开工作年度报告"


def test_a_given_title_wins_over_the_built_one():
    report = literal_report()
    report.title = "某局2022年度政府信息公开工作报告"
    assert _doc(report).xpath("//h1")[0].text_content() == "某局2022年度政府信息公开工作报告"


@pytest.mark.parametrize(
    ("t3_format", "headings"),
    [
        ("2021", [h for _, h in SECTIONS]),
        ("2019", [h if k != "problems" else SECTION_HEADING_2019_PROBLEMS for k, h in SECTIONS]),
    ],
)
def test_six_section_headings_of_the_format(t3_format, headings):
    report = literal_report(t3_format=t3_format)
    if t3_format == "2019":
        report.t2_format = None  # a report is 2019 format only when no table is of the 2021 format
    assert [h.text_content() for h in _doc(report).xpath("//h2")] == headings


@pytest.mark.parametrize(
    ("table", "label", "span"),
    [
        ("table3", T3_HEADER_NOTE, (3, 3)),
        ("table3", "申请人情况", (1, 7)),
        ("table3", "自然人", (2, 1)),
        ("table3", "法人或其他组织", (1, 5)),
        ("table3", "总计", (2, 1)),
        ("table3", "商业企业", (1, 1)),
        ("table3", "三、本年度办理结果", (22, 1)),
        ("table3", "（一）予以公开", (1, 2)),
        ("table3", "（三）不予公开", (8, 1)),
        ("table3", "（四）无法提供", (3, 1)),
        ("table3", "（五）不予处理", (5, 1)),
        ("table3", "（六）其他处理", (3, 1)),
        ("table3", "（七）总计", (1, 2)),
        ("table3", "一、本年新收政府信息公开申请数量", (1, 3)),
        ("table3", "四、结转下年度继续办理", (1, 3)),
        ("table4", "行政复议", (1, 5)),
        ("table4", "行政诉讼", (1, 10)),
        ("table4", "未经复议直接起诉", (1, 5)),
        ("table4", "复议后起诉", (1, 5)),
        ("table4", "结果维持", (2, 1)),
        ("table2", "第二十条第（一）项", (1, 4)),
        ("table2", "本年收费金额（单位：万元）", (1, 3)),
    ],
)
def test_merged_header_cells_span_as_the_format_prints_them(table, label, span):
    assert _span(_doc(literal_report()), table, label) == span


def test_2019_table3_has_one_other_handling_row_under_a_shorter_group():
    doc = _doc(literal_report(t3_format="2019"))
    assert _span(doc, "table3", "三、本年度办理结果") == (20, 1)
    assert _span(doc, "table3", "（六）其他处理") == (1, 2)
    labels = [th.text_content() for th in doc.xpath('//table[@class="table3"]/tbody//th')]
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" not in labels
    assert len(doc.xpath('//table[@class="table3"]/tbody/tr')) == len(T3_ROWS_2019)


def test_every_row_label_printed_exactly_and_every_grid_row_is_ten_columns_wide():
    doc = _doc(literal_report())
    labels = {th.text_content() for th in doc.xpath('//table[@class="table3"]//th')}
    assert {row.label for row in T3_ROWS} <= labels
    rows = doc.xpath('//table[@class="table3"]//tr')
    covered: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for tr in rows:
        width = sum(int(c.get("colspan", 1)) for c in tr) + sum(1 for v in covered.values() if v > 0)
        assert width == 10
        covered = {k: v - 1 for k, v in covered.items() if v > 1}
        column = 0
        for c in tr:
            while covered.get(column, 0) > 0:
                column += 1
            if int(c.get("rowspan", 1)) > 1:
                for dc in range(int(c.get("colspan", 1))):
                    covered[column + dc] = int(c.get("rowspan")) - 1
            column += int(c.get("colspan", 1))


def test_cells_print_value_blank_na_and_text_at_their_address():
    report = literal_report()
    doc = _doc(report)
    printed = {td.get("data-address"): td.text_content() for td in doc.xpath("//td[@data-address]")}
    assert list(printed) == cell_addresses()
    assert printed["t2.fees.amount"] == "12.35"
    assert printed["t3.carried_over.research"] == ""
    assert printed["t3.granted.research"] == "/"
    assert printed["t4.review.other"] == "见说明"
    assert printed["t3.new_received.natural_person"] == report.cell("t3.new_received.natural_person").value


def test_text_is_escaped_and_header_rows_are_a_thead():
    text = report_html(literal_report())
    assert "的第一段&lt;&amp;&gt;。" in text
    assert "<&>" not in text
    doc = lxml_html.document_fromstring(text)
    assert len(doc.xpath('//table[@class="table3"]/thead/tr')) == 3
    assert len(doc.xpath('//table[@class="table4"]/thead/tr')) == 3


def test_print_css_sets_a4_and_cjk_fonts():
    text = report_html(literal_report())
    assert "size: A4" in text
    assert '"Noto Serif CJK SC", "Noto Sans CJK SC", serif' in text


def test_a_report_without_table3_prints_no_table3():
    report = literal_report()
    report.t3_format = None
    doc = _doc(report)
    assert not doc.xpath('//table[@class="table3"]')
    assert doc.xpath('//table[@class="table2"]') and doc.xpath('//table[@class="table4"]')


@pytest.mark.parametrize(("value", "shrinks"), [(7, False), (12345, False), (987654321, True)])
def test_wide_numbers_print_smaller_so_they_fit_their_column(value, shrinks):
    report = literal_report()
    report.cells["t4.review.total"] = Cell.of(value)
    text = report_html(report)
    cell = lxml_html.document_fromstring(text).xpath('//td[@data-address="t4.review.total"]')[0]
    size_classes = [c for c in cell.get("class").split() if c.startswith("fs-")]
    assert bool(size_classes) is shrinks
    for name in size_classes:
        assert f"td.value.{name} {{ font-size:" in text  # the class is defined in the document's own CSS
    assert cell.text_content() == str(value)


@pytest.mark.parametrize(
    ("value_pt", "expected"),
    [(9.0, None), (9.5, None), (8.9, "fs-85"), (8.5, "fs-85"), (6.2, "fs-60"), (5.0, "fs-50"), (4.0, "fs-50")],
)
def test_a_reduced_value_font_rounds_down_to_a_half_point_class(value_pt, expected):
    assert value_font_class(value_pt) == expected


def test_no_element_carries_an_inline_style_so_the_tables_pass_a_strict_csp():
    doc = _doc(literal_report())
    assert not doc.xpath("//*[@style]")
    widths = [c for c in PRINT_CSS.splitlines() if c.startswith("table.table3 col:nth-child(")]
    assert len(widths) == 10
    assert "table.table3 col:nth-child(3) { width: 27.00%; }" in widths
