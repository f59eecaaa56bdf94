"""Read a Markdown report into a reading stream: headings, paragraphs and GitHub pipe tables."""

from __future__ import annotations

import re

from xxgk.core.report.model import Place
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["read_markdown"]

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A plain line that is a numbered heading (``一、总体情况``, ``（二）依申请公开``): Markdown converted from a PDF
# or a web page often prints headings without ``#`` and without a blank line before the text that follows.
_NUMBERED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_HEADING_LINE_MAX = 40


def read_markdown(text: str, source: str | None = None) -> Stream:
    """Turn Markdown (ATX headings, paragraphs, pipe tables) into a Stream with line places."""
    items: list[Paragraph | TableRow] = []
    table = 0
    in_table = False
    row_index = 0
    paragraph: list[str] = []
    paragraph_line = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            items.append(
                Paragraph(
                    " ".join(paragraph) if _is_ascii(paragraph) else "".join(paragraph), Place(line=paragraph_line)
                )
            )
            paragraph = []

    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("|") or (in_table and "|" in stripped):
            flush()
            if not in_table:
                table += 1
                in_table = True
                row_index = 0
            if _SEPARATOR.match(stripped):
                continue
            row_index += 1
            cells = tuple(
                TextCell(_cell_text(raw), Place(table=table, row=row_index, column=col, line=number))
                for col, raw in enumerate(_split_row(stripped), start=1)
            )
            items.append(TableRow(table, cells, Place(table=table, row=row_index, line=number)))
            continue
        in_table = False
        if not stripped:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            items.append(Paragraph(_plain(heading.group(1)), Place(line=number)))
            continue
        if _is_heading_line(stripped):
            flush()
            items.append(Paragraph(_plain(stripped), Place(line=number)))
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(_plain(stripped))
    flush()
    return Stream(items=items, source=source, source_type="markdown")


def _split_row(line: str) -> list[str]:
    """Split a pipe-table row into raw cells, honouring ``\\|`` escapes."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    if "\\" not in body:
        return body.split("|")
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in body:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
    cells.append("".join(current))
    return cells


def _cell_text(raw: str) -> str:
    if "<" not in raw and "*" not in raw and "`" not in raw and "_" not in raw:
        return raw.strip()
    return _plain(_BREAK.sub("\n", raw).strip())


def _plain(text: str) -> str:
    """Drop Markdown emphasis and code marks from inline text."""
    return _EMPHASIS.sub("", text).strip()


def _is_heading_line(stripped: str) -> bool:
    """Whether a plain line is a numbered heading that stands alone rather than part of a wrapped paragraph."""
    return (
        len(stripped) <= _HEADING_LINE_MAX
        and _NUMBERED_HEADING.match(stripped) is not None
        and not stripped.endswith(("，", "、", ","))
        and "。" not in stripped[:-1]
    )


def _is_ascii(lines: list[str]) -> bool:
    return all(line.isascii() for line in lines)
