"""Table 三 over several units equals the pure reference, and its query stays on the covering index.

The speed itself is measured by benchmarks/cases_scale.py (docs/performance.md),
not here; these tests keep the shape that makes it fast: one GROUP BY read
from ``cases_case_unit_t3_cover`` without a sort on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.apps.cases.random_cases import random_cases
from tests.factories import UnitFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.selectors import table3_cells
from xxgk.core.cases.tables import CaseFact, table3

pytestmark = pytest.mark.django_db


def _cases(unit, rng: random.Random, n: int) -> list[Case]:
    made = random_cases(
        unit,
        rng,
        n,
        prefix="S",
        channel="letter",
        conclude_within=400,
        open_states=("in_progress", "received", "split"),
    )
    return Case.objects.bulk_create(made)


@pytest.fixture
def three_units():
    rng = random.Random(13)
    units = [UnitFactory(name=f"规模测试{n}局") for n in range(3)]
    for unit in units:
        _cases(unit, rng, 120)
    return units


def _facts(units) -> list[CaseFact]:
    cases = Case.objects.filter(unit__in=units).exclude(state="split")
    return [CaseFact(c.receipt_date, c.concluded_on, c.outcome, c.applicant_type) for c in cases]


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
@pytest.mark.parametrize("chosen", [(0, 1, 2), (0, 2), (1,)])
def test_several_units_sum_to_the_pure_table(three_units, year, chosen):
    units = [three_units[i] for i in chosen]
    assert table3_cells([u.pk for u in units], year) == table3(_facts(units), year)


def test_a_unit_not_asked_for_is_not_counted(three_units):
    first, second, _ = three_units
    both = table3_cells([first.pk, second.pk], 2025)
    alone = table3_cells([first.pk], 2025)
    assert both["t3.new_received.total"] > alone["t3.new_received.total"]
    assert table3_cells([], 2025)["t3.new_received.total"] == 0


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plans")
def test_table3_reads_only_the_covering_index_without_sorting(three_units):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as queries:
        table3_cells([u.pk for u in three_units], 2025)
    assert len(queries) == 1
    plan = _plan(queries[0]["sql"])
    assert "COVERING INDEX cases_case_unit_t3_cover" in plan
    assert "TEMP B-TREE" not in plan


def _pg_plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return " | ".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigram index")
@pytest.mark.parametrize(("field", "uses_index"), [("number", True), ("applicant_name", False)])
def test_number_search_can_use_the_trigram_index(three_units, field, uses_index):
    """``number__icontains`` (the case list's 编号 search) has a trigram index; other text fields have none."""
    query = Case.objects.filter(**{f"{field}__icontains": "2025-0012"}).order_by()
    sql, params = query.query.sql_with_params()
    assert ("cases_case_number_trgm" in _pg_plan(sql, params)) is uses_index


def _list_page_sql(unit, filters, page: int) -> tuple[str, tuple]:
    """The SQL of one page (50 cases) of the staff case list, as the view runs it."""
    from xxgk.apps.cases.queries import CaseFilters, case_list_rows

    rows = case_list_rows(unit, CaseFilters(**filters), user=None, today=dt.date(2026, 11, 28), calendar=None)
    return rows[(page - 1) * 50 : page * 50].query.sql_with_params()


LIST_FILTERS = [{}, {"state": "closed"}, {"outcome": "granted"}, {"number": "S-1"}, {"state": "closed", "number": "1"}]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plans")
@pytest.mark.parametrize("filters", LIST_FILTERS)
def test_a_list_page_skips_over_index_entries_not_table_rows(three_units, filters):
    """The page's ids come from a covering index (the OFFSET walks the index); only 50 table rows are read."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sql, params = _list_page_sql(three_units[0], filters, page=2)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        steps = [str(row[-1]) for row in cursor.fetchall()]
    outer = [s for s in steps if s.startswith(("SCAN cases_case", "SEARCH cases_case "))]
    inner = [s for s in steps if " U0 " in s]
    assert outer == ["SEARCH cases_case USING INTEGER PRIMARY KEY (rowid=?)"]
    assert inner and all("COVERING INDEX" in s for s in inner)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
@pytest.mark.parametrize("filters", LIST_FILTERS)
def test_a_list_page_reads_its_ids_from_the_list_index(three_units, filters):
    """``cases_case_unit_list_cover`` serves the filter and the order of a page's ids (migration cases/0006).

    A test table is too small for the planner to prefer any index over a sort,
    so sorting is priced out here; at 100,000 cases the plan is an index-only
    scan (docs/performance.md).
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    sql, params = _list_page_sql(three_units[0], filters, page=2)
    plan = _pg_plan(sql, params)
    assert "Scan using cases_case_unit_list_cover on cases_case u0" in plan
