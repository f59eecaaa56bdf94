"""The fixed statutory holidays of the 《全国年节及纪念日放假办法》, computed for any year.

These are the days off the law itself fixes, before the State Council's annual
schedule adds bridge days (调休) and makeup working days (补班). They are the
provisional calendar of a year whose schedule has not been entered yet
(see shared/spec/applications.md §3).

Revisions of the 办法 and the holidays they fix (all-population holidays only):

- 1999 revision (in force 2000–2007): 元旦 1, 春节 3 (正月初一–初三), 劳动节 3, 国庆 3.
- 2007 revision (2008–2013): 元旦 1, 春节 3 (除夕–正月初二), 清明 1, 劳动节 1, 端午 1, 中秋 1, 国庆 3.
- 2013 revision (2014–2024): as 2007 but 春节 正月初一–初三.
- 2024 revision (from 2025): 元旦 1, 春节 4 (除夕–正月初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.

Lunar dates come from the ``lunardate`` package (its tables cover 1900–2099);
清明 is computed from the solar-term formula (寿星通式).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache

from lunardate import LunarDate

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "StatutoryHoliday",
    "UnsupportedYearError",
    "qingming",
    "statutory_holidays",
]

FIRST_YEAR = 2000
LAST_YEAR = 2099

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"


class UnsupportedYearError(ValueError):
    """A year outside the range whose statutory holidays can be computed."""

    def __init__(self, year: int) -> None:
        super().__init__(f"无法计算{year}年的法定节假日：仅支持{FIRST_YEAR}–{LAST_YEAR}年。")
        self.year = year


@dataclass(frozen=True, slots=True)
class StatutoryHoliday:
    """One statutory day off: its date and the holiday it belongs to."""

    date: dt.date
    name: str


def _lunar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a lunar date (non-leap month)."""
    return LunarDate(year, month, day).to_solar_date()


def qingming(year: int) -> dt.date:
    """The date of 清明 (the solar term Pure Brightness) in ``year``, by the 寿星通式 [Y×D+C]−L.

    Y is the year within its century, D = 0.2422, C = 4.81 in the 21st century
    (5.59 in the 20th) and L = Y // 4. Exact for 1901–2099 except where the
    term falls within minutes of midnight; none of those years lies in 2000–2099.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UnsupportedYearError(year)
    y = year % 100
    c = 4.81
    return dt.date(year, 4, math.floor(y * 0.2422 + c) - y // 4)


def _days(start: dt.date, count: int, name: str) -> list[StatutoryHoliday]:
    return [StatutoryHoliday(start + dt.timedelta(days=i), name) for i in range(count)]


@cache
def statutory_holidays(year: int) -> tuple[StatutoryHoliday, ...]:
    """The statutory days off of ``year`` under the 《全国年节及纪念日放假办法》 in force that year, by date.

    国务院《全国年节及纪念日放假办法》第二条 (revisions of 1999, 2007, 2013 and 2024).
    Raises :class:`UnsupportedYearError` outside 2000–2099.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UnsupportedYearError(year)
    new_year_eve = _lunar(year, 1, 1) - dt.timedelta(days=1)  # 除夕: the day before 正月初一
    spring_first = _lunar(year, 1, 1)
    days = _days(dt.date(year, 1, 1), 1, NEW_YEAR)
    if year <= 2007:
        days += _days(spring_first, 3, SPRING_FESTIVAL)
        days += _days(dt.date(year, 5, 1), 3, LABOUR_DAY)
    else:
        if year <= 2013:
            days += _days(new_year_eve, 3, SPRING_FESTIVAL)
        elif year <= 2024:
            days += _days(spring_first, 3, SPRING_FESTIVAL)
        else:
            days += _days(new_year_eve, 4, SPRING_FESTIVAL)
        days += _days(qingming(year), 1, QINGMING)
        days += _days(dt.date(year, 5, 1), 1 if year <= 2024 else 2, LABOUR_DAY)
        days += _days(_lunar(year, 5, 5), 1, DRAGON_BOAT)
        days += _days(_lunar(year, 8, 15), 1, MID_AUTUMN)
    days += _days(dt.date(year, 10, 1), 3, NATIONAL_DAY)
    # 中秋 and 国庆 can coincide (e.g. 2020-10-01); keep one entry per date, the earlier-listed name.
    by_date: dict[dt.date, StatutoryHoliday] = {}
    for day in days:
        by_date.setdefault(day.date, day)
    return tuple(sorted(by_date.values(), key=lambda h: h.date))
