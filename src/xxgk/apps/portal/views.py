"""Public pages of the portal (no login): units accepting applications, the form, the receipt, the tracking page.

Every page is marked noindex; the receipt and tracking pages, which carry the
secret tracking link, are sent with ``Referrer-Policy: no-referrer`` so that
the link cannot leak through a Referer header or a search engine.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from xxgk.apps.cases.models import Case
from xxgk.apps.portal.captcha import CaptchaError, captcha_check, captcha_new, captcha_png
from xxgk.apps.portal.forms import HONEYPOT_FIELD, ApplicationForm, ItemFormSet
from xxgk.apps.portal.ratelimit import RateLimited, rate_check
from xxgk.apps.portal.selectors import public_case
from xxgk.apps.portal.services import application_submit
from xxgk.apps.units.audit import client_ip
from xxgk.apps.units.models import Unit

__all__ = ["apply", "captcha_image", "receipt", "track", "unit_list"]

RECEIPT_SESSION_KEY = "xxgk_portal_receipt"
HONEYPOT_REFUSED = "提交未被接受。如您是申请人，请刷新页面后重新填写；请不要填写标明“请勿填写”的栏目。"


def public(*, secret: bool = False) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Mark a public page: not indexed, not cached; a page showing the secret link also sends no referrer.

    The form pages keep the site's same-origin referrer policy: with
    ``no-referrer`` browsers send ``Origin: null`` on the POST and Django's
    CSRF check (rightly) refuses it.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = render(request, "404.html", status=404)
            if secret:
                response["Referrer-Policy"] = "no-referrer"
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response

        return never_cache(wrapped)

    return decorator


def _unit_tree() -> list[tuple[Unit, int]]:
    """Every unit with its depth, parents first and children in name order below them."""
    units = list(Unit.objects.order_by("name"))
    children: dict[int | None, list[Unit]] = {}
    known = {u.pk for u in units}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in known else None, []).append(unit)
    out: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            out.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


@public()
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    """The units that accept applications, each with its disclosure office's contact details (条例第二十四条)."""
    return render(request, "portal/unit_list.html", {"rows": _unit_tree()})


def _render_form(
    request: HttpRequest, unit: Unit, form: ApplicationForm, items: Any, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    context = {"unit": unit, "form": form, "items": items, "refusal": refusal}
    return render(request, "portal/apply.html", context, status=status)


@public()
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The online application form of a unit (条例第二十九条), protected by CAPTCHA, rate limit and honeypot."""
    unit = get_object_or_404(Unit, pk=unit_id)
    if request.method != "POST":
        return _render_form(request, unit, ApplicationForm(), ItemFormSet(prefix="items"))
    form = ApplicationForm(request.POST, request.FILES)
    items = ItemFormSet(request.POST, prefix="items")
    ip = client_ip(request)
    if request.POST.get(HONEYPOT_FIELD):
        request.session.pop("xxgk_portal_captcha", None)
        blank = ApplicationForm(), ItemFormSet(prefix="items")
        return _render_form(request, unit, *blank, refusal=HONEYPOT_REFUSED, status=400)
    try:
        rate_check(ip)
    except RateLimited as refused:
        return _render_form(request, unit, form, items, refusal=str(refused), status=429)
    captcha_ok, nonce = True, ""
    try:
        nonce = captcha_check(request.session, request.POST.get("captcha", ""))
    except CaptchaError as error:
        captcha_ok = False
        captcha_message = str(error)
    form_ok, items_ok = form.is_valid(), items.is_valid()
    if not captcha_ok:
        form.add_error("captcha", captcha_message)
    if not (captcha_ok and form_ok and items_ok):
        return _render_form(request, unit, form, items, status=400)

    def tracking_url(case: Case) -> str:
        return request.build_absolute_uri(reverse("portal:track", args=[case.tracking_token]))

    try:
        case = application_submit(
            unit=unit,
            data=form.cleaned_data,
            items=items.items(),
            identity_file=form.cleaned_data["identity_file"],
            identity_file_type=form.identity_file_type,
            ip=ip,
            tracking_url=tracking_url,
            captcha_nonce=nonce,
        )
    except RateLimited as refused:  # another submission from the address got in first
        return _render_form(request, unit, form, items, refusal=str(refused), status=429)
    except CaptchaError as error:  # a concurrent request used the same challenge
        form.add_error("captcha", str(error))
        return _render_form(request, unit, form, items, status=400)
    request.session[RECEIPT_SESSION_KEY] = case.pk
    return redirect("portal:receipt")


@public(secret=True)
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt of the application just made: its number and tracking link, shown once."""
    case_id = request.session.pop(RECEIPT_SESSION_KEY, None)
    case = Case.objects.select_related("unit").filter(pk=case_id).first() if case_id else None
    if case is None:
        return redirect("portal:units")
    link = request.build_absolute_uri(reverse("portal:track", args=[case.tracking_token]))
    return render(request, "portal/receipt.html", {"case": case, "link": link})


@public()
@require_GET
def captcha_image(request: HttpRequest) -> HttpResponse:
    """A new CAPTCHA challenge for this session, as a PNG (any earlier challenge is replaced)."""
    answer = captcha_new(request.session)
    return HttpResponse(captcha_png(answer), content_type="image/png")


@public(secret=True)
@require_GET
def track(request: HttpRequest, token: str) -> HttpResponse:
    """The tracking page of the case with this secret token; 404 (saying nothing more) for any other token."""
    view = public_case(token)
    if view is None:
        raise Http404("")
    return render(request, "portal/track.html", {"case": view})
