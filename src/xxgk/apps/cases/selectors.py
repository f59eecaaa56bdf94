"""Reads of the cases app: tables 三 and 四 by database aggregation, and the report built from cases.

applications.md §8–§9. The numbers equal the pure reference
xxgk.core.cases.tables (tested on random data); here they come from a few
GROUP BY queries with conditional counts, never a loop over cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from xxgk.apps.cases.models import Case, Fee, ReviewCase, ReviewResultMapping
from xxgk.apps.units.models import Unit
from xxgk.core.cases.states import State
from xxgk.core.cases.tables import (
    COUNTING_RULE_NOTES,
    DEFAULT_RESULT_MAPPING,
    T3_MEMBERSHIP,
    CountingRule,
    t3_group,
)
from xxgk.core.report.drafts import fee_statement
from xxgk.core.report.layout import (
    SECTIONS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROWS,
    T4_GROUPS,
    t2_addresses,
)
from xxgk.core.report.model import Cell, Report, Section

__all__ = [
    "counting_rule",
    "fee_summary",
    "report_from_cases",
    "review_result_mapping",
    "t3_q",
    "t3_row_q",
    "table3_cells",
    "table3_cells_by_unit",
    "table4_cells",
    "table4_cells_by_unit",
]

_FIELDS = {"received_on": "receipt_date", "concluded_on": "concluded_on"}
_LOOKUPS = {"<": "lt", "<=": "lte", ">=": "gte", ">": "gt"}


def t3_q(group: str, year: int) -> Q:
    """The ORM filter of a table 三 membership group of ``year``, read from the core's T3_MEMBERSHIP."""
    anchors = {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}
    q = Q()
    for term in T3_MEMBERSHIP[group]:
        field = _FIELDS[term.field]
        condition = Q(**{f"{field}__{_LOOKUPS[term.op]}": anchors[term.anchor]})
        if term.or_open:
            condition |= Q(**{f"{field}__isnull": True})
        q &= condition
    return q


def t3_row_q(row: str, year: int) -> Q:
    """The ORM filter of the cases one row of table 三 counts (outcome rows also by their outcome)."""
    q = t3_q(t3_group(row), year)
    return q & Q(outcome=row) if row in T3_OUTCOME_ROWS else q


def table3_cells(unit_ids: Iterable[int], year: int) -> dict[str, int]:
    """Table 三 of ``year`` for the units together (applications.md §9), every 2021-format address → count."""
    total = _zero_table3()
    for cells in table3_cells_by_unit(unit_ids, year).values():
        for address, count in cells.items():
            total[address] += count
    return total


def _zero_table3() -> dict[str, int]:
    return {f"t3.{row.key}.{col}": 0 for row in T3_ROWS for col, _ in T3_COLUMNS}


