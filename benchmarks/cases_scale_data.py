"""Benchmark data for cases_scale.py: a county of units with cases and review cases, loaded in bulk.

The rows are generated from a seeded random generator so that every run (and
both databases) get the same county: one county government, its departments
and street offices, one large unit (the one whose case list is measured) and
the other cases spread unevenly over the other units. Receipt dates run from
2023-01-01 to the day before ``today``; most cases are concluded within
about 20 working days, recent ones are still open, a few old ones stay open,
some are withdrawn or split, and about 1.5 % of concluded cases lead to an
administrative review or a lawsuit.

SQLite is loaded with ``executemany`` in one transaction, PostgreSQL with
``COPY … FROM STDIN`` (psycopg 3), then ``VACUUM ANALYZE``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.units import UnitKind, org_code_check_digit

__all__ = ["CASE_COLUMNS", "REVIEW_COLUMNS", "UNIT_COLUMNS", "County", "county_plan", "load"]

CHUNK = 20_000
FIRST_DAY = dt.date(2023, 1, 1)

UNIT_COLUMNS = (
    "id",
    "name",
    "short_name",
    "org_code",
    "kind",
    "parent_id",
    "review_body_override",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "office_web",
    "report_due_month",
    "report_due_day",
)
CASE_COLUMNS = (
    "id",
    "unit_id",
    "number",
    "channel",
    "receipt_date",
    "receipt_evidence",
    "applicant_type",
    "applicant_name",
    "identity_type",
    "identity_number",
    "address",
    "phone",
    "email",
    "requested_form",
    "requested_channel",
    "content",
    "state",
    "outcome",
    "draft_outcome",
    "concluded_on",
    "due_date",
    "due_provisional",
    "version",
    "parent_id",
    "tracking_token",
    "late",
    "long_open",
    "imported",
    "created_at",
)
REVIEW_COLUMNS = (
    "id",
    "unit_id",
    "kind",
    "application_id",
    "body",
    "filed_on",
    "status",
    "result",
    "result_key",
    "result_on",
)

APPLICANT_WEIGHTS = {
    "natural_person": 85,
    "commercial": 7,
    "research": 1,
    "social_welfare": 1,
    "legal_services": 4,
    "other_org": 2,
}
CHANNEL_WEIGHTS = {"online": 60, "letter": 25, "in_person": 10, "email": 4, "fax": 1}
# the granted/partial rows dominate real reports; every one of the 21 rows occurs
OUTCOME_WEIGHTS = {key: 2 for key in OUTCOMES} | {
    "granted": 45,
    "partially_granted": 10,
    "unavailable_not_held": 15,
    "not_processed_petition": 5,
    "other_other": 5,
}
OPEN_STATES = ("received", "in_progress", "consulting", "awaiting_supplement", "awaiting_fee", "reply_drafted")
REVIEW_KINDS = {"review": 60, "litigation_direct": 30, "litigation_after_review": 10}
REVIEW_RESULTS = {"upheld": ("维持", 70), "corrected": ("撤销", 10), "other": ("驳回", 20)}
REVIEW_BODY = "基准市人民政府"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


@dataclass(frozen=True)
class County:
    """The shape of the generated county: unit count, case count and the large unit whose list is measured."""

    units: int
    cases: int
    big_unit_cases: int
    today: dt.date
    seed: int = 2026

    @property
    def big_unit_id(self) -> int:
        """The id of the large unit (the first department)."""
        return 2


def county_plan(units: int, cases: int, big_unit_cases: int, today: dt.date) -> County:
    """Check the sizes and return the county to generate."""
    if units < 2:
        raise ValueError("at least 2 units (the county government and one department)")
    if not 0 < big_unit_cases <= cases:
        raise ValueError("the large unit's cases must be between 1 and the total")
    return County(units=units, cases=cases, big_unit_cases=big_unit_cases, today=today)


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def unit_rows(county: County) -> list[tuple[Any, ...]]:
    """The county government (id 1) and its departments and street offices (ids 2…)."""
    rows = []
    for uid in range(1, county.units + 1):
        body = f"B{uid:07d}"
        if uid == 1:
            name, kind, parent = "基准县人民政府", UnitKind.GOVERNMENT.value, None
        elif uid % 10 == 0:
            name, kind, parent = f"基准县第{uid:03d}街道办事处", UnitKind.DISPATCHED.value, 1
        else:
            name, kind, parent = f"基准县第{uid:03d}号部门", UnitKind.DEPARTMENT.value, 1
        rows.append((uid, name, "", body + org_code_check_digit(body), kind, parent, "", "", "", "", "", "", "", 1, 31))
    return rows


def _unit_of_each_case(county: County, rng: random.Random) -> list[int]:
    """The unit id of every case: the large unit's share, the rest spread unevenly (log-normal weights)."""
    others = list(range(1, county.units + 1))
    others.remove(county.big_unit_id)
    weights = [rng.lognormvariate(0, 1) for _ in others]
    rest = county.cases - county.big_unit_cases
    units = [county.big_unit_id] * county.big_unit_cases + rng.choices(others, weights=weights, k=rest)
    rng.shuffle(units)
    return units


