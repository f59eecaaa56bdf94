"""Render a report in any output format: one entry point for the command line and the web.

``render(report, fmt)`` returns the document's bytes (text formats UTF-8);
``EXTENSIONS`` gives the file extension and ``MEDIA_TYPES`` the media type of
each format.
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.core.report.model import Report

__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "UnknownFormat", "render"]

FORMATS: tuple[str, ...] = ("html", "docx", "pdf", "md", "txt", "json", "cells")

EXTENSIONS: dict[str, str] = {
    "html": ".html",
    "docx": ".docx",
    "pdf": ".pdf",
    "md": ".md",
    "txt": ".txt",
    "json": ".json",
    "cells": ".cells.csv",
}

MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "cells": "text/csv; charset=utf-8",
}


class UnknownFormat(ValueError):
    """An output format that is not one of FORMATS."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self.message_zh = f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}。"


def _text_writer(fmt: str) -> Callable[[Report], str]:
    # Writers are imported on demand: DOCX and PDF pull in heavy libraries.
    if fmt == "html":
        from xxgk.documents.write_html import report_html

        return report_html
    if fmt == "md":
        from xxgk.documents.write_markdown import report_markdown

        return report_markdown
    if fmt == "txt":
        from xxgk.documents.write_text import report_text

        return report_text
    if fmt == "json":
        from xxgk.documents.json_format import report_to_json

        return report_to_json
    from xxgk.documents.cells import report_to_cells_csv

    return report_to_cells_csv


def render(report: Report, fmt: str) -> bytes:
    """The report as a document of format ``fmt`` (one of FORMATS); raise UnknownFormat otherwise."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    if fmt == "docx":
        from xxgk.documents.write_docx import report_docx

        return report_docx(report)
    if fmt == "pdf":
        from xxgk.documents.write_pdf import report_pdf

        return report_pdf(report)
    return _text_writer(fmt)(report).encode("utf-8")
