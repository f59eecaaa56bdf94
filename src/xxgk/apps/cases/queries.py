"""Reads for the staff case pages: the case list, the work lists, a case's page and the fee count.

Every list is one filtered query on the indexed columns of Case (unit, state,
receipt_date, due_date); nothing loops over a unit's cases in Python. A page
of the list is read by a deferred join (:class:`CaseRows`): the page's ids
first, from the covering index ``cases_case_unit_list_cover``, then only
those rows — so page 2,000 of a 100,000-case unit costs about as much as
page 1 (docs/performance.md). The work lists follow applications.md §4: 3个工作日内到期 and 已逾期 use
the stored ``due_date`` (recomputed by the services on every event) and the
working-day calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Q, QuerySet

from xxgk.apps.cases.clock import deadline_for
from xxgk.apps.cases.models import Case
from xxgk.apps.units.models import Membership, Role, Unit
from xxgk.core.calendar.deadline import Deadline
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.states import OPEN_STATES, State

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "LIST_FIELDS",
    "WORK_LISTS",
    "CaseFilters",
    "CaseRows",
    "MonthApplications",
    "case_deadline",
    "case_list",
    "case_list_rows",
    "due_soon_limit",
    "is_unit_handler",
    "month_applications",
    "nth_application_in_month",
    "number_search",
    "open_cases",
    "unit_handlers",
    "work_counts",
]

DUE_SOON_WORKING_DAYS = 3
WAITING_STATES = (State.AWAITING_SUPPLEMENT.value, State.AWAITING_FEE.value)

# the columns the case list shows (cases/list.html); the rest of a case stays in the table
LIST_FIELDS = (
    "pk",
    "unit_id",
    "number",
    "channel",
    "receipt_date",
    "applicant_type",
    "applicant_name",
    "state",
    "outcome",
    "due_date",
    "due_provisional",
    "handler_id",
)

# key → Chinese title of each work list; "" is the list of all cases
WORK_LISTS: dict[str, str] = {
    "": "全部案件",
    "mine": "我的案件",  # open cases assigned to me (Case.handler)
    "due": "3个工作日内到期",
    "overdue": "已逾期",
    "waiting": "等待申请人",
    "review": "待我审核",  # extensions and replies awaiting a reviewer's approval
}
REVIEW_STATES = (State.EXTENSION_REQUESTED.value, State.REPLY_DRAFTED.value)


@dataclass(frozen=True)
class CaseFilters:
    """The filters of the case list: work list, state, outcome, year of receipt, number search."""

    work_list: str = ""
    state: str = ""
    outcome: str = ""
    year: int | None = None
    number: str = ""


def open_cases(unit_ids: list[int] | QuerySet[Unit]) -> QuerySet[Case]:
    """The cases still being handled in the units."""
    return Case.objects.filter(unit_id__in=unit_ids, state__in=[s.value for s in OPEN_STATES])


def due_soon_limit(today: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day of the 3-working-day window starting today (条例第三十三条 reminders)."""
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)


def work_lists_q(*, user: Any, today: dt.date, calendar: WorkCalendar) -> dict[str, Q]:
    """The filter of each work list (WORK_LISTS, all but 全部案件), for the lists and their counts alike."""
    open_states = [s.value for s in OPEN_STATES]
    return {
        "mine": Q(state__in=open_states, handler=user),
        "due": Q(state__in=open_states, due_date__gte=today, due_date__lte=due_soon_limit(today, calendar)),
        "overdue": Q(state__in=open_states, due_date__lt=today),
        "waiting": Q(state__in=WAITING_STATES),
        "review": Q(state__in=REVIEW_STATES),
    }


def work_counts(unit: Unit, *, user: Any, today: dt.date, calendar: WorkCalendar) -> dict[str, int]:
    """How many cases each work list of ``unit`` holds, in one query (the 工作台 tiles)."""
    from django.db.models import Count

    lists = work_lists_q(user=user, today=today, calendar=calendar)
    return Case.objects.filter(unit=unit).aggregate(**{key: Count("pk", filter=q) for key, q in lists.items()})


def unit_handlers(unit: Unit) -> QuerySet[Any]:
    """The active users holding the handler role in ``unit``, by name (those a case may be assigned to)."""
    from django.contrib.auth import get_user_model

    ids = Membership.objects.filter(unit=unit, role=Role.HANDLER).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name", "username")


def is_unit_handler(unit: Unit, user: Any) -> bool:
    """Whether ``user`` holds the handler role in ``unit`` and is active."""
    return unit_handlers(unit).filter(pk=getattr(user, "pk", None)).exists()


def _filtered(
    unit: Unit, filters: CaseFilters, *, user: Any, today: dt.date, calendar: WorkCalendar
) -> tuple[QuerySet[Case], list[str]]:
    """The unit's cases for one work list and filters, unordered, with the order they are read in."""
    cases = Case.objects.filter(unit=unit)
    order = ["-receipt_date", "-pk"]
    if filters.work_list:
        cases = cases.filter(work_lists_q(user=user, today=today, calendar=calendar)[filters.work_list])
        if filters.work_list in ("due", "overdue", "review"):
            order = ["due_date", "pk"]
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.outcome:
        cases = cases.filter(outcome=filters.outcome)
    if filters.year:
        cases = cases.filter(
            receipt_date__gte=dt.date(filters.year, 1, 1), receipt_date__lte=dt.date(filters.year, 12, 31)
        )
    if filters.number.strip():
        cases = cases.filter(number_search(filters.number))
    return cases, order


