"""The catalogue's part of the staff work page: drafts due soon and late publications of the current unit."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from xxgk.apps.units.access import can_view, current_unit

register = template.Library()


@register.inclusion_tag("catalogue/_work.html", takes_context=True)
def catalogue_work(context: template.Context) -> dict[str, Any]:
    """Drafts due within 5 working days or overdue, and this year's late publications (``{% catalogue_work %}``)."""
    from xxgk.apps.catalogue.selectors import drafts_due, late_publications
    from xxgk.apps.workcalendar.selectors import load_calendar

    request = context.get("request")
    unit = current_unit(request) if request is not None else None
    if unit is None or not can_view(request.user, unit):
        return {"unit": None}
    calendar = load_calendar()
    today = timezone.localdate()
    return {
        "unit": unit,
        "due": drafts_due(unit=unit, today=today, calendar=calendar),
        "late": late_publications(unit_ids=[unit.pk], year=today.year, calendar=calendar),
        "year": today.year,
    }
