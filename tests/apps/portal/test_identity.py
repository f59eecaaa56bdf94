"""Check digits of the resident ID (GB 11643-1999) and the unified social credit code (GB 32100-2015)."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.apps.portal.identity import (
    credit_code_check_char,
    credit_code_error,
    resident_id_check_char,
    resident_id_error,
)

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", " 11010519491231002X "])
def test_a_valid_resident_id_is_accepted(number) -> None:
    assert resident_id_error(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位错误"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("1101051949123100XX", "前17位应为数字"),
        ("11010519490230002X", "出生日期不存在"),  # 30 February
        ("110105203001010000", "出生日期不正确"),  # born in the future
        ("01010519491231002X", "地址码不正确"),
        ("１１０１０５１９４９１２３１００２Ｘ", "前17位应为数字"),  # full-width digits
    ],
)
def test_a_bad_resident_id_is_refused(number, message) -> None:
    assert message in (resident_id_error(number, today=TODAY) or "")


def test_the_resident_id_check_character_may_be_x() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    with pytest.raises(ValueError):
        resident_id_check_char("1101051949")


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "91350100m000100y43"])
def test_a_valid_credit_code_is_accepted(code) -> None:
    assert credit_code_error(code) is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y44", "校验位错误"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100M000100O43", "不含I、O、Z、S、V"),
    ],
)
def test_a_bad_credit_code_is_refused(code, message) -> None:
    assert message in (credit_code_error(code) or "")


def test_the_credit_code_check_character() -> None:
    assert credit_code_check_char("91350100M000100Y4") == "3"
    with pytest.raises(ValueError):
        credit_code_check_char("9135")
