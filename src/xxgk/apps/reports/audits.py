"""Web audits: a supervisor uploads a ZIP of reports; the audit runs in the background (xxgk.jobs).

Each audit lives in its own folder ``DATA_DIR/audits/<id>/`` (a random id):
``upload.zip``, ``job.json`` (owner, status, progress; replaced atomically at
every step), the state file that lets an interrupted audit resume, and when
done ``result.csv``, ``result.xlsx`` and ``result.html``. The folder is the only
shared state, so the task runs the same in a thread or on a Celery worker that
shares the data directory.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from xxgk.jobs import enqueue, task

__all__ = ["MAX_UPLOAD_BYTES", "AuditJob", "UploadRefused", "job_for", "jobs_of", "result_path", "start_audit"]

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 500 * 1024 * 1024  # one uploaded archive
RESULTS = {"csv": "result.csv", "xlsx": "result.xlsx", "html": "result.html"}
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
_ID = re.compile(r"^[0-9a-f]{32}$")


class UploadRefused(Exception):
    """An upload that is not audited: the reason in Chinese."""


@dataclass
class AuditJob:
    id: str
    owner: int
    name: str
    created: str
    status: str = QUEUED
    total: int = 0
    done: int = 0
    failing: int = 0
    unreadable: int = 0
    error: str = ""
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return 100 if self.status == DONE else (100 * self.done // self.total if self.total else 0)

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED)


def _root() -> Path:
    return Path(settings.DATA_DIR) / "audits"


def _folder(job_id: str) -> Path:
    if not _ID.match(job_id):
        raise FileNotFoundError(job_id)
    return _root() / job_id


def _save(job: AuditJob) -> None:
    folder = _folder(job.id)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".job-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(job), out, ensure_ascii=False)
    os.replace(temporary, folder / "job.json")


def _load(job_id: str) -> AuditJob:
    data = json.loads((_folder(job_id) / "job.json").read_text(encoding="utf-8"))
    return AuditJob(**data)


def job_for(job_id: str, user: Any) -> AuditJob | None:
    """The audit if it exists and ``user`` started it (or is a system admin), else None."""
    try:
        job = _load(job_id)
    except (FileNotFoundError, ValueError, TypeError):
        return None
    return job if job.owner == user.pk or user.is_superuser else None


def jobs_of(user: Any, limit: int = 20) -> list[AuditJob]:
    """The user's latest audits, newest first."""
    found = []
    root = _root()
    if not root.exists():
        return []
    for folder in root.iterdir():
        job = job_for(folder.name, user)
        if job is not None:
            found.append(job)
    return sorted(found, key=lambda j: j.created, reverse=True)[:limit]


def result_path(job: AuditJob, fmt: str) -> Path | None:
    path = _folder(job.id) / RESULTS[fmt] if fmt in RESULTS else None
    return path if path is not None and job.status == DONE and path.exists() else None


def start_audit(user: Any, name: str, chunks: Any, size: int) -> AuditJob:
    """Store an uploaded ZIP, check it can be audited (limits), and start the audit in the background."""
    from xxgk.documents.audit import AuditError, collect

    if size > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"上传的文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，请分批上传。")
    job = AuditJob(id=secrets.token_hex(16), owner=user.pk, name=name[:200], created=timezone.now().isoformat())
    folder = _folder(job.id)
    folder.mkdir(parents=True)
    upload = folder / "upload.zip"
    with upload.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    with upload.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            _discard(folder)
            raise UploadRefused("上传的文件不是 ZIP 压缩包；请把年度报告打包为 ZIP 后上传。")
    try:
        sources = collect([upload])
    except AuditError as exc:
        _discard(folder)
        raise UploadRefused(exc.message_zh) from exc
    if not sources:
        _discard(folder)
        raise UploadRefused("压缩包中没有可核查的报告文件（PDF、DOCX、HTML、TXT、Markdown、JSON、PNG、JPEG）。")
    job.total = len(sources)
    _save(job)
    enqueue("reports.audit", job_id=job.id)
    return job


def _discard(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


@task("reports.audit")
def run_audit_job(job_id: str) -> None:
    """The background task: audit the job's archive, keeping progress in job.json and finished rows in a state file."""
    from xxgk.apps.reports.audit_output import audit_csv, audit_html, audit_xlsx, row_values
    from xxgk.documents.audit import AuditError, collect, run_audit

    job = _load(job_id)
    folder = _folder(job_id)
    job.status = RUNNING
    _save(job)

    def progress(done: int, total: int, _: str) -> None:
        job.done, job.total = done, total
        _save(job)

    try:
        result = run_audit(collect([folder / "upload.zip"]), state=folder / "state.jsonl", progress=progress)
    except AuditError as exc:
        job.status, job.error = FAILED, exc.message_zh
        _save(job)
        return
    except Exception:
        log.exception("audit %s failed", job_id)
        job.status, job.error = FAILED, "核查时发生意外错误，请稍后重试或联系管理员。"
        _save(job)
        raise
    rows = result.rows
    (folder / RESULTS["csv"]).write_bytes(audit_csv(rows))
    (folder / RESULTS["xlsx"]).write_bytes(audit_xlsx(rows))
    (folder / RESULTS["html"]).write_bytes(audit_html(rows, title=f"年度报告批量核查：{job.name}"))
    job.rows = [dict(zip(("file", "unit", "year", "format", "how", "read", "unread", "errors", "warnings",
                          "na", "failing", "why"), row_values(r), strict=True)) for r in rows[:500]]  # fmt: skip
    job.failing = sum(1 for r in rows if r.errors)
    job.unreadable = sum(1 for r in rows if r.read_error)
    job.status, job.done = DONE, len(rows)
    _save(job)
