"""Write a report as a PDF (A4, text layer, embedded Noto CJK fonts) from its HTML.

WeasyPrint lays out :func:`xxgk.documents.write_html.report_html`; tables may
break across pages and repeat their header rows (``thead``) on each page.
:func:`html_pdf` is the one place that drives WeasyPrint, for any HTML page
that carries its own print CSS (a report, a letter).
"""

from __future__ import annotations

import logging

from xxgk.core.report.model import Report
from xxgk.documents.write_html import report_html

__all__ = ["html_pdf", "report_pdf"]


def html_pdf(html: str) -> bytes:
    """A complete HTML page (with its own @page CSS) as PDF bytes, laid out by WeasyPrint."""
    from weasyprint import HTML  # imported late: WeasyPrint is slow to import and only needed here

    # WeasyPrint logs every unsupported CSS property at WARNING; keep those out of the user's terminal.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf without a target always returns bytes
    return pdf


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes, rendered by WeasyPrint from the report's HTML."""
    return html_pdf(report_html(report))
