"""The Atom feed of a unit's published entries (newest 50)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.selectors import public_entries
from xxgk.apps.units.models import Unit

__all__ = ["UnitFeed"]

FEED_SIZE = 50


class UnitFeed(Feed):
    """法定主动公开内容 of one unit as Atom: title, summary, 索引号 and dates of each entry."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, unit_id: int) -> Unit:  # type: ignore[override]
        return get_object_or_404(Unit, pk=unit_id)

    def title(self, unit: Unit) -> str:
        return f"{unit.name} 法定主动公开内容"

    def subtitle(self, unit: Unit) -> str:
        return f"{unit.name}主动公开的政府信息（《中华人民共和国政府信息公开条例》第十九条、第二十条）"

    def link(self, unit: Unit) -> str:
        return reverse("public:column", args=[unit.pk])

    def author_name(self, unit: Unit) -> str:
        return unit.name

    def items(self, unit: Unit) -> Any:
        return public_entries(unit=unit)[:FEED_SIZE]

    def item_title(self, entry: Entry) -> str:
        return entry.current.title

    def item_description(self, entry: Entry) -> str:
        version = entry.current
        text = version.summary or version.body
        return f"索引号：{entry.index_number}。{text[:300]}"

    def item_link(self, entry: Entry) -> str:
        return reverse("public:item", args=[entry.unit_id, entry.pk])

    def item_pubdate(self, entry: Entry) -> dt.datetime | None:
        if entry.first_published_at:
            return entry.first_published_at
        if entry.published_on:
            return timezone.make_aware(dt.datetime.combine(entry.published_on, dt.time()))
        return None

    def item_updateddate(self, entry: Entry) -> dt.datetime | None:
        return entry.current.published_at or self.item_pubdate(entry)

    def item_categories(self, entry: Entry) -> list[str]:
        return [entry.current.theme]
