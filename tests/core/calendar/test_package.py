"""The public face of xxgk.core.calendar: what callers import from the package itself."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import xxgk.core.calendar as calendar
from xxgk.core.calendar import deadline, events


@pytest.mark.parametrize("name", events.__all__)
def test_every_event_type_of_the_clock_is_importable_from_the_package(name):
    assert name in calendar.__all__
    assert getattr(calendar, name) is getattr(events, name)


@pytest.mark.parametrize("name", ["compute_deadline", "Deadline", "supplement_notice_deadline", "WorkCalendar"])
def test_the_deadline_api_is_importable_from_the_package(name):
    assert getattr(calendar, name) is not None and name in calendar.__all__


def test_every_name_the_package_exports_exists_once():
    assert len(calendar.__all__) == len(set(calendar.__all__))
    missing = [name for name in calendar.__all__ if not hasattr(calendar, name)]
    assert missing == []


def test_a_deadline_computed_through_the_package_is_the_one_the_module_computes():
    cal = calendar.WorkCalendar({}, [])
    received = dt.date(2024, 3, 1)
    via_package = calendar.compute_deadline([calendar.Received(received)], cal)
    via_module = deadline.compute_deadline([events.Received(received)], cal)
    assert dataclasses.asdict(via_package) == dataclasses.asdict(via_module)
    assert via_package.due == dt.date(2024, 3, 29)


def test_a_clock_without_a_receipt_raises_the_package_clock_error():
    with pytest.raises(calendar.ClockError):
        calendar.compute_deadline([], calendar.WorkCalendar({}, []))