def number_search(text: str) -> Q:
    """The condition 编号 contains ``text``, ignoring letter case.

    When ``text`` has no letter with a case (digits, ``-``, Chinese …), upper-
    and lower-casing change nothing, so a plain ``contains`` finds the same
    cases; on PostgreSQL it avoids ``UPPER(number)`` on every row and lets the
    list's covering index answer (about 25 ms instead of 50 ms at 100,000
    cases). Otherwise ``icontains``, served by the trigram index of migration
    ``cases/0004``.
    """
    text = text.strip()
    if all(ch.upper() == ch == ch.lower() for ch in text):
        return Q(number__contains=text)
    return Q(number__icontains=text)


def case_list(unit: Unit, filters: CaseFilters, *, user: Any, today: dt.date, calendar: WorkCalendar) -> QuerySet[Case]:
    """The unit's cases for one work list and filters, ordered for reading (one query, indexed columns)."""
    cases, order = _filtered(unit, filters, user=user, today=today, calendar=calendar)
    return cases.order_by(*order).only(*LIST_FIELDS)


class CaseRows:
    """The cases of a list for a Paginator, each page read by a deferred join.

    ``rows[a:b]`` is one query: ``id IN (the ids of positions a…b in list
    order, LIMIT/OFFSET)`` and then only those rows. The inner query reads
    the ids from an index covering the filter and the order (index-only on
    PostgreSQL and SQLite), so a deep OFFSET skips index entries instead of
    whole table rows. Same rows, same order as ``case_list``.
    """

    ordered = True  # the Paginator warns about unordered lists

    def __init__(self, cases: QuerySet[Case], order: list[str]) -> None:
        self._cases = cases
        self._order = order

    def count(self) -> int:
        """How many cases the list holds (one COUNT query)."""
        return self._cases.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Case: ...

    @overload
    def __getitem__(self, index: slice) -> QuerySet[Case]: ...

    def __getitem__(self, index: int | slice) -> Case | QuerySet[Case]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        if index.step not in (None, 1):
            raise ValueError("CaseRows slices have no step")
        ids = self._cases.order_by(*self._order).values("pk")[index]
        return Case.objects.filter(pk__in=ids).order_by(*self._order).only(*LIST_FIELDS)


def case_list_rows(unit: Unit, filters: CaseFilters, *, user: Any, today: dt.date, calendar: WorkCalendar) -> CaseRows:
    """The unit's cases for one work list and filters, paged by deferred join (the staff case list)."""
    cases, order = _filtered(unit, filters, user=user, today=today, calendar=calendar)
    return CaseRows(cases, order)


def case_deadline(case: Case, calendar: WorkCalendar) -> Deadline | None:
    """The case's deadline with its explanation steps, recomputed from the stored timeline."""
    return deadline_for(case.events.order_by("date", "pk"), calendar)


@dataclass(frozen=True)
class MonthApplications:
    """The applicant's earlier applications in the calendar month of a case (国办函〔2020〕109号 按件计收).

    ``by_identity`` share the case's identity number; ``by_name`` have the
    applicant's exact name where one of the two has no identity number (a
    ledger row, a letter without a copy of the ID), so staff confirm them.
    """

    by_identity: list[Case]
    by_name: list[Case]

    def nth(self, confirmed: Iterable[int] | None = None) -> int:
        """Which application of the month the case is, counting the name matches in ``confirmed`` (default: all)."""
        names = self.by_name if confirmed is None else [c for c in self.by_name if c.pk in set(confirmed)]
        return 1 + len(self.by_identity) + len(names)


def month_applications(case: Case) -> MonthApplications:
    """The applicant's applications received in the unit before ``case`` in its calendar month, any channel or origin.

    Matched by identity number where both have one, otherwise by exact name;
    split parents are not counted (their parts are).
    """
    name, identity = case.applicant_name.strip(), case.identity_number.strip()
    if not (name or identity):
        return MonthApplications([], [])
    # a name counts only where one side lacks an identity number
    by_name = Q(applicant_name=name) & (Q(identity_number="") if identity else Q()) if name else Q(pk__in=[])
    same = Q(identity_number=identity) | by_name if identity else by_name
    earlier = Q(receipt_date__lt=case.receipt_date) | Q(receipt_date=case.receipt_date, pk__lt=case.pk)
    found = list(
        Case.objects.filter(same, earlier, unit_id=case.unit_id, receipt_date__gte=case.receipt_date.replace(day=1))
        .exclude(state=State.SPLIT.value)
        .exclude(pk=case.pk)
        .only("pk", "number", "receipt_date", "channel", "imported", "applicant_name", "identity_number")
        .order_by("receipt_date", "pk")
    )
    by_identity = [c for c in found if identity and c.identity_number == identity]
    return MonthApplications(by_identity, [c for c in found if c not in by_identity])


def nth_application_in_month(case: Case) -> int:
    """Which application of this applicant in the calendar month of receipt this one is, every name match counted."""
    return month_applications(case).nth()
