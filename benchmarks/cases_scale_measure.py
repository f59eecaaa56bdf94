"""Measurements for cases_scale.py: tables 三/四 by aggregation and the staff case list over HTTP.

Each measurement runs once to warm caches, then ``runs`` times; the median
and the slowest run are reported. The case list is requested through
Django's test client as a signed-in handler of the large unit, exactly as a
browser would get it (middleware, session, template); the queries of one
request are recorded separately with their own timings.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from xxgk.apps.cases.selectors import table3_cells, table4_cells
from xxgk.apps.units.models import Membership, Unit

__all__ = ["measure_all"]

LIST_URLS = {
    "list_first_page": "/cases/",
    "list_year_filter": "/cases/?year=2025",
    "list_overdue": "/cases/?list=overdue",
    "list_due_soon": "/cases/?list=due",
    "list_state": "/cases/?state=in_progress",
    "list_outcome": "/cases/?outcome=granted",
    "list_number_search": "/cases/?q=2025-00012",
    "list_mine": "/cases/?list=mine",
    "list_waiting": "/cases/?list=waiting",
    "list_page_100": "/cases/?page=100",
    # past the last page, Paginator.get_page answers the last one: the deepest OFFSET of each filter
    "list_state_last_page": "/cases/?state=closed&page=99999",
    "list_year_last_page": "/cases/?year=2025&page=99999",
}
PAGE_SIZE = 50


def _timed(func: Callable[[], Any], runs: int) -> dict[str, float]:
    """Run ``func`` once to warm up, then ``runs`` times; median and max in milliseconds."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1), "runs": runs}


def _tables(unit_ids: list[int], year: int) -> dict[str, int]:
    cells = table3_cells(unit_ids, year)
    cells.update(table4_cells(unit_ids, year))
    return cells


def measure_tables(year: int, big_unit_id: int, runs: int) -> dict[str, Any]:
    """Tables 三 + 四 for the whole county, for the large unit and for a typical unit."""
    all_ids = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    typical = all_ids[min(6, len(all_ids) - 1)]
    results: dict[str, Any] = {}
    for name, ids in (("tables_county", all_ids), ("tables_big_unit", [big_unit_id]), ("tables_unit", [typical])):
        result = _timed(lambda ids=ids: _tables(ids, year), runs)
        cells = _tables(ids, year)
        with CaptureQueriesContext(connection) as queries:
            _tables(ids, year)
        result.update(
            units=len(ids),
            queries=len(queries),
            new_received=cells["t3.new_received.total"],
            carried_forward=cells["t3.carried_forward.total"],
            t4_total=sum(v for k, v in cells.items() if k.startswith("t4.") and k.endswith(".total")),
        )
        results[name] = result
    return results


def _staff_client(big_unit_id: int) -> Client:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username="bench_handler", defaults={"is_active": True})
    Membership.objects.get_or_create(user=user, unit_id=big_unit_id, role="handler")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def _shown_total(html: str) -> int | None:
    """The 「共 N 件」 count the list page shows."""
    found = re.search(r"共\s*([\d,]+)\s*件", html)
    return int(found.group(1).replace(",", "")) if found else None


def measure_list(big_unit_id: int, big_unit_cases: int, runs: int) -> dict[str, Any]:
    """The staff case list of the large unit through HTTP: first page, filters, work lists, deep pages."""
    client = _staff_client(big_unit_id)
    results: dict[str, Any] = {}
    urls = dict(LIST_URLS, list_last_page=f"/cases/?page={-(-big_unit_cases // PAGE_SIZE)}")
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        result = _timed(lambda url=url: client.get(url), runs)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        result.update(
            url=url,
            queries=len(queries),
            query_ms=round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
            slowest_sql=[{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:300]} for q in slowest],
            total_shown=_shown_total(response.content.decode()),
        )
        results[name] = result
    return results


def measure_all(year: int, big_unit_id: int, big_unit_cases: int, runs: int) -> dict[str, Any]:
    """Every measurement of the benchmark."""
    results = measure_tables(year, big_unit_id, runs)
    results.update(measure_list(big_unit_id, big_unit_cases, runs))
    return results
