"""Check digits of the identity numbers an applicant gives (pure Python, no Django).

条例第二十九条 asks for the applicant's identity proof. Two numbers carry a
check character that catches most typing errors: the 居民身份证号码
(GB 11643-1999) of a person and the 统一社会信用代码 (GB 32100-2015) of an
organisation.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["credit_code_check_char", "credit_code_error", "resident_id_check_char", "resident_id_error"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB 32100-2015: digits and capitals without I, O, Z, S, V
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_id_check_char(body: str) -> str:
    """The check character of the first 17 digits of a 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2)."""
    if len(body) != 17 or not body.isascii() or not body.isdigit():
        raise ValueError(f"resident id body must be 17 digits, got {body!r}")
    return _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_error(number: str, *, today: dt.date) -> str | None:
    """Why ``number`` is not a valid 18-digit 居民身份证号码, or None if it is (GB 11643-1999)."""
    number = number.strip().upper()
    if len(number) != 18:
        return f"居民身份证号码应为18位，实际为{len(number)}位。"
    body, check = number[:17], number[17]
    if not body.isascii() or not body.isdigit() or check not in "0123456789X":
        return "居民身份证号码前17位应为数字，最后一位为数字或X。"
    if body[0] == "0":
        return "居民身份证号码的地址码不正确。"
    try:
        born = dt.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不存在。"
    if born > today or born.year < 1900:
        return "居民身份证号码中的出生日期不正确。"
    if check != resident_id_check_char(body):
        return "居民身份证号码校验位错误，请核对后重新填写。"
    return None


def credit_code_check_char(body: str) -> str:
    """The check character of the first 17 characters of a 统一社会信用代码 (GB 32100-2015)."""
    if len(body) != 17 or any(ch not in _CREDIT_ALPHABET for ch in body):
        raise ValueError(f"credit code body must be 17 characters of the GB 32100 alphabet, got {body!r}")
    total = sum(_CREDIT_ALPHABET.index(ch) * w for ch, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """Why ``code`` is not a valid 18-character 统一社会信用代码, or None if it is (GB 32100-2015)."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位。"
    if any(ch not in _CREDIT_ALPHABET for ch in code):
        return "统一社会信用代码只能由数字和大写字母（不含I、O、Z、S、V）组成。"
    if code[17] != credit_code_check_char(code[:17]):
        return "统一社会信用代码校验位错误，请核对后重新填写。"
    return None
