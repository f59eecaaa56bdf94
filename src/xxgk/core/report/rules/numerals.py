"""Numbers as written in Chinese prose: ASCII or full-width digits and Chinese numerals."""

from __future__ import annotations

import unicodedata

__all__ = ["NUMBER_PATTERN", "parse_count"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

# A count as written: digits (NFKC turns full-width digits into ASCII first) or Chinese numerals.
NUMBER_PATTERN = r"(?:\d+|[零〇一二两三四五六七八九十百千万]+)"


def _chinese(text: str) -> int | None:
    """The value of a Chinese numeral such as 十二, 一百零五, 两千三百, 一万二千; None if malformed."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row, e.g. 一二: not a count we can read unambiguously
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_count(text: str) -> int | None:
    """A non-negative count from digits (also full-width) or Chinese numerals; None if not a count."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return _chinese(text)
