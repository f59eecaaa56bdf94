"""The actions of a case page (applications.md §4) and the audited view of a full identity number.

A GET shows the action's form (a fragment for htmx, a page otherwise); a
POST runs the service. The state machine and the roles are checked on both,
so a forged POST of an action that is not allowed is refused with the
Chinese reason; a stale ``version`` is refused with "该案件已被他人修改，请刷新后重试".
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.apps.cases.clock import fee_limit_for
from xxgk.apps.cases.forms import ACTION_FIELDS, ActionForm, today
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.queries import month_applications
from xxgk.apps.cases.services import CaseChanged, case_facts, case_transition
from xxgk.apps.cases.views import case_context
from xxgk.apps.cases.workflow import (
    ARTICLE35_KINDS,
    EVENT_LABELS,
    case_approve_reply,
    case_draft_reply,
    case_note_article35,
    case_view_identity,
)
from xxgk.apps.units.access import require_act, require_view
from xxgk.apps.units.audit import client_ip
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.calendar.deadline import CONSULTATION_DAYS, MAX_EXTENSION_DAYS
from xxgk.core.cases.fees import FEE_METHOD_LABELS, FeeError, FeeMethod, basis, quote
from xxgk.core.cases.states import ACTIONS, State, TransitionError

log = logging.getLogger(__name__)

_REPLY_ACTIONS = ("draft_reply", "supplement_lapsed", "fee_lapsed")
_LAPSE_OUTCOMES = {"supplement_lapsed": "other_no_supplement", "fee_lapsed": "other_fee_unpaid"}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _label(action: str) -> str:
    return ACTIONS[action].label if action in ACTIONS else EVENT_LABELS[action]


def _refusal(case: Case, action: str) -> str | None:
    """Why the action cannot be started from the case's state (outcome guards are checked on submit)."""
    if action in ARTICLE35_KINDS:
        ok = case.state in (State.RECEIVED, State.IN_PROGRESS, State.CONSULTING)
        return None if ok else _("案件当前状态不能执行条例第三十五条的操作。")
    act = ACTIONS[action]
    if State(case.state) not in act.allowed_from:
        return act.refusal(State(case.state), case_facts(case))
    return None


