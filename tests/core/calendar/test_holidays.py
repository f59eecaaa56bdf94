"""The statutory holidays of the 《全国年节及纪念日放假办法》, computed per year."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.core.calendar.holidays import UnsupportedYearError, qingming, statutory_holidays

D = dt.date


def names_on(year: int) -> dict[dt.date, str]:
    return {h.date: h.name for h in statutory_holidays(year)}


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2027, 2, 5), "春节"),  # 除夕 (春节 itself is 2027-02-06)
        (D(2027, 2, 6), "春节"),
        (D(2027, 2, 8), "春节"),  # 4th day from 除夕 (2024 revision)
        (D(2028, 1, 25), "春节"),  # 除夕 before 春节 2028-01-26
        (D(2028, 1, 28), "春节"),
        (D(2027, 9, 15), "中秋节"),
        (D(2027, 4, 5), "清明节"),
        (D(2027, 6, 9), "端午节"),
        (D(2027, 5, 2), "劳动节"),  # 2 days from 2025
        (D(2027, 10, 3), "国庆节"),
        (D(2027, 1, 1), "元旦"),
        (D(2026, 2, 16), "春节"),  # 除夕 2026, checked against the 2026 schedule
        (D(2026, 6, 19), "端午节"),
        (D(2026, 9, 25), "中秋节"),
        (D(2024, 2, 10), "春节"),  # 2013 revision: 正月初一–初三
        (D(2010, 2, 13), "春节"),  # 2007 revision: 除夕–初二
        (D(2005, 5, 3), "劳动节"),  # 1999 revision: 3 days
    ],
)
def test_a_statutory_holiday_falls_on_its_date(day: dt.date, name: str) -> None:
    assert names_on(day.year)[day] == name


@pytest.mark.parametrize(
    "day",
    [
        D(2027, 2, 9),  # 5th day of 春节: not statutory
        D(2024, 2, 9),  # 除夕 2024 was not statutory under the 2013 revision
        D(2024, 5, 2),  # 劳动节 was one day until 2024
        D(2027, 10, 4),  # 国庆 is three statutory days; the rest is 调休
        D(2005, 4, 5),  # no 清明 holiday before 2008
        D(2010, 2, 16),  # 正月初三 2010 was not statutory under the 2007 revision
    ],
)
def test_a_day_outside_the_statute_is_not_a_holiday(day: dt.date) -> None:
    assert day not in names_on(day.year)


@pytest.mark.parametrize(("year", "count"), [(2005, 10), (2010, 11), (2020, 10), (2024, 11), (2025, 13), (2027, 13)])
def test_each_revision_fixes_its_number_of_days(year: int, count: int) -> None:
    # 2020: 中秋 fell on 10-01, so one date carries two holidays.
    assert len(statutory_holidays(year)) == count


@pytest.mark.parametrize(
    ("year", "day"), [(2026, D(2026, 4, 5)), (2027, D(2027, 4, 5)), (2028, D(2028, 4, 4)), (2030, D(2030, 4, 5))]
)
def test_qingming_is_the_solar_term(year: int, day: dt.date) -> None:
    assert qingming(year) == day


@pytest.mark.parametrize("year", [1999, 2100])
def test_a_year_outside_the_tables_is_refused_in_chinese(year: int) -> None:
    with pytest.raises(UnsupportedYearError, match="仅支持"):
        statutory_holidays(year)
