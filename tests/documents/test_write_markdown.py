"""The Markdown writer prints headings and one complete pipe table per statistical table."""

from __future__ import annotations

import pytest

from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import SECTIONS, T3_ROWS, T3_ROWS_2019
from xxgk.documents.write_markdown import _escape_paragraph, report_markdown


def _tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.split("\n"):
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            if not line.startswith("| ---") and not line.startswith("|---"):
                cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
                current.append(cells)
        else:
            current = None
    return tables


def test_title_and_section_headings():
    lines = report_markdown(literal_report()).split("\n")
    assert lines[0] == "# 勍香镇2022年政府信息公开工作年度报告"
    assert [line[3:] for line in lines if line.startswith("## ")] == [h for _, h in SECTIONS]


def test_three_tables_of_constant_width():
    tables = _tables(report_markdown(literal_report()))
    assert [len(t) for t in tables] == [14, 3 + len(T3_ROWS), 4]
    for table, width in zip(tables, (4, 10, 15), strict=True):
        assert {len(row) for row in table} == {width}


@pytest.mark.parametrize(("t3_format", "rows"), [("2021", T3_ROWS), ("2019", T3_ROWS_2019)])
def test_every_table3_row_names_its_group_and_label_and_has_seven_values(t3_format, rows):
    report = literal_report(t3_format=t3_format)
    table3 = _tables(report_markdown(report))[1]
    body = table3[3:]
    for row, printed in zip(rows, body, strict=True):
        assert row.label in printed[:3]
        if row.group and row.group != "三、本年度办理结果":
            assert printed[:3] == ["三、本年度办理结果", row.group, row.label]
        assert printed[3:] == [
            report.cell(f"t3.{row.key}.{c}").raw
            if report.cell(f"t3.{row.key}.{c}").kind == "na"
            else report.cell(f"t3.{row.key}.{c}").value
            for c in (
                "natural_person",
                "commercial",
                "research",
                "social_welfare",
                "legal_services",
                "other_org",
                "total",
            )
        ]


def test_column_spans_are_empty_and_row_spans_repeat_the_label():
    tables = _tables(report_markdown(literal_report()))
    table2, table3, table4 = tables
    assert table2[0] == ["第二十条第（一）项", "", "", ""]
    fee_row = next(row for row in table2 if row[0] == "行政事业性收费")
    assert fee_row == ["行政事业性收费", "12.35", "", ""]
    assert table3[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert table4[2][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert table4[1][5:] == ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]


@pytest.mark.parametrize(
    ("paragraph", "printed"),
    [
        ("# 不是标题", "\\# 不是标题"),
        ("- 不是列表", "\\- 不是列表"),
        ("1. 不是列表", "1\\. 不是列表"),
        ("1.属于国家秘密", "1.属于国家秘密"),
        ("a|b", "a\\|b"),
        ("（一）加强组织领导。", "（一）加强组织领导。"),
    ],
)
def test_paragraphs_never_turn_into_markup(paragraph, printed):
    assert _escape_paragraph(paragraph) == printed
