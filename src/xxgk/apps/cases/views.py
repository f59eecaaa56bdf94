"""Staff pages of the cases app: the case list and work lists, registering an application, the case page.

Every view checks access through xxgk.apps.units.access: lists show the
current unit only when the user may see it, the case page its unit, and
registration needs the registrar role there. Writes go through the services
(xxgk.apps.cases.services / workflow); the actions are in views_actions.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from xxgk.apps.cases.clock import fee_limit_for
from xxgk.apps.cases.forms import CHANNEL_CHOICES, CHANNEL_RULES, RegisterForm, today
from xxgk.apps.cases.models import Case, Fee
from xxgk.apps.cases.queries import WORK_LISTS, CaseFilters, case_deadline, case_list_rows, due_soon_limit
from xxgk.apps.cases.services import case_facts
from xxgk.apps.cases.views_intake import intake_forms
from xxgk.apps.cases.workflow import ARTICLE35_KINDS, EVENT_LABELS, case_register_received
from xxgk.apps.units.access import can_act, current_unit, require_act, require_view
from xxgk.apps.units.audit import client_ip
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.calendar.deadline import CONSULTATION_DAYS, consultation_limit, supplement_notice_deadline
from xxgk.core.calendar.explain import provisional_note
from xxgk.core.cases.outcomes import OUTCOMES, grouped_outcomes
from xxgk.core.cases.privacy import IDENTITY_ROLES
from xxgk.core.cases.states import ACTIONS, STATE_LABELS, CaseFacts, State, TransitionError

PAGE_SIZE = 50
# the outcome assumed when listing actions whose guard needs one (checked for real on submit)
_LISTING_OUTCOME = {
    "supplement_lapsed": "other_no_supplement",
    "fee_lapsed": "other_fee_unpaid",
    "draft_reply": "granted",
}
_ARTICLE35_STATES = (State.RECEIVED, State.IN_PROGRESS, State.CONSULTING)


def _unit_or_none(request: HttpRequest) -> Any:
    unit = current_unit(request)
    if unit is not None:
        require_view(request.user, unit)
    return unit


def _filters(request: HttpRequest) -> CaseFilters:
    get = request.GET
    year = get.get("year", "").strip()
    return CaseFilters(
        work_list=get.get("list", "") if get.get("list", "") in WORK_LISTS else "",
        state=get.get("state", "") if get.get("state", "") in {s.value for s in State} else "",
        outcome=get.get("outcome", "") if get.get("outcome", "") in OUTCOMES else "",
        year=int(year) if year.isdigit() and 1990 <= int(year) <= 2100 else None,
        number=get.get("q", "")[:40],
    )


@login_required
def case_index(request: HttpRequest) -> HttpResponse:
    """The current unit's cases: all with filters, or one work list (我的案件, 到期, 逾期, 等待申请人)."""
    unit = _unit_or_none(request)
    if unit is None:
        return render(request, "cases/list.html", {"unit": None})
    filters = _filters(request)
    calendar = load_calendar()
    day = today()
    cases = case_list_rows(unit, filters, user=request.user, today=day, calendar=calendar)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "unit": unit,
        "page": page,
        "filters": filters,
        "work_lists": WORK_LISTS,
        "title": WORK_LISTS[filters.work_list],
        "states": [(s.value, label) for s, label in STATE_LABELS.items()],
        "outcomes": grouped_outcomes(),
        "query": query.urlencode(),
        "today": day,
        "due_limit": due_soon_limit(day, calendar),
        "can_register": can_act(request.user, unit, "registrar"),
    }
    return render(request, "cases/list.html", context)


