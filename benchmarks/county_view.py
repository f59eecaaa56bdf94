"""Benchmark: the supervisor's county view of the annual reports for 500 units and 1,000,000 cases.

Usage:
  .venv/bin/python benchmarks/county_view.py [--db sqlite|postgres|both] [--cases 1000000]
      [--units 500] [--year 2025] [--runs 5] [--json OUT]

The county is the one of cases_scale.py (same generator, loaded in bulk by
cases_scale_data.load: SQLite ``executemany`` in one transaction, PostgreSQL
``COPY``). On top, the reports are put in the mix a county sees in February:
of the 499 subordinate units, 40 % published, 20 % submitted (both frozen
versions with the whole report as JSON), 20 % drafting with edited sections,
20 % not started, and every unit has an imported report of the year before
(for X-CARRY). The PostgreSQL database is ``xxgk_bench_county`` (created and
dropped here); SQLite a temporary file.

Measured (median of ``--runs`` after a warm-up): the county view selector
(every unit's status, checks, figures and case counts, and the summary
tables) and the whole page through HTTP as the county's supervisor.
Target (issue 8): under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases_scale import _log, _pg_admin, machine  # noqa: E402 - the benchmarks folder is not a package

TODAY = dt.date(2026, 2, 10)
TARGET_MS = 1000.0
PG_NAME = "xxgk_bench_county"
MIX = ("published", "published", "submitted", "draft", "none")


def _timed(func: Any, runs: int) -> dict[str, float]:
    """Median and max wall time, and the median CPU time of this process (the machine is shared: see the docs)."""
    func()
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "runs": runs,
    }


def _reports(year: int) -> dict[str, int]:
    """Put every subordinate unit's report of ``year`` in its state of the mix; import last year's for all."""
    from xxgk.apps.reports.models import AnnualReport, ReportVersion
    from xxgk.apps.reports.selectors import live_report
    from xxgk.apps.units.models import Unit
    from xxgk.documents.json_format import report_to_json

    now = dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC)
    counts = dict.fromkeys(MIX, 0)
    units = list(Unit.objects.filter(parent__isnull=False).order_by("pk"))
    previous = [AnnualReport(unit=u, year=year - 1, state="published", imported=True) for u in units]
    AnnualReport.objects.bulk_create(previous, batch_size=500)
    versions = []
    for annual in AnnualReport.objects.filter(year=year - 1).select_related("unit"):
        content = report_to_json(live_report(annual.unit, year - 1))
        versions.append(ReportVersion(report=annual, number=1, content=content, submitted_at=now))
    ReportVersion.objects.bulk_create(versions, batch_size=200)
    current, frozen = [], []
    for index, unit in enumerate(units):
        kind = MIX[index % len(MIX)]
        counts[kind] += 1
        if kind == "none":
            continue
        state = {"published": "published", "submitted": "submitted", "draft": "draft"}[kind]
        annual = AnnualReport(
            unit=unit,
            year=year,
            state=state,
            sections={"problems": "存在的主要问题：办理时间偏长。\n\n改进情况：加强期限管理。"},
            first_published_on=dt.date(2026, 1, 25 + index % 10) if kind == "published" else None,
        )
        current.append(annual)
    AnnualReport.objects.bulk_create(current, batch_size=500)
    for annual in AnnualReport.objects.filter(year=year).exclude(state="draft").select_related("unit"):
        content = report_to_json(live_report(annual.unit, year, annual))
        published_on = annual.first_published_on
        frozen.append(
            ReportVersion(report=annual, number=1, content=content, submitted_at=now, published_on=published_on)
        )
    ReportVersion.objects.bulk_create(frozen, batch_size=200)
    return counts


def _child(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="xxgk-bench-county-"))
    os.environ["XXGK_DATA_DIR"] = str(workdir)
    os.environ["XXGK_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
    sqlite_path = workdir / "bench.sqlite3"
    if args.child == "postgres":
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_NAME}"
        _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_NAME}")
        _pg_admin(args.pg_url, f"CREATE DATABASE {PG_NAME}")
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"

    import django

    django.setup()
    from cases_scale_data import county_plan, load
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from xxgk.apps.reports import clock
    from xxgk.apps.reports.county import county_view
    from xxgk.apps.units.models import Membership, Unit
    from xxgk.apps.workcalendar.selectors import load_calendar

    clock.today = lambda: TODAY  # the page's "today": February, after the 31 January due date
    county = county_plan(args.units, args.cases, min(100_000, args.cases), TODAY)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = round(time.perf_counter() - start, 1)
    _log(f"{args.child}: generating {county.units} units and {county.cases} cases")
    start = time.perf_counter()
    counts = load(connection, county)
    timings["load_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    mix = _reports(args.year)
    timings["reports_s"] = round(time.perf_counter() - start, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _log(f"{args.child}: loaded in {timings}; reports {mix}; measuring")
    root = Unit.objects.get(pk=1)
    calendar = load_calendar()
    user, _ = get_user_model().objects.get_or_create(username="bench_supervisor", defaults={"is_active": True})
    Membership.objects.get_or_create(user=user, unit=root, role="unit_admin", is_supervisor=True)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = f"/reports/county/{root.pk}/{args.year}/"
    results: dict[str, Any] = {}
    view = county_view(unit=root, year=args.year, today=TODAY, calendar=calendar)
    results["county_view_selector"] = _timed(
        lambda: county_view(unit=root, year=args.year, today=TODAY, calendar=calendar), args.runs
    )
    with CaptureQueriesContext(connection) as queries:
        county_view(unit=root, year=args.year, today=TODAY, calendar=calendar)
    results["county_view_selector"]["queries"] = len(queries)
    results["county_view_page"] = _timed(lambda: client.get(url), args.runs)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    statuses = {}
    for row in view.rows:
        statuses[row.status] = statuses.get(row.status, 0) + 1
    results["county_view_page"]["bytes"] = len(response.content)
    connection.close()
    if args.child == "postgres":
        _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_NAME}")
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "counts": counts,
        "units_listed": len(view.rows),
        "statuses": statuses,
        "summary_new_received": view.summary.cell("t3.new_received.total").value,
        "timings": timings,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "results": results,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on the chosen databases and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="OUT")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args), default=str))
        return 0
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    base = ["--cases", str(args.cases), "--units", str(args.units), "--year", str(args.year)]
    base += ["--runs", str(args.runs), "--pg-url", args.pg_url]
    runs = {}
    for db in dbs:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), *base, "--child", db],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"{db} 基准测试失败（退出码 {proc.returncode}）。")
        runs[db] = json.loads(proc.stdout.strip().splitlines()[-1])
    info = machine()
    print(f"机器：{info['cpu']}，{info['cores']} 核，内存 {info['ram_gib']} GiB")
    for db, run in runs.items():
        print(f"\n== {db}: {run['counts']}，列出 {run['units_listed']} 个单位 {run['statuses']}")
        print(f"   {run['timings']}，1 分钟平均负载 {run['load_average_1min']}")
        for name, result in run["results"].items():
            verdict = "OK" if result["median_ms"] < TARGET_MS else "MISSED"
            print(
                f"   {name:<24} median {result['median_ms']:>8.1f} ms  max {result['max_ms']:>8.1f} ms  "
                f"CPU {result['cpu_median_ms']:>8.1f} ms  {verdict}"
            )
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "runs": runs}, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
