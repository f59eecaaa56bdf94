"""The masking rule for an applicant's personal data (个人信息保护法; applications.md §11), stated once.

Staff of the handling unit (any role there) see the applicant's name and
contacts; of them only :data:`IDENTITY_ROLES` may open the full identity
number, and every such view is audited. Everyone else — a supervisor of a
higher unit — and every list and export sees the data masked by these
functions, on the case page and in the letters they download alike.
"""

from __future__ import annotations

__all__ = [
    "IDENTITY_ROLES",
    "IDENTITY_SHOWN_HEAD",
    "IDENTITY_SHOWN_TAIL",
    "mask_email",
    "mask_identity",
    "mask_name",
    "mask_phone",
]

#: The roles of the handling unit that may open the full identity number (each view audited).
IDENTITY_ROLES: tuple[str, ...] = ("handler", "reviewer")
#: How many characters of an identity number stay visible at its start and end.
IDENTITY_SHOWN_HEAD, IDENTITY_SHOWN_TAIL = 3, 4
PHONE_SHOWN_TAIL = 4
NAME_MASK_MAX = 6


def mask_name(value: str) -> str:
    """A person's name with all but the first character hidden: 张三丰 → 张**."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * min(len(value) - 1, NAME_MASK_MAX)


def mask_identity(value: str) -> str:
    """An identity number with only its first 3 and last 4 characters shown."""
    value = (value or "").strip()
    shown = IDENTITY_SHOWN_HEAD + IDENTITY_SHOWN_TAIL
    if len(value) <= shown:
        return "*" * len(value)
    return value[:IDENTITY_SHOWN_HEAD] + "*" * (len(value) - shown) + value[-IDENTITY_SHOWN_TAIL:]


def mask_phone(value: str) -> str:
    """A phone number with only its last 4 digits shown."""
    value = (value or "").strip()
    if len(value) <= PHONE_SHOWN_TAIL:
        return "*" * len(value)
    return "*" * (len(value) - PHONE_SHOWN_TAIL) + value[-PHONE_SHOWN_TAIL:]


def mask_email(value: str) -> str:
    """An e-mail address with the local part hidden but its first character."""
    local, at, domain = (value or "").partition("@")
    if not at:
        return mask_phone(value)
    return (local[:1] + "***@" + domain) if local else value
