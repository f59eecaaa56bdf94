"""Admin of the catalogue app: read-only views of entries and versions; they change only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from xxgk.apps.catalogue.models import DirectoryLine, Entry, StandardDirectory, UnitYearFigures, Version


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: publication, 索引号 and versions are written by the services with audit rows."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ("index_number", "unit", "status", "published_on")
    list_filter = ("status", "unit")
    search_fields = ("index_number", "versions__title")


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ("title", "entry", "number", "state", "kind", "formed_on", "published_at")
    list_filter = ("state", "kind", "theme")
    search_fields = ("title", "doc_number")


class DirectoryLineInline(admin.TabularInline):
    model = DirectoryLine
    extra = 0


@admin.register(StandardDirectory)
class StandardDirectoryAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "imported_at")
    filter_horizontal = ("units",)
    inlines = [DirectoryLineInline]


@admin.register(UnitYearFigures)
class UnitYearFiguresAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "licensing", "punishment", "coercion", "fees", "source")
    list_filter = ("year",)
