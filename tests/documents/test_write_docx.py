"""The DOCX writer: A4, Chinese fonts, centred title and the official merged table cells."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import SECTIONS, T3_HEADER_NOTE
from xxgk.documents.write_docx import report_docx


@pytest.fixture(scope="module")
def document():
    return docx.Document(BytesIO(report_docx(literal_report())))


def _extent(table, text: str) -> tuple[int, int]:
    """(rows, columns) that the merged cell holding ``text`` covers."""
    positions = [(r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row.cells) if cell.text == text]
    assert positions, f"{text} not in table"
    rows = {r for r, _ in positions}
    columns = {c for _, c in positions}
    assert len(positions) == len(rows) * len(columns), "a merged cell is a rectangle"
    return len(rows), len(columns)


def test_page_is_a4_with_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20
    assert round(section.top_margin.mm) == 25


def test_title_centred_and_headings_in_order(document):
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == "勍香镇2022年政府信息公开工作年度报告"
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    headings = {h for _, h in SECTIONS}
    assert [p.text for p in paragraphs if p.text in headings] == [h for _, h in SECTIONS]


def test_runs_name_an_east_asian_font(document):
    run = document.paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"


@pytest.mark.parametrize(
    ("table", "text", "extent"),
    [
        (1, T3_HEADER_NOTE, (3, 3)),
        (1, "申请人情况", (1, 7)),
        (1, "自然人", (2, 1)),
        (1, "法人或其他组织", (1, 5)),
        (1, "三、本年度办理结果", (22, 1)),
        (1, "（三）不予公开", (8, 1)),
        (1, "（四）无法提供", (3, 1)),
        (1, "（五）不予处理", (5, 1)),
        (1, "（六）其他处理", (3, 1)),
        (1, "（一）予以公开", (1, 2)),
        (1, "一、本年新收政府信息公开申请数量", (1, 3)),
        (2, "行政诉讼", (1, 10)),
        (2, "未经复议直接起诉", (1, 5)),
        (0, "第二十条第（五）项", (1, 4)),
        (0, "12.35", (1, 3)),
    ],
)
def test_merged_cells_cover_the_official_extent(document, table, text, extent):
    assert _extent(document.tables[table], text) == extent


def test_table_shapes_and_repeated_header_rows(document):
    assert [(len(t.rows), len(t.columns)) for t in document.tables] == [(14, 4), (28, 10), (4, 15)]
    table3 = document.tables[1]
    repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table3.rows]
    assert repeated[:4] == [True, True, True, False]


def test_values_blank_na_and_text(document):
    report = literal_report()
    table3 = document.tables[1]
    granted = next(row for row in table3.rows if row.cells[1].text == "（一）予以公开")
    assert granted.cells[3].text == report.cell("t3.granted.natural_person").value
    assert granted.cells[5].text == "/"
    carried_over = next(row for row in table3.rows if row.cells[0].text == "二、上年结转政府信息公开申请数量")
    assert carried_over.cells[5].text == ""
    assert document.tables[2].rows[3].cells[2].text == "见说明"
