"""Staff pages of administrative review and litigation cases (table 四; applications.md §8).

The current unit's list; registering a case linked to one of its applications;
recording the result (chosen from the configurable mapping, which system
administrators edit in the Django admin). Handlers and reviewers of the unit
act; a supervisor sees read-only; other units get 403. Writes go through
xxgk.apps.cases.services (review_register, review_conclude).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.apps.cases.forms_reviews import ConcludeReviewForm, RegisterReviewForm
from xxgk.apps.cases.models import Case, ReviewCase
from xxgk.apps.cases.selectors import review_result_mapping
from xxgk.apps.cases.services import review_conclude, review_register
from xxgk.apps.units.access import can_act, current_unit, require_act, require_view
from xxgk.apps.units.audit import client_ip
from xxgk.apps.units.models import Unit
from xxgk.core.cases.states import TransitionError

ACTING_ROLES = ("handler", "reviewer")
RESULT_LABELS = {
    "upheld": gettext_lazy("结果维持"),
    "corrected": gettext_lazy("结果纠正"),
    "other": gettext_lazy("其他结果"),
    "": gettext_lazy("尚未审结"),
}


def _may_act(request: HttpRequest, unit: Unit) -> bool:
    return can_act(request.user, unit, *ACTING_ROLES)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The current unit's review and litigation cases, newest first, optionally of one filing year."""
    unit = current_unit(request)
    if unit is None:
        return render(request, "cases_reviews/list.html", {"unit": None})
    require_view(request.user, unit)
    reviews = ReviewCase.objects.filter(unit=unit).select_related("application")
    year = request.GET.get("year", "").strip()
    if year.isdigit():
        reviews = reviews.filter(filed_on__year=int(year))
    rows = [{"review": r, "result_label": RESULT_LABELS.get(r.result_key, r.result_key)} for r in reviews[:500]]
    context = {"unit": unit, "rows": rows, "year": year, "may_act": _may_act(request, unit)}
    return render(request, "cases_reviews/list.html", context)


@login_required
def review_register_view(request: HttpRequest) -> HttpResponse:
    """Register a review or lawsuit about one of the current unit's applications."""
    unit = current_unit(request)
    if unit is None:
        return redirect("cases_reviews:list")
    require_act(request.user, unit, *ACTING_ROLES)
    initial = {"body": unit.review_body.name if not unit.review_body.needs_override else ""}
    form = RegisterReviewForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = review_register(
            actor=request.user,
            unit=unit,
            kind=data["kind"],
            body=data["body"].strip(),
            filed_on=data["filed_on"],
            application=data["application"],
            ip=client_ip(request),
        )
        messages.success(request, _("已登记复议/诉讼案件。"))
        return redirect("cases_reviews:detail", review_id=review.pk)
    numbers = Case.objects.filter(unit=unit).order_by("-receipt_date").values_list("number", flat=True)[:500]
    return render(request, "cases_reviews/register.html", {"unit": unit, "form": form, "numbers": numbers})


def _detail_context(request: HttpRequest, review: ReviewCase, form: ConcludeReviewForm | None) -> dict[str, Any]:
    return {
        "unit": review.unit,
        "review": review,
        "result_label": RESULT_LABELS.get(review.result_key, review.result_key),
        "form": form,
        "may_act": _may_act(request, review.unit),
    }


@login_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    """One review or lawsuit; while pending, the form to record its result (for handlers and reviewers)."""
    review = get_object_or_404(ReviewCase.objects.select_related("unit", "application"), pk=review_id)
    require_view(request.user, review.unit)
    form = None
    if review.result_on is None and _may_act(request, review.unit):
        form = ConcludeReviewForm(review=review, mapping=review_result_mapping())
    return render(request, "cases_reviews/detail.html", _detail_context(request, review, form))


@login_required
def review_conclude_view(request: HttpRequest, review_id: int) -> HttpResponse:
    """Record the result and its date; the class (维持/纠正/其他) follows the configured mapping."""
    review = get_object_or_404(ReviewCase.objects.select_related("unit", "application"), pk=review_id)
    require_act(request.user, review.unit, *ACTING_ROLES)
    if request.method != "POST":
        return redirect("cases_reviews:detail", review_id=review.pk)
    if review.result_on is not None:
        messages.error(request, _("该案件已记录结果，不能重复记录。"))
        return redirect("cases_reviews:detail", review_id=review.pk)
    form = ConcludeReviewForm(request.POST, review=review, mapping=review_result_mapping())
    if form.is_valid():
        try:
            review_conclude(
                actor=request.user,
                review=review,
                result=form.cleaned_data["result"],
                result_on=form.cleaned_data["result_on"],
                ip=client_ip(request),
            )
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已记录结果。"))
            return redirect("cases_reviews:detail", review_id=review.pk)
    return render(request, "cases_reviews/detail.html", _detail_context(request, review, form), status=400)
