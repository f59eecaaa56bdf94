"""Write a report as a DOCX document (A4, Chinese fonts, the official merged table cells).

The tables come from :mod:`xxgk.documents.write_grid`, so the DOCX merges
exactly the cells the HTML spans (spec annual-report.md §2–§4).
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt
from docx.table import _Cell, _Row
from docx.text.run import Run

from xxgk.core.report.layout import SECTIONS
from xxgk.core.report.model import Report
from xxgk.documents.write_grid import Table, expanded, report_tables, report_title, section_heading, section_paragraphs

__all__ = ["BODY_FONT", "HEADING_FONT", "TABLE_FONT", "TITLE_FONT", "report_docx"]

# East Asian font names as Chinese government documents use them; Word and
# LibreOffice substitute an installed CJK font (e.g. Noto Serif CJK SC) when absent.
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
_LATIN_FONT = "Times New Roman"


def _set_fonts(run: Run, east_asia: str, size: float, *, bold: bool = False) -> None:
    """Set a run's Latin and East Asian fonts (w:rFonts w:eastAsia), size and weight."""
    run.font.name = _LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    _set_east_asia_font(run._element.get_or_add_rPr(), east_asia)


def _default_fonts(document: DocxDocument) -> None:
    """Set the Normal style to the body fonts: Times New Roman for Latin text, 仿宋 for Chinese, 12 pt."""
    style = document.styles["Normal"]
    style.font.name = _LATIN_FONT
    style.font.size = Pt(12)
    _set_east_asia_font(style.element.get_or_add_rPr(), BODY_FONT)


def _set_east_asia_font(r_pr: CT_RPr, font: str) -> None:
    """Name the font Word uses for Chinese characters (w:rFonts w:eastAsia); python-docx has no API for it."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), font)


def _repeat_as_header(row: _Row) -> None:
    """Mark a table row as a header row, repeated at the top of each page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _add_table(document: DocxDocument, table: Table) -> None:
    grid = expanded(table)
    out = document.add_table(rows=len(grid), cols=table.width)
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Table.cell() rescans the whole table on each call; take every cell once, before any merge.
    # Spans never overlap, so an origin's own cells are untouched by earlier merges.
    cells = [[_Cell(tc, out) for tc in tr.tc_lst] for tr in out._tbl.tr_lst]
    for r, row in enumerate(grid):
        for c, slot in enumerate(row):
            if not slot.is_origin:
                continue
            cell = slot.cell
            target = cells[r][c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = target.paragraphs[0]
            left = table.key == "table3" and r >= table.head_rows and cell.header
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            if cell.text:
                _set_fonts(paragraph.add_run(cell.text), TABLE_FONT, 9, bold=bool(table.rows[r].caption))
    for r in range(table.head_rows):
        _repeat_as_header(out.rows[r])


def report_docx(report: Report) -> bytes:
    """The report as DOCX bytes: A4 page, centred title, section headings, text and tables."""
    document = Document()
    _default_fonts(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    document.core_properties.title = report_title(report)
    document.core_properties.language = "zh-CN"

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_fonts(title.add_run(report_title(report)), TITLE_FONT, 18, bold=True)
    tables = report_tables(report)
    for key, _ in SECTIONS:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
        _set_fonts(heading.add_run(section_heading(report, key)), HEADING_FONT, 14, bold=True)
        for text in section_paragraphs(report, key):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(24)
            _set_fonts(paragraph.add_run(text), BODY_FONT, 12)
        if key in tables:
            _add_table(document, tables[key])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
