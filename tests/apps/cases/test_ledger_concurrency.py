"""Concurrent confirmations of one ledger import: one imports, the others import nothing and are told why."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from tests.apps.reports.ledger_data import ROWS, TODAY, ledger_csv
from xxgk.apps.cases import views_ledger
from xxgk.apps.cases.ledger import LedgerConflict, LedgerTable, case_import_ledger, validate_ledger
from xxgk.apps.cases.models import Case
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.cases.ledger import HEADERS


def _validated(unit):
    table = LedgerTable(list(HEADERS), [dict(zip(HEADERS, row, strict=True)) for row in ROWS])
    result = validate_ledger(unit, table, calendar=load_calendar(), today=TODAY)
    assert result.ok
    return result


@pytest.mark.django_db
def test_four_confirmations_validated_before_any_import_give_one_import_and_three_messages(unit, staff, monkeypatch):
    """Each request validated the file before any of them wrote — the race the lock and re-check close."""
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(staff["reviewer"])
        upload = SimpleUploadedFile("台账.csv", ledger_csv())
        assert client.post(reverse("cases_ledger:preview"), {"file": upload}).status_code == 200
        clients.append(client)
    stale = _validated(unit)
    monkeypatch.setattr(views_ledger, "validate_ledger", lambda *args, **kwargs: stale)
    responses = [client.post(reverse("cases_ledger:confirm"), follow=True) for client in clients]
    assert [r.status_code for r in responses] == [200] * 4
    assert Case.objects.filter(unit=unit).count() == len(ROWS)
    refused = [r for r in responses if "本次未导入任何申请" in r.content.decode()]
    assert len(refused) == 3
    assert "该台账可能刚由他人导入" in refused[0].content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_one_ledger_write_it_once(unit):
    start = threading.Barrier(4)
    outcomes: list[str] = []
    errors: list[BaseException] = []
    stale = _validated(unit)

    def run() -> None:
        try:
            start.wait(timeout=10)
            for _attempt in range(2000):
                try:
                    case_import_ledger(actor=None, unit=unit, rows=stale.rows)
                    outcomes.append("imported")
                    return
                except LedgerConflict:
                    outcomes.append("conflict")
                    return
                except OperationalError as exc:  # shared-cache SQLite refuses at once; PostgreSQL waits
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.003)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(outcomes) == ["conflict"] * 3 + ["imported"]
    assert Case.objects.filter(unit=unit).count() == len(ROWS)
