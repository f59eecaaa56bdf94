"""Pages of the letters app: template editing, a case's letters, issuing, downloads (staff and applicant)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.apps.cases.models import Case
from xxgk.apps.letters.forms import IssueForm, PrefixForm, TemplateForm
from xxgk.apps.letters.models import Letter
from xxgk.apps.letters.output import LetterDocument, letter_docx, letter_pdf
from xxgk.apps.letters.sandbox import PLACEHOLDERS
from xxgk.apps.letters.selectors import (
    allowed_kinds_for_case,
    effective_template,
    letters_for_applicant,
    letters_for_case,
    unit_prefix,
)
from xxgk.apps.letters.services import (
    ISSUE_ROLES,
    LetterRefused,
    fee_notice_refusal_for,
    letter_issue,
    prefix_set,
    template_reset,
    template_save,
)
from xxgk.apps.units.access import can_act, require_view, unit_access
from xxgk.apps.units.audit import client_ip
from xxgk.apps.units.models import Role, Unit
from xxgk.core.cases import privacy
from xxgk.core.cases.letters import KIND_TITLES, REQUIRED_PLACEHOLDERS, LetterKind, chinese_date

_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        raise Http404(_("没有这种文书类型。")) from None


@unit_access(Role.UNIT_ADMIN)
def template_list(request: HttpRequest, unit: Unit) -> HttpResponse:
    """The unit's letter templates (own or default) and its number prefix (unit administrators)."""
    form = PrefixForm(request.POST or None, initial={"prefix": unit_prefix(unit)})
    if request.method == "POST" and form.is_valid():
        try:
            prefix = prefix_set(
                actor=request.user, unit=unit, prefix=form.cleaned_data["prefix"], ip=client_ip(request)
            )
        except ValidationError as exc:
            form.add_error("prefix", exc)
        else:
            messages.success(request, _("文号前缀已设为“%(prefix)s”。") % {"prefix": prefix})
            return redirect("letters:templates", unit_id=unit.pk)
    rows = [(kind, KIND_TITLES[kind], effective_template(unit, kind).source) for kind in LetterKind]
    return render(request, "letters/template_list.html", {"unit": unit, "rows": rows, "form": form})


