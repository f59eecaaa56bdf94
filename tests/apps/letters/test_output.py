"""DOCX and PDF of an issued letter: read back, they carry the unit, number, article, remedy and seal place."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

from xxgk.apps.letters.output import SEAL, LetterDocument, letter_docx, letter_html, letter_pdf
from xxgk.apps.letters.services import letter_issue
from xxgk.apps.letters.views import _document

D = dt.date


@pytest.fixture
def withheld_letter(make_case, town):
    case = make_case(outcome="withheld_process_info", decisions=[("withheld_process_info", "属于内部讨论记录")])
    return letter_issue(case=case, kind="reply_withheld", actor=town.people.handler, on=D(2026, 6, 22))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.django_db
def test_docx_has_title_centred_number_article_remedy_seal_and_east_asian_fonts(withheld_letter):
    document = Document(io.BytesIO(letter_docx(_document(withheld_letter))))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "勍香镇人民政府" and texts[1] == "政府信息公开申请答复书（不予公开）"
    assert document.paragraphs[1].alignment == 1  # centred
    assert "勍香镇公开〔2026〕1号" in texts and SEAL in texts and "2026年6月22日" in texts
    full = "".join(texts)
    assert "第十六条第二款、第三十六条第（三）项" in full and "应当先申请行政复议" in full
    assert "六十日内向示例县人民政府申请行政复议" in full
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.paragraphs[3].runs[0]._element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"


@pytest.mark.django_db
def test_pdf_text_layer_has_number_article_and_remedy(withheld_letter):
    with pdfplumber.open(io.BytesIO(letter_pdf(_document(withheld_letter)))) as pdf:
        text = _flat("".join(page.extract_text() or "" for page in pdf.pages))
        width, height = pdf.pages[0].width, pdf.pages[0].height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    for wanted in ("勍香镇公开〔2026〕1号", "第十六条第二款、第三十六条第（三）项", "应当先申请行政复议", "（盖章）"):
        assert _flat(wanted) in text


def test_html_escapes_the_letter_text():
    html = letter_html(LetterDocument("单位", "标题", "号", "2026年1月1日", "致：\n<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html
