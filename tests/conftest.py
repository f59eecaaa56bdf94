"""Shared test fixtures and paths."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-qinxiang-2022.txt"
CORPUS = DATA / "corpus"


@pytest.fixture
def seed_path() -> Path:
    """The seed: 勍香镇's 2022 report as plain text copied from a web page."""
    return SEED


#: ``XXGK_TEST_TODAY=2027-01-20 pytest …`` runs the whole session as if it were
#: that day (09:00 Beijing time, the clock ticking on from there), so a test
#: that silently depends on the real date fails in CI rather than in January.
TODAY_ENV = "XXGK_TEST_TODAY"
_traveller = None


def pytest_configure(config: pytest.Config) -> None:
    global _traveller
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if not pinned:
        return
    import time_machine

    day = dt.date.fromisoformat(pinned)
    start = dt.datetime.combine(day, dt.time(9, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
    _traveller = time_machine.travel(start, tick=True)
    _traveller.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def pytest_report_header(config: pytest.Config) -> str | None:
    pinned = os.environ.get(TODAY_ENV, "").strip()
    return f"clock pinned to {pinned} ({TODAY_ENV})" if pinned else None


def _is_transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    if "live_server" in names or "transactional_db" in names:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every transactional test a serialized rollback.

    A transactional test ends by flushing the database, which would drop what
    the data migrations seeded (the working-day calendar, the review result
    mapping) for every later test on the same database, and re-create content
    types under new ids, which breaks the serialized rollback of later tests.
    With a serialized rollback for all of them the seeded data come back
    after each one.
    """
    for item in items:
        if _is_transactional(item) and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")
