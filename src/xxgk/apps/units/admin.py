"""The admin for system administrators; every change to units and memberships is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from xxgk.apps.units.audit import audit, client_ip, model_snapshot, snapshot_diff
from xxgk.apps.units.models import AuditEntry, LoginAttempt, Membership, Unit


def _audit_admin(request: HttpRequest, action: str, obj: Any, details: dict[str, Any]) -> None:
    """Write one audit row for a change made through the admin."""
    audit(actor=request.user, action=action, obj=obj, details={"via": "admin", **details}, ip=client_ip(request))


class AuditedAdmin(admin.ModelAdmin):
    """Writes an audit row in the same transaction as every admin save and delete."""

    audit_prefix = ""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = model_snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            after = model_snapshot(obj)
            if change:
                details, action = snapshot_diff(before, after), "update"
            else:
                details, action = after, "create"
            _audit_admin(request, f"{self.audit_prefix}.{action}", obj, details)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            _audit_admin(request, f"{self.audit_prefix}.delete", obj, model_snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                _audit_admin(request, f"{self.audit_prefix}.delete", obj, model_snapshot(obj))
            super().delete_queryset(request, queryset)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    audit_prefix = "unit"
    list_display = ("name", "short_name", "org_code", "kind", "parent", "review_body_display")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "org_code")
    autocomplete_fields = ("parent",)

    @admin.display(description="行政复议机关")
    def review_body_display(self, obj: Unit) -> str:
        body = obj.review_body
        return f"{body.name}（需设定）" if body.needs_override else body.name


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    audit_prefix = "membership"
    list_display = ("user", "unit", "role", "is_supervisor")
    list_filter = ("role", "is_supervisor")
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("user", "unit")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Readable by system administrators, never changed through the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_id")
    date_hierarchy = "at"


@admin.register(LoginAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    list_display = ("at", "username", "ip", "succeeded")
    list_filter = ("succeeded",)
    search_fields = ("username",)


User = get_user_model()


def _user_snapshot(user: Any) -> dict[str, Any]:
    """What of a person decides their rights: name, active, admin flags, groups, permissions (never the password)."""
    snapshot: dict[str, Any] = {f: getattr(user, f) for f in ("username", "is_active", "is_staff", "is_superuser")}
    if user.pk is not None:
        snapshot["groups"] = sorted(user.groups.values_list("name", flat=True))
        snapshot["user_permissions"] = sorted(user.user_permissions.values_list("codename", flat=True))
    return snapshot


class AuditedUserAdmin(UserAdmin):
    """The user admin; creating, deleting and every change of a person's rights (系统管理员 included) is audited."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        request._xxgk_user_before = _user_snapshot(User.objects.get(pk=obj.pk)) if change else {}  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            user = form.instance
            before = getattr(request, "_xxgk_user_before", {})
            after = _user_snapshot(user)
            if change:
                details = snapshot_diff(before, after)
                if not details:
                    return
                action = "user.update"
            else:
                details, action = after, "user.create"
            _audit_admin(request, action, user, details)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        """Also audit a password set by an administrator (the admin's password form saves no other way)."""
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "auth_user_password_change":
            audit(actor=request.user, action="password.set_by_admin", obj=obj, ip=client_ip(request))
        return super().log_change(request, obj, message)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            _audit_admin(request, "user.delete", obj, _user_snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                _audit_admin(request, "user.delete", obj, _user_snapshot(obj))
            super().delete_queryset(request, queryset)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
