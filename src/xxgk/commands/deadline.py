"""The ``xxgk deadline`` command: the statutory reply deadline of an application received on a date.

Uses the working-day calendar of the configured database (DATABASE_URL or the
default SQLite file), so that an entered State Council schedule counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys

from xxgk.commands.database import open_database

__all__ = ["register", "run"]

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``deadline`` sub-command."""
    parser = subparsers.add_parser(
        "deadline",
        help="计算依申请公开的答复期限（第N个工作日）",
        description="计算自某日起第N个工作日（不含当日）的答复期限，使用数据库中的工作日历（条例第三十三条）。",
    )
    parser.add_argument("start", metavar="FROM", help="收到申请的日期，格式 YYYY-MM-DD")
    parser.add_argument("--days", type=int, default=20, help="工作日数（默认20，条例第三十三条）")
    parser.add_argument("--explain", action="store_true", help="同时输出计算说明")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（含 due、provisional、explanation）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the deadline (first line ISO date), a provisional mark, and on request the explanation or JSON."""
    try:
        start = dt.date.fromisoformat(args.start)
    except ValueError:
        print(f"错误：日期“{args.start}”无法识别，格式应为 YYYY-MM-DD（例如 2026-09-18）。", file=sys.stderr)
        return 2
    if not 1 <= args.days <= 366:
        print(f"错误：工作日数应在1至366之间，不能是{args.days}。", file=sys.stderr)
        return 2
    problem = open_database(migrate=False, needs="workcalendar")
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from xxgk.apps.workcalendar.selectors import load_calendar
    from xxgk.core.calendar import ClockError, Received, UnsupportedYearError, compute_deadline, provisional_note

    try:
        deadline = compute_deadline([Received(start)], load_calendar(), days=args.days)
    except (ClockError, UnsupportedYearError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(deadline.due.isoformat())
    if deadline.provisional:
        print(provisional_note(deadline.provisional_years))
    if args.explain:
        print(deadline.explanation())
    return 0
