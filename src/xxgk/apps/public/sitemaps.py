"""The sitemap: the county home page, each unit's column pages and every published entry."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.selectors import public_entries
from xxgk.apps.units.models import Unit

__all__ = ["SITEMAPS"]


class ColumnSitemap(Sitemap):
    """The home page and, per unit, its column, guide, rules and content pages."""

    changefreq = "weekly"

    def items(self) -> list[tuple[str, Any]]:
        pages: list[tuple[str, Any]] = [("public:home", ())]
        for pk in Unit.objects.order_by("pk").values_list("pk", flat=True):
            pages += [(name, (pk,)) for name in ("public:column", "public:guide", "public:rules", "public:content")]
        return pages

    def location(self, page: tuple[str, Any]) -> str:
        return reverse(page[0], args=page[1])


class EntrySitemap(Sitemap):
    """Every published entry (withdrawn ones are left out)."""

    changefreq = "monthly"
    limit = 20_000

    def items(self) -> Any:
        return public_entries().select_related(None).only("pk", "unit_id", "published_on").order_by("pk")

    def location(self, entry: Entry) -> str:
        return reverse("public:item", args=[entry.unit_id, entry.pk])

    def lastmod(self, entry: Entry) -> Any:
        return entry.published_on


SITEMAPS = {"columns": ColumnSitemap, "entries": EntrySitemap}
