"""Signal receivers of the cases app."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db.models import Q

from xxgk.apps.cases.models import Case
from xxgk.core.cases.states import State

log = logging.getLogger(__name__)

_ENDED = (State.CLOSED.value, State.WITHDRAWN.value, State.SPLIT.value)


def open_cases_touching(year: int):
    """Open, registered (not imported) cases whose deadline a schedule for ``year`` may move.

    A schedule for year Y can reach back into December of Y−1 (a 元旦 range),
    so every open deadline from 1 December of Y−1 on counts, and every
    provisional one.
    """
    since = dt.date(year - 1, 12, 1)
    return (
        Case.objects.filter(concluded_on__isnull=True, imported=False)
        .exclude(state__in=_ENDED)
        .filter(Q(due_provisional=True) | Q(due_date__gte=since))
    )


def recompute_open_deadlines(sender: Any, year: int, **kwargs: Any) -> int:
    """Recompute every open deadline a newly entered schedule may change (applications.md §3)."""
    from xxgk.apps.cases.services import case_recompute_deadline
    from xxgk.apps.workcalendar.selectors import load_calendar

    calendar = load_calendar()
    count = 0
    for case in open_cases_touching(year).only("pk"):
        case_recompute_deadline(case, calendar)
        count += 1
    log.info("calendar %s changed: recomputed %d open deadlines", year, count)
    return count
