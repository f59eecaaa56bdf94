"""Checks on a PDF's text layer: pages without text, garbled text, sideways text, repeated page furniture."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict

from xxgk.documents.errors import GarbledText, NoTextLayer
from xxgk.documents.read_pdf_lines import Char, Line

__all__ = ["check_readable", "is_garbled", "repeated_furniture", "turn_upright"]

log = logging.getLogger(__name__)

_GARBLED_SHARE = 0.3  # a page is garbled when this share of its characters cannot be decoded
_MARGIN = 0.1  # running heads and feet live in the top or bottom 10 % of the page
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")


def _undecodable(char: Char) -> bool:
    """Whether a character's text is an unmapped glyph: ``(cid:123)``, a private-use code or a control code."""
    text: str = char["text"]
    if text.startswith("(cid:"):
        return True
    return any(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000 for ch in text) or bool(_CONTROL.search(text))


def is_garbled(chars: list[Char]) -> bool:
    """Whether a page's text layer is junk (fonts without a ToUnicode map), so its text cannot be trusted."""
    if not chars:
        return False
    bad = sum(1 for char in chars if _undecodable(char))
    return bad >= _GARBLED_SHARE * len(chars)


def check_readable(pages: int, no_text: list[int], garbled: list[int], readable: bool) -> list[str]:
    """Raise when no page can be read; otherwise log the pages skipped and return notes for the user.

    Pages without a text layer, or with a garbled one, are left out: what they
    hold (often a table) is then missing from the report and cannot be assessed.
    The notes say so in Chinese, one sentence per kind of skipped page.
    """
    if not readable:
        if garbled:
            raise GarbledText(f"PDF text layer is garbled (no ToUnicode map) on pages {garbled} of {pages}")
        raise NoTextLayer("PDF has no text layer on any page")
    if no_text:
        log.warning("PDF pages %s of %d have no text layer (scanned?): their content is not read", no_text, pages)
    if garbled:
        log.warning("PDF pages %s of %d have a garbled text layer: their content is not read", garbled, pages)
    notes = []
    if no_text:
        notes.append(f"{_pages(no_text)}没有可读的文字层（可能是扫描页），已跳过；其中的表格无法核对。")
    if garbled:
        notes.append(f"{_pages(garbled)}的文字层是乱码（字体缺少编码表），已跳过；其中的表格无法核对。")
    return notes


def _pages(numbers: list[int]) -> str:
    """第3、5页 — page numbers in Chinese enumeration."""
    return "第" + "、".join(str(n) for n in numbers) + "页"


def _key(line: Line) -> str:
    """A line's text with digits masked, so 第1页 and 第2页 compare equal."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def repeated_furniture(pages: list[tuple[int, list[tuple[float, int, object]]]]) -> set[int]:
    """The ids of text lines printed in the top or bottom margin of two or more pages (running heads and feet)."""
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    margin_lines: list[tuple[str, Line]] = []
    for page_number, blocks in pages:
        for _, kind, block in blocks:
            if kind != 1 or not isinstance(block, Line) or not block.page_height:
                continue
            margin = block.page_height * _MARGIN
            if block.bottom < margin or block.top > block.page_height - margin:
                key = _key(block)
                seen[key].add(page_number)
                margin_lines.append((key, block))
    return {id(line) for key, line in margin_lines if len(seen[key]) >= 2}


def _direction(char: Char) -> int:
    """The way a character's text runs, in quarter turns clockwise from left-to-right (0–3)."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 2
    return 1 if b < 0 else 3


def turn_upright(chars: list[Char], width: float, height: float) -> tuple[list[Char] | None, float]:
    """Sideways or upside-down text turned to run left to right (a rotated page, /Rotate 90, a sideways table).

    Returns the turned characters (None when the text already runs left to
    right) and the height of the page as read.
    """
    turns = Counter(_direction(c) for c in chars).most_common(1)[0][0]
    if turns == 0:
        return None, height
    out = []
    for c in chars:
        x0, x1, top, bottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if turns == 1:  # runs downwards: the page was turned a quarter clockwise
            box = (top, bottom, width - x1, width - x0)
        elif turns == 3:  # runs upwards
            box = (height - bottom, height - top, x0, x1)
        else:  # upside down
            box = (width - x1, width - x0, height - bottom, height - top)
        out.append({**c, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3]})
    return out, width if turns in (1, 3) else height
