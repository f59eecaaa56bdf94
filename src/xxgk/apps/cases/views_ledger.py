"""Staff pages of the case ledger (台账): upload → preview → confirm an atomic import; masked export.

applications.md §10–§11. Reading and validation are xxgk.apps.cases.ledger
(the same code as ``xxgk cases import``); the uploaded file waits in the
session between the preview and the confirmation and is validated again
before anything is written, so a file with one refused row imports nothing.
Importing needs the unit_admin or reviewer role; exporting (personal data
masked) needs only the right to see the unit.
"""

from __future__ import annotations

import base64
import io
import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.apps.cases.forms_reviews import LedgerExportForm, LedgerUploadForm
from xxgk.apps.cases.ledger import (
    LedgerConflict,
    LedgerFileError,
    case_import_ledger,
    export_cases,
    read_ledger_bytes,
    validate_ledger,
    write_ledger,
)
from xxgk.apps.units.access import can_act, current_unit, require_act, require_view
from xxgk.apps.units.audit import audit, client_ip
from xxgk.apps.units.models import Unit
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.cases.ledger import FLAG_LABELS, LedgerResult

log = logging.getLogger(__name__)

IMPORT_ROLES = ("unit_admin", "reviewer")
SESSION_KEY = "xxgk_ledger_upload"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(request: HttpRequest) -> Unit | None:
    unit = current_unit(request)
    if unit is not None:
        require_view(request.user, unit)
    return unit


def _index_context(request: HttpRequest, unit: Unit, upload: LedgerUploadForm | None = None) -> dict[str, Any]:
    return {
        "unit": unit,
        "may_import": can_act(request.user, unit, *IMPORT_ROLES),
        "upload": upload or LedgerUploadForm(),
        "export": LedgerExportForm(initial={"format": "csv"}),
    }


@login_required
def ledger_index(request: HttpRequest) -> HttpResponse:
    """The ledger page of the current unit: upload (for unit admins and reviewers) and export."""
    unit = _unit(request)
    if unit is None:
        return render(request, "cases_ledger/index.html", {"unit": None})
    return render(request, "cases_ledger/index.html", _index_context(request, unit))


def _validate(unit: Unit, data: bytes, *, xlsx: bool) -> LedgerResult:
    return validate_ledger(
        unit, read_ledger_bytes(data, xlsx=xlsx), calendar=load_calendar(), today=timezone.localdate()
    )


def _preview(request: HttpRequest, unit: Unit, name: str, result: LedgerResult, status: int = 200) -> HttpResponse:
    flagged = [
        {"line": r.line, "number": r.row.number, "flags": "、".join(FLAG_LABELS[f] for f in r.flags), "due": r.due_on}
        for r in result.rows
        if r.row is not None and r.flags
    ]
    refused = [{"line": r.line, "reasons": "；".join(r.errors)} for r in result.refused]
    context = {
        "unit": unit,
        "name": name,
        "ok": result.ok,
        "header_errors": result.header_errors,
        "refused": refused,
        "flagged": flagged,
        "count": sum(1 for r in result.rows if r.row is not None),
        "total": len(result.rows),
    }
    return render(request, "cases_ledger/preview.html", context, status=status)


@login_required
@require_POST
def ledger_preview(request: HttpRequest) -> HttpResponse:
    """Check an uploaded ledger: every refused line with its reasons, the flagged (late, long-open) rows."""
    unit = _unit(request)
    if unit is None:
        return redirect("cases_ledger:index")
    require_act(request.user, unit, *IMPORT_ROLES)
    form = LedgerUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "cases_ledger/index.html", _index_context(request, unit, form), status=400)
    upload = form.cleaned_data["file"]
    data, xlsx = upload.read(), upload.name.lower().endswith(".xlsx")
    try:
        result = _validate(unit, data, xlsx=xlsx)
    except LedgerFileError as exc:
        form.add_error("file", str(exc))
        return render(request, "cases_ledger/index.html", _index_context(request, unit, form), status=400)
    request.session.pop(SESSION_KEY, None)
    if result.ok:
        request.session[SESSION_KEY] = {
            "unit": unit.pk,
            "name": upload.name,
            "xlsx": xlsx,
            "data": base64.b64encode(data).decode("ascii"),
        }
    else:
        log.warning("ledger upload refused: %d bad rows, unit %s", len(result.refused), unit.pk)
    return _preview(request, unit, upload.name, result)


@login_required
@require_POST
def ledger_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed ledger in one transaction, after validating it again; nothing if a row is refused."""
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.error(request, _("没有待导入的台账，请重新上传。"))
        return redirect("cases_ledger:index")
    unit = get_object_or_404(Unit, pk=pending["unit"])
    require_act(request.user, unit, *IMPORT_ROLES)
    data = base64.b64decode(pending["data"])
    try:
        result = _validate(unit, data, xlsx=pending["xlsx"])
    except LedgerFileError as exc:  # the same bytes were readable at the preview; kept for safety
        request.session.pop(SESSION_KEY, None)
        messages.error(request, str(exc))
        return redirect("cases_ledger:index")
    if not result.ok:  # e.g. someone imported the same numbers in between
        request.session.pop(SESSION_KEY, None)
        return _preview(request, unit, pending["name"], result, status=400)
    try:
        cases = case_import_ledger(actor=request.user, unit=unit, rows=result.rows, ip=client_ip(request))
    except LedgerConflict as exc:  # a concurrent confirmation of the same file got in first
        request.session.pop(SESSION_KEY, None)
        messages.error(request, str(exc))
        log.warning("ledger import refused: numbers taken meanwhile, unit %s", unit.pk)
        return redirect("cases_ledger:index")
    request.session.pop(SESSION_KEY, None)
    flagged = sum(1 for r in result.rows if r.flags)
    messages.success(
        request,
        _("已导入 %(n)d 件申请（其中 %(f)d 件已标记逾期或超期）。") % {"n": len(cases), "f": flagged},
    )
    years = [c.receipt_date.year for c in cases]
    if not years:
        return redirect("cases_ledger:index")
    return redirect("reports:report", unit_id=unit.pk, year=max(years))


@login_required
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The current unit's cases (of one receipt year, or all) as a ledger CSV or XLSX, personal data masked."""
    unit = _unit(request)
    if unit is None:
        return redirect("cases_ledger:index")
    form = LedgerExportForm(request.GET)
    if not form.is_valid():
        context = _index_context(request, unit)
        context["export"] = form
        return render(request, "cases_ledger/index.html", context, status=400)
    year, fmt = form.cleaned_data["year"], form.cleaned_data["format"]
    records = export_cases(unit, year)
    audit(
        actor=request.user,
        action="case.export_ledger",
        obj=unit,
        details={"year": year, "format": fmt, "cases": len(records)},
        ip=client_ip(request),
    )
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_ledger(records, buffer, xlsx=True)
        body, media = buffer.getvalue(), XLSX_TYPE
    else:
        text = io.StringIO()
        write_ledger(records, text)
        body, media = text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    filename = f"{unit.name}台账{year or ''}.{fmt}"
    return HttpResponse(
        body, content_type=media, headers={"Content-Disposition": content_disposition_header(True, filename)}
    )
