"""Write a report as a complete HTML document in the official layout, ready for A4 print.

The layout follows 国办公开办函〔2021〕30号 (spec annual-report.md §1–§4): the
six section headings, table 二 in captioned blocks, table 三 and table 四 with
their merged header cells. The same document is the source of the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from xxgk.core.report.layout import SECTIONS
from xxgk.core.report.model import Report
from xxgk.documents.write_grid import (
    GridCell,
    Table,
    report_tables,
    report_title,
    section_heading,
    section_paragraphs,
)

__all__ = ["PRINT_CSS", "TABLE_CSS", "CellLink", "report_html", "table_html", "value_font_class"]

CellLink = Callable[[str], str | None]


_PAGE_TEXT_WIDTH_MM = 170.0  # A4 width less the 20 mm side margins
_VALUE_FONT_PT = 9.0
_MIN_VALUE_FONT_PT = 5.0
_FONT_STEP_PT = 0.5
_PT_MM = 25.4 / 72

# Column widths in percent: wide label columns, equal value columns. Tables not
# listed here get equal columns from ``table-layout: fixed``.
_COLUMN_WIDTHS = {
    "table3": (9.0, 11.0, 27.0) + (53.0 / 7,) * 7,
}


def _font_classes() -> list[tuple[str, float]]:
    """Every reduced value font size as (class name, size in pt), from the minimum up to just under normal."""
    steps = round((_VALUE_FONT_PT - _MIN_VALUE_FONT_PT) / _FONT_STEP_PT)
    sizes = [_MIN_VALUE_FONT_PT + i * _FONT_STEP_PT for i in range(steps)]
    return [(f"fs-{round(size * 10)}", size) for size in sizes]


def _table_css() -> str:
    """CSS for column widths and reduced value fonts, so the tables need no inline ``style`` attribute.

    The web pages serve the same table markup under a Content-Security-Policy
    with ``style-src 'self'``, where inline styles are refused.
    """
    rules = [
        f"table.{key} col:nth-child({index}) {{ width: {width:.2f}%; }}"
        for key, widths in _COLUMN_WIDTHS.items()
        for index, width in enumerate(widths, start=1)
    ]
    rules += [f"td.value.{name} {{ font-size: {size:.1f}pt; }}" for name, size in _font_classes()]
    return "\n".join(rules) + "\n"


TABLE_CSS = _table_css()

PRINT_CSS = (
    """
@page { size: A4; margin: 25mm 20mm 22mm 20mm;
        @bottom-center { content: counter(page); font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.6;
       color: #000; background: #fff; }
body { max-width: 190mm; margin: 0 auto; padding: 1em; }
h1 { font-size: 18pt; text-align: center; font-weight: bold; margin: 0 0 1em; }
h2 { font-size: 14pt; font-weight: bold; margin: 1.2em 0 0.5em; font-family: "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: 0 0 0.4em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 9pt; line-height: 1.3;
        table-layout: fixed; }
th, td { border: 0.6pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
td.value { font-family: "Noto Sans CJK SC", sans-serif; white-space: nowrap; padding: 2pt 1pt; }
th.row-label { text-align: left; }
tr.caption th { font-weight: bold; background: #f2f2f2; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
@media print { body { padding: 0; max-width: none; } }
"""
    + TABLE_CSS
)


def _width_em(text: str) -> float:
    """Approximate printed width of text in em: CJK characters 1 em, digits and Latin about 0.6 em."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def value_font_pt(table: Table) -> float:
    """The font size that fits the widest single-column value of a table into its narrowest value column."""
    widths = _COLUMN_WIDTHS.get(table.key) or (100 / table.width,) * table.width
    column_mm = min(widths[-7:] if table.key == "table3" else widths) * _PAGE_TEXT_WIDTH_MM / 100 - 1.5
    widest = max(
        (_width_em(cell.text) for row in table.rows for cell in row.cells if not cell.header and cell.colspan == 1),
        default=0.0,
    )
    if widest == 0:
        return _VALUE_FONT_PT
    return max(_MIN_VALUE_FONT_PT, min(_VALUE_FONT_PT, round(column_mm / (widest * _PT_MM), 1)))


def value_font_class(value_pt: float) -> str | None:
    """The CSS class printing values at ``value_pt`` or the next smaller step, or None at the normal size."""
    if value_pt >= _VALUE_FONT_PT:
        return None
    fitting = [name for name, size in _font_classes() if size <= value_pt + 1e-9]
    return fitting[-1] if fitting else _font_classes()[0][0]


def _cell_html(
    cell: GridCell, *, left: bool = False, value_pt: float = _VALUE_FONT_PT, link: CellLink | None = None
) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = escape(cell.text)
    if cell.header:
        cls = ' class="row-label"' if left else ""
        return f"<th{attrs}{cls}>{text}</th>"
    address = f' data-address="{escape(cell.address)}"' if cell.address else ""
    font = value_font_class(value_pt)
    cls = f"value {font}" if font else "value"
    href = link(cell.address) if link is not None and cell.address else None
    if href:
        text = f'<a href="{escape(href)}">{text}</a>'
    return f'<td{attrs} class="{cls}"{address}>{text}</td>'


def _colgroup(table: Table) -> str:
    """One ``<col>`` per grid column; their widths come from TABLE_CSS, never from a style attribute."""
    return "<colgroup>" + "<col>" * table.width + "</colgroup>"


def table_html(table: Table, *, link: CellLink | None = None) -> str:
    """One table as HTML: header rows in ``thead`` (repeated on each printed page), the rest in ``tbody``.

    ``link`` (used by the web pages) maps a value cell's address to a URL, or None
    for no link; the value is then printed inside ``<a href>``.
    """
    lines = [f'<table class="{table.key}">', _colgroup(table)]
    value_pt = value_font_pt(table)
    head = table.head_rows
    for index, row in enumerate(table.rows):
        if index == 0 and head:
            lines.append("<thead>")
        if index == head:
            if head:
                lines.append("</thead>")
            lines.append("<tbody>")
        row_class = ' class="caption"' if row.caption else ""
        left = table.key == "table3" and index >= head
        cells = "".join(_cell_html(cell, left=left and cell.header, value_pt=value_pt, link=link) for cell in row.cells)
        lines.append(f"<tr{row_class}>{cells}</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


def report_html(report: Report) -> str:
    """The report as a complete HTML document (UTF-8, A4 print CSS, all text escaped)."""
    title = report_title(report)
    tables = report_tables(report)
    body = [f"<h1>{escape(title)}</h1>"]
    for key, _ in SECTIONS:
        body.append(f'<h2 id="{key}">{escape(section_heading(report, key))}</h2>')
        body.extend(f"<p>{escape(paragraph)}</p>" for paragraph in section_paragraphs(report, key))
        if key in tables:
            body.append(table_html(tables[key]))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{PRINT_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
