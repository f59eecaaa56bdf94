"""The pre-publication scan: what must not be published by accident (条例第十五条、第十七条).

Before a reviewer approves a version, its title, summary, body and every
attachment's text are scanned for personal information — 18-digit identity
numbers with a valid check character (GB 11643-1999), mobile numbers, bank
card numbers passing the Luhn check, e-mail addresses — and for secrecy or
internal markings (绝密/机密/秘密 with or without ★, 内部资料, 内部使用,
征求意见稿 …). Each finding says where it was found. The scan only lists;
the reviewer decides (acknowledges each finding, or sends the draft back).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MARKINGS",
    "Finding",
    "FindingKind",
    "TextPart",
    "id_number_valid",
    "luhn_valid",
    "mask",
    "scan_parts",
    "scan_text",
]


class FindingKind(StrEnum):
    """What a finding is; the value is the Chinese name shown to people."""

    ID_NUMBER = "身份证号码"
    MOBILE = "手机号码"
    BANK_CARD = "银行卡号"
    EMAIL = "电子邮箱"
    MARKING = "密级或内部标志"


@dataclass(frozen=True)
class TextPart:
    """A piece of text to scan and where it is, e.g. ``正文`` or ``附件“通知.pdf”第2页``."""

    place: str
    text: str


@dataclass(frozen=True)
class Finding:
    """One thing found: its kind, the matched text, and its place (part and line)."""

    kind: FindingKind
    text: str
    place: str

    @property
    def masked(self) -> str:
        """The matched text with its middle hidden, fit to show in lists and logs."""
        return self.text if self.kind is FindingKind.MARKING else mask(self.text)


# Secrecy and internal markings. The three secrecy levels (保守国家秘密法第十条) count as a marking when
# they carry the ★ of a 密级标志 or stand alone on their line (or in brackets): inside a sentence such
# as “不得涉及国家秘密” they are ordinary words.
MARKINGS: tuple[str, ...] = (
    "内部资料",
    "内部使用",
    "内部文件",
    "内部参考",
    "内部传阅",
    "仅供内部",
    "注意保密",
    "不得外传",
    "严禁外传",
    "请勿外传",
    "征求意见稿",
    "送审稿",
    "讨论稿",
    "未定稿",
)
_LEVELS = "绝密|机密|秘密"
_MARKING = re.compile(
    rf"(?:{_LEVELS})\s*[★☆＊*](?:\s*\d+\s*年)?"  # 机密★ / 秘密★1年
    rf"|(?:^|(?<=[\s【\[（(《]))(?:{_LEVELS})(?:级)?(?=\s*(?:$|[】\]）)》]))"  # a level standing alone or bracketed
    rf"|{'|'.join(MARKINGS)}",
    re.MULTILINE,
)
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9])")
_BANK_CARD = re.compile(r"(?<![0-9])(?:\d[\s-]?){15,18}\d(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_valid(number: str) -> bool:
    """Whether an 18-character 公民身份号码 has a real birth date and a correct check character (GB 11643-1999)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= int(number[6:10]) <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (ISO/IEC 7812), as bank card numbers do."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(text: str) -> str:
    """Hide the middle of a number or the local part of an e-mail address: ``110***********123X``."""
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    plain = re.sub(r"[\s-]", "", text)
    keep_head, keep_tail = (3, 4) if len(plain) > 8 else (1, 1)
    return plain[:keep_head] + "*" * (len(plain) - keep_head - keep_tail) + plain[-keep_tail:]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def scan_text(text: str, place: str = "正文") -> list[Finding]:
    """Every finding in ``text``, in order of position, each placed as ``<place>第N行``."""
    found: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: FindingKind, matched: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, Finding(kind, matched.strip(), f"{place}第{_line_of(text, start)}行")))

    for m in _ID_NUMBER.finditer(text):
        if id_number_valid(m.group()):
            add(m.start(), m.end(), FindingKind.ID_NUMBER, m.group())
    for m in _BANK_CARD.finditer(text):
        digits = re.sub(r"[\s-]", "", m.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and not id_number_valid(digits):
            add(m.start(), m.end(), FindingKind.BANK_CARD, m.group())
    for m in _MOBILE.finditer(text):
        add(m.start(), m.end(), FindingKind.MOBILE, m.group())
    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), FindingKind.EMAIL, m.group())
    for m in _MARKING.finditer(text):
        add(m.start(), m.end(), FindingKind.MARKING, m.group())
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def scan_parts(parts: Iterable[TextPart]) -> list[Finding]:
    """Every finding in each part, part by part."""
    return [finding for part in parts for finding in scan_text(part.text, part.place)]
