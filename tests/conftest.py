"""Shared test fixtures and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-qinxiang-2022.txt"
CORPUS = DATA / "corpus"


@pytest.fixture
def seed_path() -> Path:
    """The seed: 勍香镇's 2022 report as plain text copied from a web page."""
    return SEED


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
