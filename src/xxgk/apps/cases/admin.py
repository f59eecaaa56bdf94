"""Admin of the cases app: the case state is read-only; it changes only through the services."""

from __future__ import annotations

from django.contrib import admin

from xxgk.apps.cases.models import Case, CaseEvent, Fee, RequestedItem, ReviewCase, ReviewResultMapping


class RequestedItemInline(admin.TabularInline):
    model = RequestedItem
    extra = 0


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    readonly_fields = ("kind", "date", "actor", "details", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # the timeline is written by the services only
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("number", "unit", "receipt_date", "applicant_type", "state", "outcome", "concluded_on", "late")
    list_filter = ("state", "applicant_type", "late", "long_open", "unit")
    search_fields = ("number", "content")
    date_hierarchy = "receipt_date"
    readonly_fields = (
        "state",
        "outcome",
        "draft_outcome",
        "concluded_on",
        "due_date",
        "due_provisional",
        "version",
        "tracking_token",
        "created_at",
    )
    exclude = ("identity_number",)  # full identity numbers only in the logged case view (applications.md §11)
    inlines = [RequestedItemInline, CaseEventInline]


@admin.register(Fee)
class FeeAdmin(admin.ModelAdmin):
    list_display = ("case", "method", "amount", "reduction", "sent_on", "paid_on", "receipt_number")


@admin.register(ReviewCase)
class ReviewCaseAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "body", "filed_on", "result", "result_key", "result_on")
    list_filter = ("kind", "result_key")
    readonly_fields = ("result_key",)


@admin.register(ReviewResultMapping)
class ReviewResultMappingAdmin(admin.ModelAdmin):
    list_display = ("phrase", "result_key")