@login_required
def case_register_view(request: HttpRequest) -> HttpResponse:
    """Register an application received in person, by letter, fax or e-mail (registrars of the current unit)."""
    unit = current_unit(request)
    if unit is None:
        raise PermissionDenied(_("您尚未加入任何单位，不能登记申请。"))
    require_act(request.user, unit, "registrar")
    form = RegisterForm(request.POST or None, request.FILES or None, unit=unit, initial={"receipt_date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_register_received(
                actor=request.user,
                unit=unit,
                evidence_file=form.cleaned_data.get("evidence_file"),
                ip=client_ip(request),
                **form.service_fields(),
            )
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已登记申请，编号 %(number)s。") % {"number": case.number})
            return redirect("cases:detail", case_id=case.pk)
    rules = [(label, CHANNEL_RULES[key][2]) for key, label in CHANNEL_CHOICES]
    return render(request, "cases/register.html", {"unit": unit, "form": form, "rules": rules})


def visible_actions(case: Case, user: Any, facts: CaseFacts) -> list[tuple[str, str]]:
    """The (name, label) of each action the user may take on the case now: state machine and role."""
    state = State(case.state)
    shown = []
    for act in ACTIONS.values():
        if state not in act.allowed_from or not can_act(user, case.unit, act.role.value):
            continue
        if act.name in _LISTING_OUTCOME:
            check = dataclasses.replace(facts, outcome=_LISTING_OUTCOME[act.name], items_without_reason=0)
        else:
            check = facts
        if act.refusal(state, check) is None:
            shown.append((act.name, act.label))
    if state in _ARTICLE35_STATES and can_act(user, case.unit, "handler"):
        shown += [(kind, EVENT_LABELS[kind]) for kind in ARTICLE35_KINDS]
    return shown


def _limits(case: Case, events: list[Any], fee: Fee | None, calendar: Any) -> list[tuple[str, Any]]:
    """The other time limits a staff member must watch: 补正 notice, consultation, fee payment."""
    kinds = [e.kind for e in events]
    limits: list[tuple[str, Any]] = []
    if "supplement_requested" not in kinds and case.state in (State.RECEIVED, State.IN_PROGRESS):
        limits.append(
            (
                _("补正告知期限（收到申请后第7个工作日，条例第三十条）"),
                supplement_notice_deadline(case.receipt_date, calendar),
            )
        )
    sent = [e for e in events if e.kind == "consultation_sent"]
    if case.state == State.CONSULTING and sent:
        limits.append(
            (
                _("征求意见答复期限（第%(days)d个工作日，条例第三十二条）") % {"days": CONSULTATION_DAYS},
                consultation_limit(sent[-1].date, calendar),
            )
        )
    fee_limit = fee_limit_for(case, calendar) if case.state == State.AWAITING_FEE else None
    if fee_limit is not None:
        limits.append((_("缴费期限（自申请人收到收费通知次日起第20个工作日，国办函〔2020〕109号）"), fee_limit))
    for event in events:
        if (
            event.kind == "supplement_requested"
            and event.details.get("supplement_by")
            and case.state == State.AWAITING_SUPPLEMENT
        ):
            limits.append((_("告知申请人的补正期限"), event.details["supplement_by"]))
    return limits


def case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Everything the case page shows: timeline, deadline and explanation, items, limits, allowed actions."""
    calendar = load_calendar()
    events = list(case.events.select_related("actor").order_by("date", "pk"))
    fee = Fee.objects.filter(case=case).first()
    deadline = case_deadline(case, calendar)
    user = request.user
    return {
        **intake_forms(case, user),
        **_letters(case, user),
        "case": case,
        "unit": case.unit,
        "events": events,
        "items": list(case.items.all()),
        "fee": fee,
        "deadline": deadline,
        # the explanation after its numbered steps: the result, the calendar used, the counting rule
        "deadline_notes": deadline.explanation().splitlines()[1 + len(deadline.steps) :] if deadline else [],
        "provisional_note": provisional_note(deadline.provisional_years) if deadline and deadline.provisional else "",
        "limits": _limits(case, events, fee, calendar),
        "actions": visible_actions(case, user, case_facts(case)) if case.is_open else [],
        "can_see_contacts": can_act(user, case.unit),
        "can_see_identity": bool(case.identity_number) and can_act(user, case.unit, *IDENTITY_ROLES),
        "read_only": not can_act(user, case.unit),
        "children": list(case.children.only("pk", "number", "state")),
        "today": today(),
    }


def _letters(case: Case, user: Any) -> dict[str, Any]:
    """The letters fragment's context (xxgk.apps.letters), when that app is installed."""
    from django.apps import apps

    if not apps.is_installed("xxgk.apps.letters"):
        return {}
    from xxgk.apps.letters.views import case_letters_context

    return {**case_letters_context(case, user), "letters_installed": True}


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: timeline, due date with its explanation, requested items, and the allowed actions."""
    case = get_object_or_404(Case.objects.select_related("unit", "parent", "handler"), pk=case_id)
    require_view(request.user, case.unit)
    return render(request, "cases/detail.html", case_context(request, case))
