"""Pages of the units app: dashboard, unit details and settings, staff, subordinates, unit switcher."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.apps.units import services
from xxgk.apps.units.access import SESSION_KEY, can_act, can_view, require_view, roles_in, unit_access
from xxgk.apps.units.audit import audit, client_ip
from xxgk.apps.units.auth import ThrottledAuthenticationForm
from xxgk.apps.units.forms import MemberAddForm, UnitSettingsForm
from xxgk.apps.units.models import Membership, Role, Unit

ROLE_LABELS = dict(Role.choices)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: my units with my roles there, and the units I supervise."""
    rows: dict[int, dict] = {}
    supervised: list[Unit] = []
    for m in Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__name", "role"):
        row = rows.setdefault(m.unit_id, {"unit": m.unit, "roles": [], "supervisor": False})
        row["roles"].append(ROLE_LABELS[m.role])
        if m.is_supervisor and m.unit.kind == "人民政府":
            row["supervisor"] = True
            supervised.append(m.unit)
    return render(request, "units/home.html", {"rows": list(rows.values()), "supervised": supervised})


@unit_access()
def unit_detail(request: HttpRequest, unit: Unit) -> HttpResponse:
    """A unit's details; edit links only for its unit administrators."""
    context = {
        "unit": unit,
        "my_roles": [ROLE_LABELS[r] for r in sorted(roles_in(request.user, unit))],
        "can_edit": can_act(request.user, unit, Role.UNIT_ADMIN),
        "read_only": not can_act(request.user, unit),
        "children": [c for c in unit.children.order_by("name") if can_view(request.user, c)],
    }
    return render(request, "units/unit_detail.html", context)


@unit_access(Role.UNIT_ADMIN)
def unit_edit(request: HttpRequest, unit: Unit) -> HttpResponse:
    """Change the unit's settings (unit administrators)."""
    form = UnitSettingsForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        services.unit_update(actor=request.user, unit=unit, ip=client_ip(request), **changes)
        messages.success(request, _("单位设置已保存。"))
        return redirect("units:detail", unit_id=unit.pk)
    return render(request, "units/unit_edit.html", {"unit": unit, "form": form})


@unit_access()
def unit_staff(request: HttpRequest, unit: Unit) -> HttpResponse:
    """The unit's staff and roles; unit administrators add and remove roles here."""
    can_manage = can_act(request.user, unit, Role.UNIT_ADMIN)
    form = MemberAddForm(request.POST or None, unit=unit)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("您无权管理该单位的人员：只有本单位的单位管理员可以添加或移除人员。"))
        if form.is_valid():
            services.membership_add(
                actor=request.user,
                unit=unit,
                user=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
                is_supervisor=form.cleaned_data.get("is_supervisor", False),
                ip=client_ip(request),
            )
            messages.success(request, _("已添加人员角色。"))
            return redirect("units:staff", unit_id=unit.pk)
    members = Membership.objects.filter(unit=unit).select_related("user").order_by("user__username", "role")
    return render(
        request, "units/unit_staff.html", {"unit": unit, "members": members, "form": form, "can_manage": can_manage}
    )


@require_POST
@unit_access(Role.UNIT_ADMIN)
def unit_staff_remove(request: HttpRequest, unit: Unit, membership_id: int) -> HttpResponse:
    """Take a role away (unit administrators; POST only)."""
    membership = get_object_or_404(Membership, pk=membership_id, unit=unit)
    services.membership_remove(actor=request.user, membership=membership, ip=client_ip(request))
    messages.success(request, _("已移除人员角色。"))
    return redirect("units:staff", unit_id=unit.pk)


@unit_access()
def unit_subordinates(request: HttpRequest, unit: Unit) -> HttpResponse:
    """Every unit below this one that the user may see, as an indented tree (read-only for supervisors)."""
    below = {u.pk: u for u in Unit.objects.filter(pk__in=unit.descendant_ids())}
    rows: list[tuple[int, Unit]] = []

    def walk(parent_id: int, depth: int) -> None:
        for child in sorted((u for u in below.values() if u.parent_id == parent_id), key=lambda u: u.name):
            if can_view(request.user, child):
                rows.append((depth, child))
            walk(child.pk, depth + 1)

    walk(unit.pk, 0)
    return render(request, "units/unit_subordinates.html", {"unit": unit, "rows": rows})


@require_POST
@login_required
def switch_unit(request: HttpRequest) -> HttpResponse:
    """Make another unit the current one (stored in the session)."""
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    require_view(request.user, unit)
    request.session[SESSION_KEY] = unit.pk
    target = request.POST.get("next") or reverse("units:detail", args=[unit.pk])
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("units:home")
    return HttpResponseRedirect(target)


class LoginView(auth_views.LoginView):
    """Staff sign-in, throttled after repeated failures."""

    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password; audited."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("units:password_change_done")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        audit(actor=self.request.user, action="password.change", obj=self.request.user, ip=client_ip(self.request))
        return response
