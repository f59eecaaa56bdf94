"""索引号: format and parse (spec catalogue.md §3)."""

from __future__ import annotations

import pytest

from xxgk.core.catalogue.index_number import IndexNumberError, format_index_number, parse_index_number


def test_the_spec_example_round_trips() -> None:
    number = format_index_number("014416330", 2018, 4736)
    assert number == "014416330/2018-04736"
    assert len(number) == 20
    parsed = parse_index_number(number)
    assert (parsed.prefix, parsed.year, parsed.serial) == ("014416330", 2018, 4736)
    assert str(parsed) == number


def test_an_18_character_credit_code_prefix_is_allowed() -> None:
    assert format_index_number("11410000005184448E", 2024, 1) == "11410000005184448E/2024-00001"


@pytest.mark.parametrize(
    ("prefix", "year", "serial"), [("0144163", 2018, 1), ("014416330", 18, 1), ("014416330", 2018, 0)]
)
def test_bad_parts_are_refused_in_chinese(prefix: str, year: int, serial: int) -> None:
    with pytest.raises(IndexNumberError, match="索引号"):
        format_index_number(prefix, year, serial)


def test_the_serial_runs_out_after_99999() -> None:
    assert format_index_number("014416330", 2018, 99999).endswith("-99999")
    with pytest.raises(IndexNumberError, match="已用尽"):
        format_index_number("014416330", 2018, 100000)


@pytest.mark.parametrize("text", ["014416330/2018-4736", "014416330-2018-04736", "014416330/2018-00000", ""])
def test_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(IndexNumberError):
        parse_index_number(text)