def _initial(case: Case, action: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": case.version, "on": today()}
    if action == "send_fee_notice":
        initial.update(method=FeeMethod.PER_APPLICATION.value, notice_channel=case.channel)
    if action == "approve_extension":
        asked = case.events.filter(kind="extension_requested").order_by("-date", "-pk").first()
        if asked is not None and isinstance(asked.details.get("working_days"), int):
            initial["working_days"] = asked.details["working_days"]
    if action == "draft_reply" and case.draft_outcome:
        initial["outcome"] = case.draft_outcome
    return initial


def _render(request: HttpRequest, case: Case, form: ActionForm, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "case": case,
        "unit": case.unit,
        "action": form.action,
        "label": _label(form.action),
        "form": form,
        "error": error,
        "items": form.items,
        **(_fee_quote_context(form) if form.action == "send_fee_notice" else {}),
        "fee_limit": fee_limit_for(case, load_calendar()) if form.action == "fee_lapsed" else None,
        "consultation_days": CONSULTATION_DAYS,
        "max_extension_days": MAX_EXTENSION_DAYS,
    }
    if _is_htmx(request):
        # htmx swaps only 2xx responses; the error is in the fragment itself.
        return render(request, "cases/_action_form.html", context)
    context.update(case_context(request, case))
    context["form"], context["error"] = form, error
    return render(request, "cases/action.html", context, status=status)


def _fee_quote_context(form: ActionForm) -> dict[str, Any]:
    """The month's count, the cases counted and the live fee quote of a fee notice form (bound or initial)."""
    month = form.month
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
        confirmed = data.get("same_applicant") if "same_applicant" in form.fields else []
        method, pages = data.get("method"), data.get("quantity")
        reduction, reason = data.get("reduction") or 0, data.get("reduction_reason") or ""
    else:
        confirmed, method, pages, reduction, reason = None, form.initial.get("method"), None, 0, ""
    nth = month.nth(confirmed)  # None (the unfilled form): every name match counts until the handler unticks it
    counted_names = [c for c in month.by_name if confirmed is None or c.pk in confirmed]
    context: dict[str, Any] = {"nth": nth, "month": month, "counted": [*month.by_identity, *counted_names]}
    if method == FeeMethod.BY_PAGES.value and not pages:
        context["quote_error"] = _("请填写页数。")
        return context
    try:
        quantity = nth if method == FeeMethod.PER_APPLICATION.value else int(pages or 0)
        q = quote(method or "", quantity, reduction=int(reduction), reduction_reason=reason)
    except FeeError as exc:
        context["quote_error"] = str(exc)
    else:
        context.update(quote=q, quote_basis=basis(q), method_label=FEE_METHOD_LABELS[q.method])
    return context


@login_required
def case_fee_quote(request: HttpRequest, case_id: int) -> HttpResponse:
    """The fee of the fee notice form as it is being filled in (htmx): amount, method, basis, reduction."""
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(request.user, case.unit)
    require_act(request.user, case.unit, ACTIONS["send_fee_notice"].role.value)
    form = ActionForm(
        request.POST or None,
        action="send_fee_notice",
        receipt_date=case.receipt_date,
        month=month_applications(case),
        initial=_initial(case, "send_fee_notice"),
    )
    return render(request, "cases/_fee_quote.html", {"case": case, **_fee_quote_context(form)})


def _run(request: HttpRequest, case: Case, form: ActionForm) -> Case:
    """Call the service of the action with the form's inputs."""
    action, data, ip = form.action, form.cleaned_data, client_ip(request)
    common = {"actor": request.user, "case": case, "version": data["version"], "on": data["on"], "ip": ip}
    if action in ARTICLE35_KINDS:
        return case_note_article35(kind=action, details=form.details(), **common)
    if action in _REPLY_ACTIONS:
        outcome = _LAPSE_OUTCOMES.get(action) or data["outcome"]
        return case_draft_reply(
            action=action, outcome=outcome, decisions=form.decisions(), details=form.details(), **common
        )
    extra: dict[str, Any] = {}
    if action == "send_fee_notice":
        extra["fee"] = form.fee()
    if action == "split":
        extra["children"] = form.groups()
    if action == "approve_reply":
        case, letter, refusal = case_approve_reply(details=form.details(), **common)
        if letter is not None:
            notice = _("已自动出具答复书 %(number)s，申请人可在查询页面下载。")
            messages.info(request, notice % {"number": letter.number})
        elif refusal:
            messages.warning(request, _("答复书未能自动出具：%(reason)s") % {"reason": refusal})
        return case
    return case_transition(action=action, details=form.details(), **common, **extra)


@login_required
def case_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """Show (GET) or take (POST) one action on a case, if its state and the user's role allow it."""
    if action not in ACTION_FIELDS:
        raise Http404(_("没有这项操作。"))
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(request.user, case.unit)
    require_act(request.user, case.unit, "handler" if action in ARTICLE35_KINDS else ACTIONS[action].role.value)
    items = list(case.items.all()) if action in ("draft_reply", "split") else []
    month = month_applications(case) if action == "send_fee_notice" else None
    kwargs = {"action": action, "receipt_date": case.receipt_date, "items": items, "month": month}
    if request.method != "POST":
        form = ActionForm(initial=_initial(case, action), **kwargs)
        refusal = _refusal(case, action)
        return _render(request, case, form, refusal or "", 400 if refusal else 200)
    form = ActionForm(request.POST, **kwargs)
    if not form.is_valid():
        return _render(request, case, form, _("请更正下列错误。"), 400)
    try:
        if form.cleaned_data["version"] != case.version:
            raise CaseChanged()  # checked first, so a stale form never gets a misleading state message
        _run(request, case, form)
    except CaseChanged as exc:
        log.info("stale case form: case %s action %s version %s", case.pk, action, form.cleaned_data["version"])
        return _render(request, case, form, str(exc), 409)
    except TransitionError as exc:
        log.info("refused transition: case %s action %s", case.pk, action)
        return _render(request, case, form, str(exc), 400)
    messages.success(request, _("已完成：%(label)s。") % {"label": _label(action)})
    target = reverse("cases:detail", args=[case.pk])
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    response = HttpResponse(status=303)
    response["Location"] = target
    return response


@require_POST
@login_required
def case_identity(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the full identity number to a handler or reviewer of the unit, and log the view (§11)."""
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(request.user, case.unit)
    number = case_view_identity(actor=request.user, case=case, ip=client_ip(request))
    if _is_htmx(request):
        return render(request, "cases/_identity.html", {"case": case, "identity_full": number})
    context = case_context(request, case)
    context["identity_full"] = number
    return render(request, "cases/detail.html", context)
