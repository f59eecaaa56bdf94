"""An issued letter as DOCX (python-docx) and PDF (WeasyPrint): A4, Chinese fonts, number, date, seal place.

Takes a plain :class:`LetterDocument`, so it is an adapter like those of
xxgk.documents; the PDF reuses the print CSS of xxgk.documents.write_html.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from xxgk.documents.write_html import PRINT_CSS

__all__ = ["SEAL", "LetterDocument", "letter_docx", "letter_html", "letter_pdf"]

SEAL = "（盖章）"
TITLE_FONT = "宋体"
BODY_FONT = "仿宋"


@dataclass(frozen=True)
class LetterDocument:
    """What a printed letter shows."""

    unit_name: str
    title: str
    number: str
    issued_on: str
    body: str

    @property
    def paragraphs(self) -> list[str]:
        """The body's non-empty lines, one paragraph each."""
        return [line.strip() for line in self.body.splitlines() if line.strip()]


def _fonts(run: Run, east_asia: str, size: float, *, bold: bool = False) -> None:
    """Set a run's Latin and East Asian fonts (w:rFonts w:eastAsia), size and weight."""
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asia)


def _line(document, text: str, *, align=None, font: str = BODY_FONT, size: float = 16, indent: bool = False) -> None:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.space_after = Pt(0)
    _fonts(paragraph.add_run(text), font, size)


def letter_docx(letter: LetterDocument) -> bytes:
    """The letter as DOCX bytes: A4, title centred, number right, body, unit name, seal place and date."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _line(document, letter.unit_name, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=16)
    _line(document, letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22)
    _line(document, letter.number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for n, text in enumerate(letter.paragraphs):
        _line(document, text, indent=n > 0)  # the first line is the salutation (申请人：)
    document.add_paragraph()
    _line(document, letter.unit_name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, SEAL, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, letter.issued_on, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_LETTER_CSS = """
.unit { text-align: center; text-indent: 0; font-size: 14pt; margin: 0; }
.number, .sign { text-align: right; text-indent: 0; margin: 0; }
.salutation { text-indent: 0; }
.sign-block { margin-top: 2em; }
"""


def letter_html(letter: LetterDocument) -> str:
    """The letter as a complete, escaped HTML document for printing (the report's A4 print CSS)."""
    e = html.escape
    paragraphs = letter.paragraphs
    body = [f'<p class="salutation">{e(paragraphs[0])}</p>'] if paragraphs else []
    body += [f"<p>{e(text)}</p>" for text in paragraphs[1:]]
    return "\n".join(
        [
            '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">',
            f"<title>{e(letter.title)}</title><style>{PRINT_CSS}{_LETTER_CSS}</style></head><body>",
            f'<p class="unit">{e(letter.unit_name)}</p>',
            f"<h1>{e(letter.title)}</h1>",
            f'<p class="number">{e(letter.number)}</p>',
            *body,
            '<div class="sign-block">',
            f'<p class="sign">{e(letter.unit_name)}</p>',
            f'<p class="sign">{e(SEAL)}</p>',
            f'<p class="sign">{e(letter.issued_on)}</p>',
            "</div></body></html>",
        ]
    )


def letter_pdf(letter: LetterDocument) -> bytes:
    """The letter as PDF bytes, laid out by WeasyPrint with the Noto CJK fonts."""
    from xxgk.documents.write_pdf import html_pdf

    return html_pdf(letter_html(letter))
