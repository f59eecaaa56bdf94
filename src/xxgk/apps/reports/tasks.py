"""Background tasks of the reports app (declared with xxgk.jobs.task; imported by the Celery worker)."""

from __future__ import annotations

from xxgk.apps.reports.audits import run_audit_job

__all__ = ["run_audit_job"]
