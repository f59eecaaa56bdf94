"""The cases' part of the staff work page: each work list of the current unit with its count."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from xxgk.apps.units.access import can_act, current_unit

register = template.Library()


@register.inclusion_tag("cases/_work.html", takes_context=True)
def cases_work(context: template.Context) -> dict[str, Any]:
    """Tiles for 我的案件, 3个工作日内到期, 已逾期, 等待申请人 and — for reviewers — 待我审核 (``{% cases_work %}``)."""
    from xxgk.apps.cases.queries import WORK_LISTS, work_counts
    from xxgk.apps.workcalendar.selectors import load_calendar

    request = context.get("request")
    unit = current_unit(request) if request is not None else None
    if unit is None or not can_act(request.user, unit):
        return {"unit": None}
    counts = work_counts(unit, user=request.user, today=timezone.localdate(), calendar=load_calendar())
    keys = [k for k in WORK_LISTS if k and (k != "review" or can_act(request.user, unit, "reviewer"))]
    return {"unit": unit, "tiles": [(key, WORK_LISTS[key], counts[key]) for key in keys]}
