"""Printed lines of a PDF page and the paragraphs they form (used by the PDF readers).

Characters are grouped into lines by their vertical centre; a line's text keeps
spaces only where the gap is wide and not inside Chinese text. Lines of running
text become paragraphs by indent, short last lines, gaps and headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from xxgk.core.report.model import Place
from xxgk.documents.stream import Paragraph, Stream

__all__ = ["CJK", "Char", "Line", "ParagraphWriter", "concat", "group_lines", "margins"]

Char = dict  # a pdfplumber character object

_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")


@dataclass
class Line:
    """One printed line: its characters left to right and its box (complete once grouped)."""

    chars: list[Char]
    top: float
    bottom: float
    page_height: float = 0.0  # set by the reader: tells whether the line is in the top or bottom margin

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @cached_property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def size(self) -> float:
        return Counter(round(c["size"], 1) for c in self.chars).most_common(1)[0][0]

    def joined(self, *, cell: bool) -> str:
        """The line's text: spaces only where the gap is wide and not inside Chinese text.

        Inside a table cell a gap between Chinese characters is letter spacing
        (``总 计``), never a word break; in running text a gap wider than one
        character between Chinese characters is kept as one space.
        """
        parts = [self.chars[0]["text"]]
        for previous, char in zip(self.chars, self.chars[1:], strict=False):
            gap = char["x0"] - previous["x1"]
            size = max(char["size"], 1.0)
            chinese = CJK.match(previous["text"][-1]) or CJK.match(char["text"][0])
            if (not chinese and gap > 0.25 * size) or (chinese and not cell and gap > 1.5 * size):
                parts.append(" ")
            parts.append(char["text"])
        return "".join(parts)

    @cached_property
    def text(self) -> str:
        return self.joined(cell=False)


CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def group_lines(chars: list[Char]) -> list[Line]:
    """Group characters into lines, top to bottom: a character joins a line its vertical centre falls in."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and lines[-1].top <= middle <= lines[-1].bottom:
            line = lines[-1]
            line.chars.append(char)
            line.bottom = max(line.bottom, char["bottom"])
        else:
            lines.append(Line([char], char["top"], char["bottom"]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def concat(text: str, more: str) -> str:
    """Join two lines of a paragraph: no space inside Chinese text, one space between Latin words."""
    if CJK.match(text[-1]) or CJK.match(more[0]) or text.endswith("-"):
        return text + more
    return f"{text} {more}"


class ParagraphWriter:
    """Merge text lines into paragraphs: a paragraph ends at a short line, an indent, a gap or a heading.

    ``left`` and ``right`` are the document's text margins (the most common
    line start and end), so a first-line indent and a short last line show
    where paragraphs begin and end, also across a page break.
    """

    def __init__(self, stream: Stream, left: float, right: float) -> None:
        self.stream = stream
        self.left = left
        self.right = right
        self.lines: list[tuple[Line, int]] = []

    def add(self, line: Line, page: int) -> None:
        """Add one line of running text, closing the current paragraph when the line starts a new one."""
        if self.lines and self._starts_new(*self.lines[-1], line, page):
            self.close()
        self.lines.append((line, page))

    def _starts_new(self, previous: Line, previous_page: int, line: Line, page: int) -> bool:
        size = max(line.size, 1.0)
        if abs(line.size - previous.size) > 1.0 or _HEADING.match(line.text):
            return True
        if line.x0 - self.left > 0.8 * size:
            return True  # a first-line indent or a centred line
        if previous.x1 < self.right - 1.5 * size:
            # The previous line ended short. Not every layout engine justifies Chinese text to the
            # margin (WeasyPrint leaves up to one character free), so allow one and a half characters.
            return True
        return page == previous_page and line.top - previous.bottom > 1.2 * size

    def close(self) -> None:
        """Emit the paragraph collected so far, if any."""
        if not self.lines:
            return
        text = self.lines[0][0].text
        for line, _ in self.lines[1:]:
            text = concat(text, line.text)
        self.stream.items.append(Paragraph(text, Place(page=self.lines[0][1])))
        self.lines = []


def margins(lines: list[Line], page_width: float) -> tuple[float, float]:
    """The text margins: the most common line start and end (full lines end there).

    With too few lines to tell, the right margin mirrors the left one.
    """
    if not lines:
        return 0.0, page_width
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    common_right, count = Counter(round(line.x1) for line in lines).most_common(1)[0]
    right = float(common_right) if count >= 3 else page_width - left
    return float(left), right
