"""Background work behind one facade: Celery on a Redis broker when ``XXGK_BROKER_URL`` is set, else in-process.

Apps declare a task once with :func:`task` and start it with :func:`enqueue`;
they never import Celery. With a broker (``XXGK_BROKER_URL=redis://…``) the task
is sent to the queue and any worker (``xxgk worker``, on this or another
machine sharing the database and the data directory) runs it. Without one — the
embedded default, no Redis needed — it runs in a daemon thread of the calling
process, so a web request returns at once in both cases. A task reports its
progress through the database or the data directory, never through the broker.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["TASKS", "broker_url", "enqueue", "queue_name", "task"]

log = logging.getLogger(__name__)

TASKS: dict[str, Callable[..., Any]] = {}
# Modules that declare tasks: imported by the Celery worker so every task is registered there.
TASK_MODULES = ("xxgk.apps.reports.tasks",)


def broker_url() -> str:
    """The Celery broker URL, or "" for in-process work."""
    return os.environ.get("XXGK_BROKER_URL", "").strip()


def queue_name() -> str:
    """The Celery queue xxgk's tasks go to (``XXGK_QUEUE``, default ``xxgk``)."""
    return os.environ.get("XXGK_QUEUE", "").strip() or "xxgk"


def task(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as the background task ``name`` (arguments must be JSON: ids, strings, numbers)."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        if name in TASKS and TASKS[name] is not function:
            raise ValueError(f"task {name} declared twice")
        TASKS[name] = function
        return function

    return register


def enqueue(name: str, **kwargs: Any) -> None:
    """Start the task ``name`` in the background: on the Celery queue if configured, else in a thread here."""
    if name not in TASKS:
        raise KeyError(f"unknown task {name}")
    if broker_url():
        from xxgk.jobs.celery import make_app

        make_app(broker_url(), queue_name()).send_task(name, kwargs=kwargs)
        log.info("task %s sent to the broker", name)
        return
    thread = threading.Thread(target=_run_here, args=(name, kwargs), name=f"xxgk-{name}", daemon=True)
    thread.start()


def _run_here(name: str, kwargs: dict[str, Any]) -> None:
    from django.db import close_old_connections

    try:
        TASKS[name](**kwargs)
    except Exception:  # a task records its own failure for the user; the log gets the traceback
        log.exception("task %s failed", name)
    finally:
        close_old_connections()
