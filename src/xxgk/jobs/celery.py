"""The Celery application of xxgk: ``XXGK_BROKER_URL=redis://… .venv/bin/celery -A xxgk.jobs.celery worker``.

Configured from ``XXGK_BROKER_URL`` (e.g. ``redis://127.0.0.1:6379/0``) and
``XXGK_QUEUE`` (the queue name, default ``xxgk``); no result backend (tasks
report through the database and the data directory). Every task declared with
:func:`xxgk.jobs.task` is registered under its own name.
"""

from __future__ import annotations

import importlib
import os
from functools import cache

import django
from celery import Celery

from xxgk.jobs import TASK_MODULES, TASKS, broker_url, queue_name

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
django.setup()
for module in TASK_MODULES:
    importlib.import_module(module)


@cache
def make_app(url: str, queue: str) -> Celery:
    """A Celery application on a broker, with every xxgk task registered."""
    celery = Celery("xxgk", broker=url, set_as_current=False)
    celery.conf.update(
        task_default_queue=queue,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_acks_late=True,  # a task whose worker dies is run again by another worker
        worker_prefetch_multiplier=1,  # long tasks (an audit): one at a time per process
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    for name, function in TASKS.items():
        celery.task(name=name)(function)
    return celery


app = make_app(broker_url() or "memory://", queue_name())
