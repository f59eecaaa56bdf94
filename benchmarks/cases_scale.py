"""Benchmark: tables 三/四 and the staff case list for a county of 500 units and 1,000,000 cases.

Usage:
  .venv/bin/python benchmarks/cases_scale.py [--db sqlite|postgres|both] [--cases 1000000]
      [--units 500] [--big-unit-cases 100000] [--year 2025] [--runs 7] [--json OUT] [--keep] [--reuse]

For each database a separate benchmark database is made — a temporary SQLite
file, or the PostgreSQL database ``xxgk_bench`` on 127.0.0.1:5432 (user
postgres; ``--pg-url`` to change), created and dropped by the script — then
migrated, filled in bulk (cases_scale_data.py) and measured
(cases_scale_measure.py) in a child process of its own. ``--keep`` keeps the
database afterwards, ``--reuse`` skips generation when a kept database
already holds the same county (for SQLite give the file with
``--sqlite-path``). One run at a time: the PostgreSQL name is fixed.

Targets (issue 4): tables 三 and 四 for the whole county in under 2 s; the
staff case list of a unit with 100,000 cases in under 150 ms — every page
(the last one too), every filter and the 编号 search.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 28)
TARGETS_MS = {"tables_county": 2000.0, "list_first_page": 150.0}
LIST_TARGET_MS = 150.0  # every page and filter of the staff case list (issue 4)
PG_NAME = "xxgk_bench"


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM and versions of the machine measuring."""
    cpu = "unknown"
    ram_gib = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": ram_gib,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _child(args: argparse.Namespace) -> dict[str, Any]:
    """Make, fill and measure one benchmark database; return the results."""
    workdir = Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    os.environ["XXGK_DATA_DIR"] = str(workdir)
    os.environ["XXGK_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
    if args.child == "postgres":
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_NAME}"
        if not args.reuse:
            _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_NAME}")
        try:
            _pg_admin(args.pg_url, f"CREATE DATABASE {PG_NAME}")
        except Exception as exc:  # already there when reusing
            if "already exists" not in str(exc):
                raise
        sqlite_path = None
    else:
        sqlite_path = Path(args.sqlite_path) if args.sqlite_path else workdir / "bench.sqlite3"
        if sqlite_path.exists() and not args.reuse:
            sqlite_path.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"

    import django

    django.setup()
    from cases_scale_data import county_plan, load
    from cases_scale_measure import measure_all
    from django.core.management import call_command
    from django.db import connection

    from xxgk.apps.cases.models import Case
    from xxgk.apps.units.models import Unit

    county = county_plan(args.units, args.cases, min(args.big_unit_cases, args.cases), TODAY)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings = {"migrate_s": round(time.perf_counter() - start, 1)}
    if args.reuse and Case.objects.count() == county.cases and Unit.objects.count() == county.units:
        _log(f"{args.child}: reusing the county already in the database")
        counts = {"units": county.units, "cases": county.cases, "reviews": None}
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        _log(f"{args.child}: generating {county.units} units and {county.cases} cases")
        start = time.perf_counter()
        counts = load(connection, county)
        timings["load_s"] = round(time.perf_counter() - start, 1)
        _log(f"{args.child}: loaded in {timings['load_s']} s: {counts}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
            cursor.execute("SELECT name, setting FROM pg_settings WHERE name IN ('jit', 'work_mem', 'shared_buffers')")
            version += " (" + ", ".join(f"{k}={v}" for k, v in cursor.fetchall()) + ")"
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version}"
            size = f"{sqlite_path.stat().st_size / 1024 / 1024:.0f} MB" if sqlite_path else "?"
    _log(f"{args.child}: measuring ({args.runs} runs after a warm-up)")
    load_before = os.getloadavg()[0]
    results = measure_all(args.year, county.big_unit_id, county.big_unit_cases, args.runs)
    load_after = os.getloadavg()[0]
    connection.close()
    if args.keep:
        _log(f"{args.child}: kept {sqlite_path or PG_NAME}")
    else:
        if args.child == "postgres":
            _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_NAME}")
        elif sqlite_path is not None and sqlite_path.exists():
            sqlite_path.unlink()
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "database": version,
        "database_size": size,
        "counts": counts,
        "big_unit_cases": county.big_unit_cases,
        "year": args.year,
        "timings": timings,
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "results": results,
    }


def _run_child(db: str, argv: list[str]) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *argv, "--child", db],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{db} 基准测试失败（退出码 {proc.returncode}），详见上方输出。")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _print(machine_info: dict[str, Any], runs: dict[str, dict[str, Any]]) -> None:
    print(f"机器：{machine_info['cpu']}，{machine_info['cores']} 核，内存 {machine_info['ram_gib']} GiB")
    for db, run in runs.items():
        counts = run["counts"]
        size = run["database_size"]
        print(f"\n== {db}: {run['database']}，{counts['units']} 个单位，{counts['cases']} 件申请，库 {size}")
        print(f"   {run['timings']}，测量前后 1 分钟平均负载 {run['load_average_1min']}")
        print(f"   {'measurement':<20} {'median ms':>10} {'max ms':>9} {'queries':>8}  target")
        for name, result in run["results"].items():
            target = TARGETS_MS.get(name, LIST_TARGET_MS if name.startswith("list_") else None)
            verdict = "" if target is None else ("OK" if result["median_ms"] < target else "MISSED") + f" <{target:.0f}"
            line = (
                f"   {name:<20} {result['median_ms']:>10.1f} {result['max_ms']:>9.1f} {result['queries']:>8}  {verdict}"
            )
            print(line)


try:
    from psycopg import Error as DatabaseError
except ImportError:  # SQLite only
    DatabaseError = OSError


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on the chosen databases and print (and optionally save) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--big-unit-cases", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", metavar="OUT")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database holding the same county")
    parser.add_argument("--sqlite-path", help="SQLite file to use instead of a temporary one")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cases < 1 or args.units < 2 or args.runs < 1 or args.big_unit_cases < 1:
        parser.error("--cases、--big-unit-cases、--runs 至少为 1，--units 至少为 2")
    if args.child:
        try:
            print(json.dumps(_child(args), default=str))
        except (OSError, DatabaseError) as exc:  # no PostgreSQL server, no rights, a full disk, …
            print(f"无法准备基准数据库（{args.child}）：{exc}", file=sys.stderr)
            return 2
        return 0
    passed = list(argv if argv is not None else sys.argv[1:])
    child_argv = [a for i, a in enumerate(passed) if a != "--db" and (i == 0 or passed[i - 1] != "--db")]
    child_argv = [a for a in child_argv if not a.startswith("--db=")]
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    info = machine()
    runs = {db: _run_child(db, child_argv) for db in dbs}
    _print(info, runs)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "runs": runs}, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
