"""The case commands: ``xxgk cases import`` / ``xxgk cases export``, and ``report build`` from cases.

``add_build_parser(report_subparsers)`` and ``build_command(args)`` are meant to be
hooked into ``xxgk report`` (owned by the report commands).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_build_parser", "add_import_parser", "build_command", "import_command", "register"]

log = logging.getLogger(__name__)
BUILD_FORMATS = ("html", "docx", "pdf", "md", "txt", "json", "cells")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _unit(name: str) -> Any:
    from xxgk.apps.units.models import Unit

    unit = Unit.objects.filter(name=name.strip()).first()
    if unit is None:
        print(f"错误：找不到单位“{name}”（请使用单位全称）。", file=sys.stderr)
    return unit


def _import(args: argparse.Namespace) -> int:
    """Import a ledger atomically; exit 2 naming every refused line."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    _setup_django()
    from xxgk.apps.cases.ledger import (
        LedgerConflict,
        LedgerFileError,
        case_import_ledger,
        read_ledger_file,
        validate_ledger,
    )
    from xxgk.apps.workcalendar.selectors import load_calendar
    from xxgk.core.cases.ledger import FLAG_LABELS

    unit = _unit(args.unit)
    if unit is None:
        return 2
    try:
        table = read_ledger_file(path)
    except LedgerFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    result = validate_ledger(unit, table, calendar=load_calendar(), today=dt.date.today())
    if not result.ok:
        print(f"错误：{path.name} 未导入任何案件，请改正以下问题后重新导入：", file=sys.stderr)
        for error in result.header_errors:
            print(f"  第1行（表头）：{error}", file=sys.stderr)
        for row in result.refused:
            print(f"  第{row.line}行：{'；'.join(row.errors)}", file=sys.stderr)
        log.warning("ledger import refused: %d bad rows in %s", len(result.refused), path)
        return 2
    try:
        cases = case_import_ledger(actor=None, unit=unit, rows=result.rows)
    except LedgerConflict as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"已导入 {len(cases)} 件申请到“{unit.name}”。")
    for row in result.rows:
        if row.flags and row.row is not None:
            flags = "、".join(FLAG_LABELS[f] for f in row.flags)
            print(f"  第{row.line}行 编号 {row.row.number}：{flags}（法定答复期限 {row.due_on}）")
    return 0


def _export(args: argparse.Namespace) -> int:
    """Export a unit's cases as a ledger, personal data masked."""
    _setup_django()
    from xxgk.apps.cases.ledger import export_cases, write_ledger

    unit = _unit(args.unit)
    if unit is None:
        return 2
    records = export_cases(unit, args.year)
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() not in (".csv", ".xlsx"):
            print("错误：导出文件的扩展名应为 .csv 或 .xlsx。", file=sys.stderr)
            return 2
        write_ledger(records, out, xlsx=out.suffix.lower() == ".xlsx")
        print(f"已导出 {len(records)} 件申请到 {out}", file=sys.stderr)
    else:
        write_ledger(records, sys.stdout)
    return 0


def build_command(args: argparse.Namespace) -> int:
    """Write the whole annual report of a unit and year (the frozen version once submitted), or the summary."""
    if args.to not in BUILD_FORMATS:
        print(f"错误：不支持的输出格式“{args.to}”，可选：{'、'.join(BUILD_FORMATS)}。", file=sys.stderr)
        return 2
    _setup_django()
    from xxgk.apps.reports.selectors import aggregate_report, report_build
    from xxgk.documents.write import render

    unit = _unit(args.unit)
    if unit is None:
        return 2
    if getattr(args, "aggregate", False):
        report, units = aggregate_report(unit, args.year)
        print(f"汇总了 {len(units)} 个单位：{'、'.join(u.name for u in units)}", file=sys.stderr)
    else:
        report = report_build(unit=unit, year=args.year)
    data = render(report, args.to)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"已生成 {args.output}", file=sys.stderr)
    elif args.to in ("docx", "pdf"):
        print(f"错误：{args.to} 是二进制格式，请用 -o 指定输出文件。", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def add_build_parser(report_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``build`` to the ``xxgk report`` sub-commands."""
    p = report_subparsers.add_parser(
        "build",
        help="生成完整的年度报告（六个部分、三张表）",
        description="按单位和年度生成完整的年度报告：已提交的报告输出冻结的版本，否则输出工作区当前内容。",
    )
    p.add_argument("--unit", required=True, help="单位全称")
    p.add_argument("--year", required=True, type=int, help="报告年度")
    p.add_argument("--to", required=True, choices=BUILD_FORMATS, help="输出格式")
    p.add_argument(
        "--aggregate", action="store_true", help="汇总本单位及全部下级单位的报告（表二、表三、表四逐格相加）"
    )
    p.add_argument("-o", "--output", help="输出文件（缺省为标准输出，docx/pdf 必须指定）")
    p.set_defaults(func=build_command)
    return p


def import_command(args: argparse.Namespace) -> int:
    """Store a unit's earlier published report read from a file; nothing is stored from an unreadable file."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    _setup_django()
    from xxgk.apps.reports.services import ReportRefused, read_upload, report_import
    from xxgk.commands.report_output import Palette, text_report
    from xxgk.core.report.rules import check

    unit = _unit(args.unit)
    if unit is None:
        return 2
    try:
        report = read_upload(path.read_bytes(), path.name)
        version = report_import(unit=unit, year=args.year, report=report, source_name=path.name)
    except ReportRefused as exc:
        print(f"错误：{path.name}：{exc.message_zh}", file=sys.stderr)
        log.warning("report import refused: %s", exc)
        return 2
    print(text_report(str(path), report, check(report), None, Palette(False)))
    print(f"已导入为“{unit.name}”{args.year}年度报告（第{version.number}版）。")
    return 0


def add_import_parser(report_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``import`` to the ``xxgk report`` sub-commands."""
    p = report_subparsers.add_parser(
        "import",
        help="导入本单位以往已公布的年度报告（用于跨年核对）",
        description="读取以往已公布的年度报告文件（TXT、HTML、Markdown、DOCX、PDF 或 JSON），存为该单位该年度的报告。",
    )
    p.add_argument("file", metavar="FILE", help="年度报告文件")
    p.add_argument("--unit", required=True, help="单位全称")
    p.add_argument("--year", required=True, type=int, help="报告年度")
    p.set_defaults(func=import_command)
    return p


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``xxgk cases`` with ``import`` and ``export``."""
    parser = subparsers.add_parser("cases", help="依申请公开案件台账的导入与导出", description="依申请公开案件台账。")
    sub = parser.add_subparsers(dest="cases_command", metavar="SUBCOMMAND", required=True)
    p = sub.add_parser("import", help="导入台账（CSV 或 XLSX），全部导入或全部不导入")
    p.add_argument("file", help="台账文件（.csv UTF-8/GBK，或 .xlsx）")
    p.add_argument("--unit", required=True, help="单位全称")
    p.set_defaults(func=_import)
    p = sub.add_parser("export", help="导出台账（个人信息已遮蔽）")
    p.add_argument("--unit", required=True, help="单位全称")
    p.add_argument("--year", type=int, help="只导出该年度收到的申请")
    p.add_argument("-o", "--output", help="输出文件（.csv 或 .xlsx；缺省为标准输出 CSV）")
    p.set_defaults(func=_export)
