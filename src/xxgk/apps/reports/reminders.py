"""Who is reminded about the annual report: units not yet published from 1 January; late units for supervisors.

条例第四十九条: the report for the past year is published by 31 January (a
unit's own due date where set). Pure selection here; the command sends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xxgk.apps.reports.models import AnnualReport
from xxgk.apps.units.models import Membership, Unit
from xxgk.core.report.workflow import ReportState, due_date

__all__ = ["ReportReminder", "report_reminders"]

# who prepares and approves the report in a unit
REPORT_ROLES = ("reviewer", "unit_admin")


@dataclass(frozen=True)
class ReportReminder:
    """One e-mail: to whom, about which units (their own report, or the late subordinates they supervise)."""

    user: Any
    own: list[tuple[Unit, dt.date]]  # units whose report the user must still publish, with the due date
    late: list[Unit]  # subordinate units past their due date without a published report (supervisors)


def _unpublished(year: int) -> list[Unit]:
    published = AnnualReport.objects.filter(year=year, state=ReportState.PUBLISHED.value).values("unit_id")
    return list(Unit.objects.exclude(pk__in=published).order_by("name"))


def report_reminders(today: dt.date) -> list[ReportReminder]:
    """The reminders due on ``today`` for last year's report (none before 1 January's year starts the season)."""
    year = today.year - 1
    pending = _unpublished(year)
    own: dict[int, list[tuple[Unit, dt.date]]] = {}
    users: dict[int, Any] = {}
    pending_ids = {u.pk: u for u in pending}
    for m in Membership.objects.filter(
        unit_id__in=pending_ids, role__in=REPORT_ROLES, user__is_active=True
    ).select_related("user"):
        unit = pending_ids[m.unit_id]
        users[m.user_id] = m.user
        entry = (unit, due_date(year, unit.report_due_month, unit.report_due_day))
        if entry not in own.setdefault(m.user_id, []):
            own[m.user_id].append(entry)
    late_units = [u for u in pending if today > due_date(year, u.report_due_month, u.report_due_day)]
    late: dict[int, list[Unit]] = {}
    for m in Membership.objects.filter(is_supervisor=True, user__is_active=True).select_related("user", "unit"):
        below = m.unit.descendant_ids()
        mine = [u for u in late_units if u.pk in below]
        if mine:
            users[m.user_id] = m.user
            late.setdefault(m.user_id, [])
            late[m.user_id] += [u for u in mine if u not in late[m.user_id]]
    return [
        ReportReminder(user=users[uid], own=own.get(uid, []), late=late.get(uid, []))
        for uid in sorted(set(own) | set(late))
    ]
