"""Two 索引号 requested at the same instant for one unit never collide (run on PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections

from tests.apps.catalogue.conftest import draft_fields
from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.services import entry_create, version_transition

NOW = dt.datetime(2024, 6, 3, 9, 0, tzinfo=dt.UTC)
WORKERS = 4


@pytest.mark.django_db(transaction=True)
def test_simultaneous_publications_get_distinct_consecutive_serials(unit: Any, author: Any, reviewer: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads on one in-memory SQLite database lock its tables; run with DATABASE_URL=postgres://…")
    versions = []
    for i in range(WORKERS * 2):
        version = entry_create(actor=author, unit=unit, fields=draft_fields(title=f"通知{i}")).versions.get()
        version = version_transition(actor=author, version=version, name="submit", now=NOW)
        versions.append(version_transition(actor=reviewer, version=version, name="approve", now=NOW))
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def publish(mine: list[Any]) -> None:
        try:
            barrier.wait(timeout=10)
            for version in mine:
                version_transition(actor=reviewer, version=version, name="publish", now=NOW)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(versions[i::WORKERS],)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(Entry.objects.values_list("index_number", flat=True))
    assert numbers == [f"{unit.org_code}/2024-{n:05d}" for n in range(1, WORKERS * 2 + 1)]
    from xxgk.apps.catalogue.models import IndexCounter

    assert IndexCounter.objects.get(prefix=unit.org_code, year=2024).last_serial == WORKERS * 2
