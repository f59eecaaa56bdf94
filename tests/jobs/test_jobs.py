"""The background-work facade: in-process without a broker, Celery on a real Redis with a real worker process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import CORPUS, SEED
from xxgk import jobs

REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_without_a_broker_a_task_runs_in_a_thread_of_this_process(monkeypatch) -> None:
    monkeypatch.delenv("XXGK_BROKER_URL", raising=False)
    ran = threading.Event()
    seen: list[object] = []

    @jobs.task("tests.record")
    def record(value: int) -> None:
        seen.append((value, threading.current_thread().name))
        ran.set()

    try:
        jobs.enqueue("tests.record", value=7)
        assert ran.wait(10)
        assert seen == [(7, "xxgk-tests.record")]
    finally:
        del jobs.TASKS["tests.record"]


def test_an_unknown_task_or_a_name_declared_twice_is_refused() -> None:
    with pytest.raises(KeyError):
        jobs.enqueue("tests.nothing")
    jobs.task("tests.once")(print)
    try:
        with pytest.raises(ValueError):
            jobs.task("tests.once")(len)
    finally:
        del jobs.TASKS["tests.once"]


def test_the_apps_tasks_are_declared() -> None:

    import xxgk.apps.reports.tasks  # noqa: F401

    assert "reports.audit" in jobs.TASKS


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the broker test runs once, on the SQLite pass"
)
@pytest.mark.skipif(not redis_answers(), reason="no Redis answers on 127.0.0.1:6379 (.ci/run starts one)")
def test_an_audit_runs_on_a_celery_worker_through_redis(settings, tmp_path: Path, monkeypatch) -> None:
    """The web audit's task, sent to a real Redis broker and run by a real worker process started here."""
    from xxgk.apps.reports import audits

    supervisor = SimpleNamespace(pk=1, is_superuser=False)

    data = tmp_path / "data"
    settings.DATA_DIR = data
    queue = f"xxgk-test-{uuid.uuid4().hex}"
    broker = "redis://127.0.0.1:6379/0"
    env = {**os.environ, "XXGK_BROKER_URL": broker, "XXGK_QUEUE": queue, "XXGK_DATA_DIR": str(data),
           "DJANGO_SETTINGS_MODULE": "xxgk.web.settings", "PYTHONPATH": os.pathsep.join(sys.path)}  # fmt: skip
    env.pop("DATABASE_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "xxgk.jobs.celery", "worker", "--pool=solo", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "--loglevel=INFO"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path,
    )  # fmt: skip
    try:
        monkeypatch.setenv("XXGK_BROKER_URL", broker)
        monkeypatch.setenv("XXGK_QUEUE", queue)
        archive = tmp_path / "reports.zip"
        with zipfile.ZipFile(archive, "w") as out:
            out.write(SEED, "勍香镇.txt")
            out.write(CORPUS / "huaian-city-2024.pdf", "淮安市.pdf")
        job = audits.start_audit(supervisor, "reports.zip", [archive.read_bytes()], archive.stat().st_size)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            current = audits.job_for(job.id, supervisor)
            if current is not None and current.finished:
                break
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.5)
        else:
            raise AssertionError("the worker did not finish the audit")
        assert current.status == audits.DONE and current.total == 2 and current.unreadable == 0
        assert audits.result_path(current, "xlsx") is not None
        assert [row["unit"] for row in current.rows] == ["勍香镇", "淮安市人民政府"]
    finally:
        worker.terminate()
        output = worker.communicate(timeout=60)[0].decode(errors="replace")
    assert "reports.audit" in output and "succeeded" in output  # it was the worker, not this process
