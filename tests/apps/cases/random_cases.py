"""Random cases for comparing the database aggregation of tables 三 and 四 with the pure reference."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from xxgk.apps.cases.models import Case
from xxgk.core.report.layout import T3_APPLICANT_COLUMNS, T3_OUTCOME_ROWS

FIRST_DAY = dt.date(2023, 1, 1)


def random_day(rng: random.Random) -> dt.date:
    """A day within four years from 2023-01-01."""
    return FIRST_DAY + dt.timedelta(days=rng.randrange(4 * 365))


def random_cases(
    unit: Any,
    rng: random.Random,
    n: int,
    *,
    prefix: str,
    channel: str,
    conclude_within: int,
    open_states: Sequence[str],
) -> list[Case]:
    """Make n unsaved cases of the unit: 80 % concluded (closed or withdrawn) within the given days, the rest open."""
    cases = []
    for i in range(n):
        received = random_day(rng)
        concluded = received + dt.timedelta(days=rng.randrange(conclude_within)) if rng.random() < 0.8 else None
        state = rng.choice(["closed", "withdrawn"]) if concluded else rng.choice(list(open_states))
        cases.append(
            Case(
                unit=unit,
                number=f"{prefix}-{i}",
                channel=channel,
                receipt_date=received,
                applicant_type=rng.choice(T3_APPLICANT_COLUMNS),
                state=state,
                outcome=rng.choice(T3_OUTCOME_ROWS) if concluded else None,
                concluded_on=concluded,
            )
        )
    return cases