def table3_cells_by_unit(unit_ids: Iterable[int], year: int) -> dict[int, dict[str, int]]:
    """Table 三 of ``year`` for each unit (applications.md §9): unit id → every 2021-format address → count.

    One GROUP BY (unit, applicant type, outcome) with conditional counts;
    the few thousand groups are summed here. Only cases received by 31
    December and still open on 1 January can count in any row (a case
    received in the year is concluded on or after 1 January), so the WHERE
    clause leaves the others out. The covering index
    ``cases_case_unit_t3_cover`` lists exactly these columns in this order, so
    SQLite reads it without touching the table and without sorting for the
    GROUP BY. Counting ``receipt_date`` (never NULL) rather than the id keeps
    PostgreSQL's index-only scan possible: the id is not in the index.
    Every unit asked for is in the result, with zeros when it has no case.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ids = list(unit_ids)
    relevant = Q(receipt_date__lte=end) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
    groups = (
        Case.objects.filter(relevant, unit_id__in=ids)
        .exclude(state=State.SPLIT.value)
        .values("unit_id", "applicant_type", "outcome")
        .annotate(
            **{group: Count("receipt_date", filter=t3_q(group, year)) for group in T3_MEMBERSHIP},
        )
        .order_by()
    )
    by_unit = {unit_id: _zero_table3() for unit_id in ids}
    for group in groups:
        cells = by_unit[group["unit_id"]]
        col = group["applicant_type"]
        for key in ("new_received", "carried_over", "carried_forward"):
            cells[f"t3.{key}.{col}"] += group[key]
        if group["concluded"]:
            cells[f"t3.{group['outcome']}.{col}"] += group["concluded"]
            cells[f"t3.total_processed.{col}"] += group["concluded"]
    for cells in by_unit.values():
        for row in T3_ROWS:
            cells[f"t3.{row.key}.total"] = sum(cells[f"t3.{row.key}.{col}"] for col in T3_APPLICANT_COLUMNS)
    return by_unit


def counting_rule() -> CountingRule:
    """The configured rule for the year a review/litigation case counts in (settings.XXGK_REVIEW_COUNTING_RULE)."""
    return CountingRule(getattr(settings, "XXGK_REVIEW_COUNTING_RULE", CountingRule.PENDING_IN_FILED_YEAR.value))


def review_result_mapping() -> dict[str, str]:
    """The configured raw result → table 四 result mapping; the §8 default while the table is empty."""
    stored = dict(ReviewResultMapping.objects.values_list("phrase", "result_key"))
    return stored or dict(DEFAULT_RESULT_MAPPING)


def table4_cells(unit_ids: Iterable[int], year: int, rule: CountingRule | None = None) -> dict[str, int]:
    """Table 四 of ``year`` for the units together (applications.md §8) by one GROUP BY query."""
    total = _zero_table4()
    for cells in table4_cells_by_unit(unit_ids, year, rule).values():
        for address, count in cells.items():
            total[address] += count
    return total


def _zero_table4() -> dict[str, int]:
    return {f"t4.{g}.{r}": 0 for g, _ in T4_GROUPS for r in ("upheld", "corrected", "other", "pending", "total")}


def table4_cells_by_unit(
    unit_ids: Iterable[int], year: int, rule: CountingRule | None = None
) -> dict[int, dict[str, int]]:
    """Table 四 of ``year`` for each unit (applications.md §8) by one GROUP BY (unit, kind) query."""
    rule = rule or counting_rule()
    ids = list(unit_ids)
    end = dt.date(year, 12, 31)
    reviews = ReviewCase.objects.filter(unit_id__in=ids)
    concluded_by_end = Q(result_on__isnull=False, result_on__lte=end)
    if rule is CountingRule.PENDING_IN_FILED_YEAR:
        counted = Q(result_on__year=year)
        pending = Q(filed_on__year=year) & ~concluded_by_end
    else:
        counted = Q(filed_on__year=year) & concluded_by_end
        pending = Q(filed_on__year=year) & ~concluded_by_end
    groups = (
        reviews.values("unit_id", "kind")
        .annotate(
            upheld=Count("pk", filter=counted & Q(result_key="upheld")),
            corrected=Count("pk", filter=counted & Q(result_key="corrected")),
            other=Count("pk", filter=counted & Q(result_key="other")),
            pending=Count("pk", filter=pending),
        )
        .order_by()
    )
    by_unit = {unit_id: _zero_table4() for unit_id in ids}
    for group in groups:
        cells = by_unit[group["unit_id"]]
        for result in ("upheld", "corrected", "other", "pending"):
            cells[f"t4.{group['kind']}.{result}"] = group[result]
        cells[f"t4.{group['kind']}.total"] = sum(group[r] for r in ("upheld", "corrected", "other", "pending"))
    return by_unit


def fee_summary(unit_ids: Iterable[int], year: int) -> tuple[int, Decimal]:
    """The number of fee notices sent in ``year`` and the amount paid in it (年度报告第六部分)."""
    ids = list(unit_ids)
    notices = Fee.objects.filter(case__unit_id__in=ids, sent_on__year=year).count()
    paid = Fee.objects.filter(case__unit_id__in=ids, paid_on__year=year).aggregate(s=Sum("amount"))["s"]
    return notices, paid or Decimal(0)


def _fee_text(notices: int, paid: Decimal) -> str:
    return fee_statement(notices, paid)


def report_from_cases(unit: Unit, year: int, *, table2: Mapping[str, int | Decimal] | None = None) -> Report:
    """The annual report of ``unit``: tables 三 and 四 from its cases; table 二 from ``table2`` (zeros if None).

    ``xxgk.apps.reports.selectors.live_report`` passes table 二 computed from the catalogue.
    """
    ids = [unit.pk]
    cells = {a: Cell.of(0) for a in t2_addresses()}
    cells.update({a: Cell.of(v) for a, v in (table2 or {}).items() if a in cells})
    cells.update({a: Cell.of(n) for a, n in table3_cells(ids, year).items()})
    cells.update({a: Cell.of(n) for a, n in table4_cells(ids, year).items()})
    headings = dict(SECTIONS)
    notes = {
        "other": _fee_text(*fee_summary(ids, year)) + COUNTING_RULE_NOTES[counting_rule()],
    }
    sections = {key: Section(key, headings[key], notes.get(key, "")) for key, _ in SECTIONS}
    title = f"{unit.name}{year}年政府信息公开工作年度报告"
    return Report(unit=unit.name, year=year, title=title, sections=sections, cells=cells, source_type="cases")
