"""Case-page actions of taking an application in: 指派承办人, 确认收到网上申请, 查看身份证明材料.

Each POST carries the case ``version`` (a stale form is refused) and runs one
service of xxgk.apps.cases.intake. The identity document is streamed from
private storage to the unit's handlers and reviewers only, never through a
public URL, and each opening is audited (applications.md §11).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from xxgk.apps.cases.forms import DateInput
from xxgk.apps.cases.intake import case_assign_handler, case_confirm_receipt, case_open_identity_document
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.queries import unit_handlers
from xxgk.apps.cases.services import CaseChanged
from xxgk.apps.units.access import require_view
from xxgk.apps.units.audit import client_ip
from xxgk.core.cases.states import TransitionError

__all__ = ["AssignForm", "ConfirmReceiptForm", "case_assign", "case_confirm", "case_identity_document"]

log = logging.getLogger(__name__)


def today() -> dt.date:
    """Today in the site's time zone (its own name, so tests can fix the date of this module alone)."""
    return timezone.localdate()


class AssignForm(forms.Form):
    """Choose the handler of a case among the unit's handlers (empty: unassign)."""

    handler = forms.ModelChoiceField(label=gettext_lazy("承办人"), queryset=None, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        field.queryset = unit_handlers(case.unit)
        field.empty_label = _("（不指派）")
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ConfirmReceiptForm(forms.Form):
    """The day both sides confirmed an online application, and the evidence for it (条例第三十一条)."""

    on = forms.DateField(label=gettext_lazy("确认收到之日"), widget=DateInput())
    evidence = forms.CharField(
        label=gettext_lazy("确认依据"),
        max_length=200,
        help_text=gettext_lazy("如：某月某日电话与申请人确认、向申请人发送的确认邮件。"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def intake_forms(case: Case, user: Any) -> dict[str, Any]:
    """The forms of the case page's intake card, for the people allowed to use them."""
    from xxgk.apps.cases.intake import ASSIGN_ROLES, CONFIRM_ROLES, DOCUMENT_ROLES, needs_receipt_confirmation
    from xxgk.apps.units.access import can_act

    context: dict[str, Any] = {"assign_form": None, "confirm_form": None, "can_see_document": False}
    if case.is_open and can_act(user, case.unit, *ASSIGN_ROLES):
        context["assign_form"] = AssignForm(case=case, initial={"handler": case.handler_id, "version": case.version})
    if needs_receipt_confirmation(case) and can_act(user, case.unit, *CONFIRM_ROLES):
        context["confirm_form"] = ConfirmReceiptForm(initial={"on": today(), "version": case.version})
    if case.channel == "online" and can_act(user, case.unit, *DOCUMENT_ROLES):
        context["can_see_document"] = hasattr(case, "online_application")
    return context


def _case(case_id: int, user: Any) -> Case:
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(user, case.unit)
    return case


def _refused(request: HttpRequest, case: Case, form: forms.Form, error: str = "") -> HttpResponse:
    if not error:
        error = "；".join(str(e) for errors in form.errors.values() for e in errors)
    messages.error(request, error or _("请更正后重试。"))
    return redirect("cases:detail", case_id=case.pk)


@require_POST
@login_required
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    """Assign the case to one of the unit's handlers (registrar, reviewer or unit administrator)."""
    case = _case(case_id, request.user)
    form = AssignForm(request.POST, case=case)
    if not form.is_valid():
        return _refused(request, case, form)
    try:
        case_assign_handler(
            actor=request.user,
            case=case,
            version=form.cleaned_data["version"],
            handler=form.cleaned_data["handler"],
            ip=client_ip(request),
        )
    except (CaseChanged, TransitionError) as exc:
        log.info("refused handler assignment: case %s", case.pk)
        return _refused(request, case, form, str(exc))
    handler = form.cleaned_data["handler"]
    if handler is None:
        messages.success(request, _("已取消指派承办人。"))
    else:
        name = handler.get_full_name() or handler.get_username()
        messages.success(request, _("已指派承办人：%(name)s。") % {"name": name})
    return redirect("cases:detail", case_id=case.pk)


@require_POST
@login_required
def case_confirm(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the confirmed receipt date of an online application (条例第三十一条) and recompute the deadline."""
    case = _case(case_id, request.user)
    form = ConfirmReceiptForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, form)
    try:
        case_confirm_receipt(
            actor=request.user,
            case=case,
            version=form.cleaned_data["version"],
            on=form.cleaned_data["on"],
            evidence=form.cleaned_data["evidence"],
            today=today(),
            ip=client_ip(request),
        )
    except (CaseChanged, TransitionError) as exc:
        log.info("refused receipt confirmation: case %s", case.pk)
        return _refused(request, case, form, str(exc))
    messages.success(request, _("已确认收到申请，答复期限已重新计算。"))
    return redirect("cases:detail", case_id=case.pk)


@never_cache
@require_GET
@login_required
def case_identity_document(request: HttpRequest, case_id: int) -> HttpResponse:
    """Stream the applicant's uploaded identity document to a handler or reviewer of the unit (audited)."""
    case = _case(case_id, request.user)
    try:
        handle, media_type = case_open_identity_document(actor=request.user, case=case, ip=client_ip(request))
    except FileNotFoundError:
        raise Http404(_("该申请没有上传身份证明材料。")) from None
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(media_type, "bin")
    # Always a download, never shown inline in the staff's browser; sandboxed should a browser render it anyway.
    response = FileResponse(
        handle, content_type=media_type, as_attachment=True, filename=f"{case.number}-身份证明.{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
