"""Letter numbers under concurrency: two issuers at once get distinct, consecutive numbers."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connections

from tests.factories import UnitFactory
from xxgk.apps.letters.models import LetterSequence
from xxgk.apps.letters.services import next_serial


def _with_retry(take):
    """Retry a whole numbering transaction that SQLite refused with "locked" (shared-cache test database).

    Shared-cache SQLite does not wait for a lock, it fails at once; a failed
    transaction rolled back and used no number, so trying again is what a
    caller would do. PostgreSQL waits on the row lock instead.
    """
    for _attempt in range(500):
        try:
            return take()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.002)
    raise AssertionError("could not take a number in 500 attempts")


def _take(unit_id: int, year: int, count: int, out: list[int], errors: list[BaseException], start: threading.Barrier):
    from xxgk.apps.units.models import Unit

    try:
        unit = Unit.objects.get(pk=unit_id)
        start.wait(timeout=10)
        for _ in range(count):
            out.append(_with_retry(lambda: next_serial(unit, year)))
    except BaseException as exc:  # reported by the main thread
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_threads_numbering_at_once_get_distinct_consecutive_numbers():
    unit = UnitFactory(name="并发镇人民政府")
    out: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    threads = [threading.Thread(target=_take, args=(unit.pk, 2026, 10, out, errors, start)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(out) == list(range(1, 21))
    assert LetterSequence.objects.get(unit=unit, year=2026).last == 20


@pytest.mark.django_db
def test_a_sequence_created_by_someone_else_first_is_incremented_not_duplicated():
    unit = UnitFactory(name="抢先镇人民政府")
    LetterSequence.objects.create(unit=unit, year=2026, last=7)  # the other issuer won the race to create the row
    assert [next_serial(unit, 2026), next_serial(unit, 2026)] == [8, 9]
    assert LetterSequence.objects.filter(unit=unit, year=2026).count() == 1