def case_rows(county: County) -> Iterator[list[tuple[Any, ...]]]:
    """Chunks of case rows (ids 1…N) in receipt order, numbered per unit and year."""
    rng = random.Random(county.seed)
    units = _unit_of_each_case(county, rng)
    span = (county.today - FIRST_DAY).days
    offsets = sorted(rng.randrange(span) for _ in range(county.cases))
    next_number: dict[tuple[int, int], int] = {}
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for start in range(0, county.cases, CHUNK):
        size = min(CHUNK, county.cases - start)
        types = _weighted(rng, APPLICANT_WEIGHTS, size)
        channels = _weighted(rng, CHANNEL_WEIGHTS, size)
        outcomes = _weighted(rng, OUTCOME_WEIGHTS, size)
        rows = []
        for i in range(size):
            case_id = start + i + 1
            unit = units[start + i]
            received = FIRST_DAY + dt.timedelta(days=offsets[start + i])
            key = (unit, received.year)
            next_number[key] = seq = next_number.get(key, 0) + 1
            due = received + dt.timedelta(days=28)
            roll = rng.random()
            concluded: dt.date | None = received + dt.timedelta(days=rng.randrange(1, 40))
            outcome: str | None = outcomes[i]
            state = "closed"
            if roll < 0.004:  # split into parts: the parent itself counts nowhere
                state, outcome, concluded = "split", None, None
            elif roll < 0.009 or concluded >= county.today:  # still being handled (some for a long time)
                state, outcome, concluded = rng.choice(OPEN_STATES), None, None
            elif roll < 0.02:
                state, outcome = "withdrawn", "other_other"
            name = rng.choice(SURNAMES) + "某" if types[i] == "natural_person" else f"某某有限公司{unit}"
            rows.append(
                (
                    case_id,
                    unit,
                    f"{received.year}-{seq:06d}",
                    channels[i],
                    received,
                    "",
                    types[i],
                    name,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "纸质",
                    "邮寄",
                    "申请公开某项目的批复文件。",
                    state,
                    outcome,
                    outcome or "",
                    concluded,
                    due,
                    False,
                    1,
                    None,
                    f"bench{case_id:010d}{rng.getrandbits(64):016x}",
                    concluded is not None and concluded > due,
                    concluded is None and due < county.today,
                    False,
                    created,
                )
            )
        yield rows


def review_rows(county: County, cases: Sequence[tuple[Any, ...]], first_id: int) -> list[tuple[Any, ...]]:
    """Review cases and lawsuits about about 1.5 % of the concluded cases of a chunk."""
    rng = random.Random(county.seed + first_id)
    rows = []
    for case in cases:
        concluded = case[19]
        if concluded is None or rng.random() >= 0.015:
            continue
        filed = concluded + dt.timedelta(days=rng.randrange(10, 60))
        if filed >= county.today:
            continue
        kind = _weighted(rng, REVIEW_KINDS, 1)[0]
        result_on: dt.date | None = filed + dt.timedelta(days=rng.randrange(30, 200))
        if result_on >= county.today or rng.random() < 0.1:
            rows.append(
                (first_id + len(rows), case[1], kind, case[0], "基准市人民政府", filed, "pending", "", "", None)
            )
            continue
        key = rng.choices(list(REVIEW_RESULTS), weights=[w for _, w in REVIEW_RESULTS.values()])[0]
        text = REVIEW_RESULTS[key][0]
        rows.append(
            (first_id + len(rows), case[1], kind, case[0], "基准市人民政府", filed, "concluded", text, key, result_on)
        )
    return rows


def _insert_sql(table: str, columns: Sequence[str], placeholder: str) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([placeholder] * len(columns))})"


def load(connection: Any, county: County) -> dict[str, int]:
    """Insert the county into the migrated database of a Django ``connection`` in one transaction; return counts."""
    from django.db import transaction

    postgres = connection.vendor == "postgresql"
    counts = {"units": county.units, "cases": 0, "reviews": 0}
    with connection.cursor() as cursor:
        if not postgres:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        raw = connection.connection
        _write(raw, cursor, postgres, "units_unit", UNIT_COLUMNS, unit_rows(county))
        review_id = 1
        for chunk in case_rows(county):
            _write(raw, cursor, postgres, "cases_case", CASE_COLUMNS, chunk)
            reviews = review_rows(county, chunk, review_id)
            _write(raw, cursor, postgres, "cases_reviewcase", REVIEW_COLUMNS, reviews)
            counts["cases"] += len(chunk)
            counts["reviews"] += len(reviews)
            review_id += len(reviews)
        if postgres:
            for table in ("units_unit", "cases_case", "cases_reviewcase"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    return counts


def _write(
    raw: Any, cursor: Any, postgres: bool, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    if postgres:
        with raw.cursor() as pg, pg.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(_insert_sql(table, columns, "%s"), rows)
