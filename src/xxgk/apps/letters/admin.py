"""Admin of the letters app: templates editable (checked on save), issued letters read-only."""

from __future__ import annotations

from django.contrib import admin

from xxgk.apps.letters.models import Letter, LetterPrefix, LetterSequence, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "unit", "title", "updated_at")
    list_filter = ("kind",)


@admin.register(LetterPrefix)
class LetterPrefixAdmin(admin.ModelAdmin):
    list_display = ("unit", "prefix")


@admin.register(LetterSequence)
class LetterSequenceAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "last")
    readonly_fields = ("unit", "year", "last")


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    """Issued letters are records: nobody edits or deletes them here."""

    list_display = ("number", "title", "case", "issued_on")
    search_fields = ("number",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
