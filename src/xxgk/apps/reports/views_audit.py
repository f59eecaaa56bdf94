"""Batch audit pages (supervisors only): upload a ZIP of annual reports, follow the audit, download the results.

The audit runs in the background (xxgk.jobs: a Celery worker when a broker is
configured, else a thread of the server); the status page polls its progress
with htmx every two seconds until it is finished. Only supervisors of a
people's government (and system admins) may audit; each audit is visible only to
the person who started it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xxgk.apps.reports.audits import MAX_UPLOAD_BYTES, UploadRefused, job_for, jobs_of, result_path, start_audit
from xxgk.apps.units.models import Membership

DOWNLOADS = (("html", "督查看板（HTML）"), ("xlsx", "Excel（XLSX）"), ("csv", "CSV"))
MEDIA = {"html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def is_supervisor(user: Any) -> bool:
    """Whether ``user`` supervises a people's government (or is a system admin)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        bool(user.is_superuser)
        or Membership.objects.filter(user=user, is_supervisor=True, unit__kind="人民政府").exists()
    )


def supervisors_only(view: Any) -> Any:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_supervisor(request.user):
            raise PermissionDenied(_("只有人民政府的监督人员可以批量核查年度报告。"))
        return view(request, *args, **kwargs)

    return wrapped


@supervisors_only
@require_http_methods(["GET", "POST"])
def audit_index(request: HttpRequest) -> HttpResponse:
    """The upload form and the user's recent audits."""
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("archive")
        if upload is None:
            error = _("请选择要上传的 ZIP 压缩包。")
        else:
            try:
                job = start_audit(request.user, upload.name or "upload.zip", upload.chunks(), upload.size or 0)
            except UploadRefused as exc:
                error = str(exc)
            else:
                return redirect("reports:audit", job_id=job.id)
    context = {"jobs": jobs_of(request.user), "error": error, "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024}
    return render(request, "reports/audit_index.html", context, status=400 if error else 200)


def _job(request: HttpRequest, job_id: str) -> Any:
    job = job_for(job_id, request.user)
    if job is None:
        raise Http404(_("找不到该核查任务。"))
    return job


@supervisors_only
def audit_page(request: HttpRequest, job_id: str) -> HttpResponse:
    return render(request, "reports/audit.html", {"job": _job(request, job_id), "downloads": DOWNLOADS})


@supervisors_only
def audit_progress(request: HttpRequest, job_id: str) -> HttpResponse:
    """The progress fragment the status page polls (it stops polling once the audit is finished)."""
    return render(request, "reports/audit_progress.html", {"job": _job(request, job_id), "downloads": DOWNLOADS})


@supervisors_only
def audit_download(request: HttpRequest, job_id: str, fmt: str) -> FileResponse:
    job = _job(request, job_id)
    path = result_path(job, fmt)
    if path is None:
        raise Http404(_("核查结果尚未生成。"))
    response = FileResponse(path.open("rb"), content_type=MEDIA[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"年度报告核查结果.{fmt}")
    return response