@unit_access(Role.UNIT_ADMIN)
def template_edit(request: HttpRequest, unit: Unit, kind: str) -> HttpResponse:
    """Edit one template; a template that does not render is refused with the reason in Chinese."""
    letter_kind = _kind(kind)
    current = effective_template(unit, letter_kind)
    form = TemplateForm(request.POST or None, initial={"title": current.title, "body": current.body})
    if request.method == "POST" and form.is_valid():
        try:
            template_save(
                actor=request.user,
                unit=unit,
                kind=letter_kind,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error("body", exc)
        else:
            messages.success(request, _("模板已保存。"))
            return redirect("letters:templates", unit_id=unit.pk)
    context = {
        "unit": unit,
        "kind": letter_kind,
        "kind_title": KIND_TITLES[letter_kind],
        "source": current.source,
        "form": form,
        "placeholders": PLACEHOLDERS.items(),
        "required": sorted(REQUIRED_PLACEHOLDERS[letter_kind]),
    }
    return render(request, "letters/template_edit.html", context, status=400 if form.errors else 200)


@require_POST
@unit_access(Role.UNIT_ADMIN)
def template_reset_view(request: HttpRequest, unit: Unit, kind: str) -> HttpResponse:
    """Go back to the default wording of a template."""
    template_reset(actor=request.user, unit=unit, kind=_kind(kind), ip=client_ip(request))
    messages.success(request, _("已恢复默认模板。"))
    return redirect("letters:templates", unit_id=unit.pk)


def case_letters_context(case: Case, user) -> dict:
    """What ``letters/_case_letters.html`` needs: the case's letters and, for staff who may, the issue form."""
    may_issue = can_act(user, case.unit, *ISSUE_ROLES)
    allowed = [k.value for k in allowed_kinds_for_case(case)] if may_issue else []
    return {
        "case": case,
        "letters": letters_for_case(case),
        "issue_form": IssueForm(allowed=allowed) if allowed else None,
        "provisional_warning": _provisional_warning(case) if allowed else "",
    }


def _provisional_warning(case: Case) -> str:
    """Said to the handler before issue when a letter's date rests on a year whose holidays are not entered."""
    if not case.due_provisional:
        return ""
    return _(
        "注意：本案答复期限%(due)s所涉年份的放假安排尚未录入，受理回执、延期答复告知书等文书中的日期为暂定日期；"
        "请先录入放假安排或核对日期后再出具。"
    ) % {"due": chinese_date(case.due_date)}


@login_required
def case_letters(request: HttpRequest, case_id: int) -> HttpResponse:
    """The letters fragment of a case (for the case page, or loaded on its own)."""
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(request.user, case.unit)
    template = "letters/_case_letters.html" if request.headers.get("HX-Request") else "letters/case_letters.html"
    return render(request, template, case_letters_context(case, request.user))


@require_POST
@login_required
def issue(request: HttpRequest, case_id: int) -> HttpResponse:
    """Issue a letter of a case (registrar, handler or reviewer of the unit)."""
    case = get_object_or_404(Case.objects.select_related("unit"), pk=case_id)
    require_view(request.user, case.unit)
    form = IssueForm(request.POST, allowed=[k.value for k in allowed_kinds_for_case(case)])
    if not form.is_valid():
        refusal = fee_notice_refusal_for(case) if request.POST.get("kind") == LetterKind.FEE_NOTICE.value else None
        messages.error(request, refusal or _("请选择本案当前可以出具的文书。"))
    else:
        data = dict(form.cleaned_data)
        kind = data.pop("kind")
        try:
            letter = letter_issue(case=case, kind=kind, actor=request.user, extra=data, ip=client_ip(request))
        except LetterRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已出具 %(number)s。") % {"number": letter.number})
            if warning := _provisional_warning(case):
                messages.warning(request, warning)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("letters:case_letters", case_id=case.pk)


def _document(letter: Letter, *, masked: bool = False) -> LetterDocument:
    body = _masked(letter.body, letter.case) if masked else letter.body
    return LetterDocument(letter.unit_name, letter.title, letter.number, chinese_date(letter.issued_on), body)


def _masked(body: str, case: Case) -> str:
    """The letter's text with the applicant's personal data masked as on the case page (applications.md §11)."""
    for value, mask in (
        (case.applicant_name, privacy.mask_name),
        (case.identity_number, privacy.mask_identity),
        (case.phone, privacy.mask_phone),
        (case.email, privacy.mask_email),
    ):
        if value and value.strip():
            body = body.replace(value.strip(), mask(value))
    return body


def _file(letter: Letter, fmt: str, *, masked: bool = False) -> HttpResponse:
    document = _document(letter, masked=masked)
    content = letter_docx(document) if fmt == "docx" else letter_pdf(document)
    response = HttpResponse(content, content_type=_TYPES[fmt])
    filename = f"{letter.number}-{letter.title}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def download(request: HttpRequest, letter_id: int, fmt: str) -> HttpResponse:
    """A letter as DOCX or PDF, for staff who may see the case's unit."""
    letter = get_object_or_404(Letter.objects.select_related("case__unit"), pk=letter_id)
    require_view(request.user, letter.case.unit)
    # staff of the handling unit see the applicant as on the case page; a supervisor sees them masked
    return _file(letter, fmt, masked=not can_act(request.user, letter.case.unit))


def track_download(request: HttpRequest, token: str, letter_id: int, fmt: str) -> HttpResponse:
    """A letter addressed to the applicant, fetched with the case's tracking token (no sign-in)."""
    case = Case.objects.filter(tracking_token=token).first()
    if case is None:
        raise Http404(_("没有找到该申请。"))
    letter = letters_for_applicant(case).filter(pk=letter_id).first()
    if letter is None:
        raise Http404(_("没有找到该文书。"))
    return _file(letter, fmt)


__all__ = [
    "case_letters",
    "case_letters_context",
    "download",
    "issue",
    "template_edit",
    "template_list",
    "template_reset_view",
    "track_download",
]
