"""The header navigation of every page: staff links by the user's roles in the current unit, public links otherwise.

Each link is shown only when the page behind it would let the user in, so the
menu never leads to a 403: roles come from xxgk.apps.units.access for the unit
chosen in the header switcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from xxgk.apps.units.access import can_view, current_unit, roles_in

register = template.Library()

__all__ = ["NavLink", "nav_links", "site_nav"]


@dataclass(frozen=True)
class NavLink:
    """One link of the header navigation."""

    key: str
    label: str
    url: str
    active: bool = False


def _links_for(user: Any, unit: Any) -> list[tuple[str, str, str]]:
    """(key, label, url) of each page the user may open in ``unit``, in menu order."""
    admin = bool(getattr(user, "is_superuser", False))
    roles = {"registrar", "handler", "reviewer", "unit_admin"} if admin else roles_in(user, unit)
    links: list[tuple[str, str, str]] = [("cases", _("依申请公开案件"), reverse("cases:list"))]
    if "handler" in roles:
        links.append(("mine", _("我的案件"), reverse("cases:list") + "?list=mine"))
    if "registrar" in roles:
        links.append(("register", _("登记申请"), reverse("cases:register")))
    links.append(("catalogue", _("主动公开"), reverse("catalogue:list")))
    links.append(("reviews", _("行政复议/诉讼"), reverse("cases_reviews:list")))
    links.append(("ledger", _("台账导入导出"), reverse("cases_ledger:index")))
    links.append(("reports", _("年度报告"), reverse("reports:index")))
    from xxgk.apps.reports.views_audit import is_supervisor

    if is_supervisor(user):
        links.append(("audit", _("批量核查"), reverse("reports:audit_index")))
    links.append(("calendar", _("工作日历"), reverse("workcalendar:current")))
    if "unit_admin" in roles:
        links.append(("letters", _("文书模板"), reverse("letters:templates", args=[unit.pk])))
    links.append(("search", _("目录检索"), reverse("public:staff_search")))
    links.append(("portal", _("网上申请"), reverse("portal:units")))
    return links


def nav_links(request: Any) -> list[NavLink]:
    """The header links for this request: staff pages for a signed-in member of a unit, else the public ones."""
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    if user is not None and user.is_authenticated:
        unit = current_unit(request)
        if unit is not None and can_view(user, unit):
            raw = _links_for(user, unit)
        else:
            raw = [
                ("calendar", _("工作日历"), reverse("workcalendar:current")),
                ("portal", _("网上申请"), reverse("portal:units")),
            ]
    else:
        raw = [
            ("public", _("政府信息公开"), reverse("public:home")),
            ("portal", _("网上申请"), reverse("portal:units")),
            ("login", _("工作平台登录"), reverse("units:login")),
        ]
    # the longest matching URL is the current section (so 登记申请 wins over 依申请公开案件)
    best = max((url for _key, _label, url in raw if "?" not in url and path.startswith(url)), key=len, default=None)
    return [NavLink(key, label, url, active=url == best) for key, label, url in raw]


@register.inclusion_tag("cases/_site_nav.html", takes_context=True)
def site_nav(context: template.Context) -> dict[str, Any]:
    """Render the header navigation (``{% load site_nav %}{% site_nav %}`` in base.html)."""
    request = context.get("request")
    return {"nav_links": nav_links(request) if request is not None else []}
