"""索引号: ``<prefix>/<year>-<serial>`` (spec catalogue.md §3).

The prefix is the unit's 9-character organisation code (some regions use the
18-character 统一社会信用代码); the serial counts per prefix and year, 5 digits,
zero-padded. A 索引号 is unique and permanent: never reused, never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SERIAL_DIGITS", "IndexNumber", "IndexNumberError", "format_index_number", "parse_index_number"]

SERIAL_DIGITS = 5
_MAX_SERIAL = 10**SERIAL_DIGITS - 1
_PATTERN = re.compile(r"^([0-9A-Z]{9}|[0-9A-Z]{18})/(\d{4})-(\d{5})$")


class IndexNumberError(ValueError):
    """A 索引号 that cannot be made or read; the message is Chinese."""


@dataclass(frozen=True)
class IndexNumber:
    """A parsed 索引号."""

    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return format_index_number(self.prefix, self.year, self.serial)


def format_index_number(prefix: str, year: int, serial: int) -> str:
    """The 索引号 ``<prefix>/<year>-<serial:05d>``; refuses a bad prefix, year or serial."""
    if len(prefix) not in (9, 18) or not prefix.isalnum() or prefix.upper() != prefix:
        raise IndexNumberError(f"索引号前缀应为9位组织机构代码或18位统一社会信用代码，实际为“{prefix}”。")
    if not 1000 <= year <= 9999:
        raise IndexNumberError(f"索引号年份应为四位数，实际为{year}。")
    if not 1 <= serial <= _MAX_SERIAL:
        raise IndexNumberError(f"{prefix}在{year}年的索引号流水号已用尽（最多{_MAX_SERIAL}个）。")
    return f"{prefix}/{year}-{serial:0{SERIAL_DIGITS}d}"


def parse_index_number(text: str) -> IndexNumber:
    """Read a 索引号; raises IndexNumberError (Chinese) when it is not of the form ``<prefix>/<year>-<serial>``."""
    match = _PATTERN.match(text.strip())
    if match is None or int(match.group(3)) == 0:
        raise IndexNumberError(f"“{text}”不是有效的索引号（格式：组织机构代码/年份-五位流水号）。")
    return IndexNumber(match.group(1), int(match.group(2)), int(match.group(3)))
