"""``xxgk deadline``: end to end in a subprocess against a temporary SQLite database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

XXGK = [sys.executable, "-m", "xxgk.cli"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose database is a fresh SQLite file (migrated by the first command)."""
    directory: Path = tmp_path_factory.mktemp("deadline-db")
    environment = dict(os.environ)
    environment["DATABASE_URL"] = f"sqlite:///{directory / 'xxgk.sqlite3'}"
    environment["XXGK_DATA_DIR"] = str(directory)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return environment


def xxgk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*XXGK, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("start", "due"),
    [("2026-09-18", "2026-10-22"), ("2026-03-01", "2026-03-27"), ("2026-06-01", "2026-06-30")],
)
def test_the_first_line_is_the_due_date(env: dict[str, str], start: str, due: str) -> None:
    result = xxgk(env, "deadline", start)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [due]


def test_days_and_explain(env: dict[str, str]) -> None:
    result = xxgk(env, "deadline", "2026-09-30", "--days", "7", "--explain")
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-10-15"
    assert "第7个工作日" in result.stdout and "2026年按国务院办公厅公布的放假安排" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["2026-13-01"], "无法识别"), (["2026-09-18", "--days", "0"], "1至366"), (["1990-01-01"], "仅支持")],
)
def test_bad_input_gets_a_chinese_error_not_a_traceback(env: dict[str, str], args: list[str], message: str) -> None:
    result = xxgk(env, "deadline", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_provisional_deadline_becomes_final_when_the_year_is_entered(env: dict[str, str]) -> None:
    before = xxgk(env, "deadline", "2026-12-20", "--json")
    data = json.loads(before.stdout)
    assert (data["due"], data["provisional"]) == ("2027-01-18", True)
    assert xxgk(env, "deadline", "2026-12-20").stdout.splitlines() == ["2027-01-18", "暂定：2027年放假安排尚未录入"]
    enter = (
        "import datetime as dt, django; django.setup();"
        "from xxgk.apps.workcalendar.services import schedule_enter;"
        "schedule_enter(year=2027, holidays=[(dt.date(2027,1,1), dt.date(2027,1,4), '元旦')], workdays=[],"
        " notice='国务院办公厅关于2027年部分节假日安排的通知')"
    )
    setup = subprocess.run(
        [sys.executable, "-c", enter],
        env={**env, "DJANGO_SETTINGS_MODULE": "xxgk.web.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    after = json.loads(xxgk(env, "deadline", "2026-12-20", "--json").stdout)
    assert (after["due"], after["provisional"]) == ("2027-01-19", False)
    assert "2027年按国务院办公厅公布的放假安排" in after["explanation"]
