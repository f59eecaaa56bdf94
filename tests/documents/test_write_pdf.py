"""The PDF writer: A4 pages with a text layer in embedded Noto CJK fonts, header rows repeated."""

from __future__ import annotations

from io import BytesIO

import pdfplumber
import pytest

from tests.documents.write_fixtures import literal_report
from xxgk.documents.write_pdf import html_pdf, report_pdf


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(BytesIO(report_pdf(literal_report()))) as document:
        pages = [
            (page.width, page.height, page.extract_text() or "", {c["fontname"] for c in page.chars})
            for page in document.pages
        ]
    return pages


def test_pages_are_a4(pdf):
    for width, height, _, _ in pdf:
        assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)


@pytest.mark.parametrize(
    "label",
    [
        "勍香镇2022年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "本年收费金额（单位：万元）",
        "申请人情况",
        "法人或其他组织",
        "四、政府信息公开行政复议、行政诉讼情况",
        "六、其他需要报告的事项",
        "12.35",
    ],
)
def test_text_layer_holds_the_labels(pdf, label):
    text = "".join(page_text for _, _, page_text, _ in pdf).replace("\n", "")
    assert label in text


def test_cjk_text_uses_embedded_noto_cjk_fonts(pdf):
    fonts = set().union(*(page_fonts for _, _, _, page_fonts in pdf))
    assert fonts
    assert all("CJK" in name or "Noto" in name for name in fonts), fonts


def test_table3_header_repeats_on_the_next_page(pdf):
    assert len(pdf) >= 2
    pages_with_head = [i for i, (_, _, text, _) in enumerate(pdf) if "申请人情况" in text]
    assert len(pages_with_head) >= 2


@pytest.mark.parametrize(
    ("page_css", "size_mm"),
    [("@page { size: A4; }", (210, 297)), ("@page { size: A5 landscape; }", (210, 148))],
)
def test_any_html_page_is_laid_out_with_its_own_page_size_and_a_chinese_text_layer(page_css, size_mm):
    html = f"<html><head><style>{page_css}</style></head><body><p>政府信息公开申请受理回执</p></body></html>"
    with pdfplumber.open(BytesIO(html_pdf(html))) as document:
        (page,) = document.pages
        assert (round(page.width * 25.4 / 72), round(page.height * 25.4 / 72)) == size_mm
        assert "政府信息公开申请受理回执" in (page.extract_text() or "")
