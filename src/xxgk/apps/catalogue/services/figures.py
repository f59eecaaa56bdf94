"""Table 二's figures: entered on the form or imported, with their source, audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xxgk.apps.catalogue.models import UnitYearFigures
from xxgk.apps.units.access import can_act
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.figures import FigureRow

__all__ = ["FIGURE_ROLES", "figures_import", "figures_save"]

# Who enters table 二's figures: the reviewer (head of the disclosure office) or the unit administrator.
FIGURE_ROLES = ("reviewer", "unit_admin")


@transaction.atomic
def figures_save(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    licensing: int,
    punishment: int,
    coercion: int,
    fees: Decimal,
    source: str,
    ip: str | None = None,
) -> UnitYearFigures:
    """Store one unit's figures for one year (replacing earlier ones), with the source and the audit row."""
    if actor is not None and not can_act(actor, unit, *FIGURE_ROLES):
        raise PermissionDenied("只有本单位的审核人或单位管理员可以填报表二数据。")
    figures, created = UnitYearFigures.objects.select_for_update().get_or_create(
        unit=unit,
        year=year,
        defaults={"source": source},
    )
    before = (figures.licensing, figures.punishment, figures.coercion, str(figures.fees), figures.source)
    figures.licensing, figures.punishment, figures.coercion = licensing, punishment, coercion
    figures.fees, figures.source = fees, source.strip()[:300]
    figures.updated_by = actor
    figures.full_clean()
    figures.save()
    audit(
        actor=actor,
        action="catalogue.figures",
        obj=unit,
        details={
            "year": year,
            "before": None if created else list(before),
            "after": [licensing, punishment, coercion, str(fees), figures.source],
        },
        ip=ip,
    )
    return figures


@transaction.atomic
def figures_import(*, actor: Any, rows: list[FigureRow]) -> list[UnitYearFigures]:
    """Store every imported row (all or none)."""
    units = {u.name: u for u in Unit.objects.filter(name__in={r.unit for r in rows})}
    return [
        figures_save(
            actor=actor,
            unit=units[row.unit],
            year=row.year,
            licensing=row.licensing,
            punishment=row.punishment,
            coercion=row.coercion,
            fees=row.fees,
            source=row.source,
        )
        for row in rows
    ]
