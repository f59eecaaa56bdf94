"""``xxgk report``: check annual reports against the rules, export them, start a blank one.

Exit status of ``check``: 0 when no error-severity rule fails (warnings do not
count), 1 when any does, 2 when a file cannot be read; with several files the
worst. ``export`` and ``new`` exit 0 on success and 2 when they cannot read or
write a file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from xxgk.commands.report_output import Palette, Progress, file_json, text_report, unreadable_json, use_colour
from xxgk.core.report.model import Report
from xxgk.core.report.rules import check, has_errors

__all__ = ["register"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # English log records only when the caller configures logging (-v)

OK, ERRORS_FOUND, UNREADABLE = 0, 1, 2
_FORMATS = ("html", "docx", "pdf", "md", "txt", "json", "cells")
_BINARY = frozenset({"docx", "pdf"})
_UNEXPECTED_ZH = "读取时发生意外错误，无法检查该文件。"
_DESCRIPTION = """政府信息公开工作年度报告：检查（check）、导出（export）、新建（new）、由案件生成（build）。

check 的退出状态：0 = 没有错误（警告不影响），1 = 至少一项错误规则不成立，
2 = 有文件无法读取；检查多个文件时取最严重者。export、new 成功为 0，无法读写文件为 2。
说明见 docs/cli.md，规则见 docs/rules.md。"""


class CommandError(Exception):
    """A failure the command reports in Chinese (``message_zh``) and logs in English (``reason``)."""

    def __init__(self, message_zh: str, reason: str) -> None:
        super().__init__(reason)
        self.message_zh = message_zh
        self.reason = reason


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``xxgk report`` with its sub-commands check, export and new."""
    parser = subparsers.add_parser(
        "report",
        help="政府信息公开工作年度报告：检查、导出、新建",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True)

    p = sub.add_parser(
        "check", help="按规则检查年度报告", description="检查一个或多个年度报告，列出错误、警告和无法核对的项目。"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="年度报告文件（TXT、HTML、Markdown、DOCX、PDF 或 JSON）")
    p.add_argument("--previous", metavar="FILE", help="同一单位上一年度的报告，用于跨年核对（X-CARRY、X-IN-FORCE）")
    p.add_argument("--json", action="store_true", help="以 JSON 数组输出结果（格式见 docs/check-json.md）")
    p.add_argument("-v", "--verbose", action="store_true", help="在标准错误输出英文日志")
    p.set_defaults(func=run_check)

    p = sub.add_parser("export", help="读取报告并导出为其他格式", description="读取年度报告，按官方版式导出。")
    p.add_argument("file", metavar="FILE", help="年度报告文件")
    p.add_argument("--to", required=True, choices=_FORMATS, help="输出格式")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件；文本格式省略时写到标准输出")
    p.set_defaults(func=run_export)

    p = sub.add_parser("new", help="新建一份空白年度报告（各格为 0）", description="新建一份待填写的空白年度报告。")
    p.add_argument("--unit", required=True, help="单位名称，如 勍香镇")
    p.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件，格式按扩展名（默认 .json）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run_new)

    from xxgk.commands.audit import add_audit_parser
    from xxgk.commands.cases import add_build_parser, add_import_parser

    add_build_parser(sub)
    add_import_parser(sub)
    add_audit_parser(sub)


def _read(path: str) -> Report:
    """Read a report; every failure becomes a CommandError with a Chinese message, never a traceback."""
    from xxgk.documents.errors import ReadError
    from xxgk.documents.read import read_report

    try:
        return read_report(path)
    except ReadError as exc:
        raise CommandError(exc.message_zh, exc.reason) from exc
    except FileNotFoundError as exc:
        raise CommandError("文件不存在。", f"file not found: {exc}") from exc
    except IsADirectoryError as exc:
        raise CommandError("这是一个目录，不是文件。", f"is a directory: {exc}") from exc
    except PermissionError as exc:
        raise CommandError("没有读取该文件的权限。", f"permission denied: {exc}") from exc
    except Exception as exc:  # an unexpected reader failure must not end in a traceback
        raise CommandError(_UNEXPECTED_ZH, f"unexpected {type(exc).__name__}: {exc}") from exc


def _complain(path: str, error: CommandError) -> None:
    print(f"xxgk: {path}：{error.message_zh}", file=sys.stderr)
    log.error("%s: %s", path, error.reason)


def run_check(args: argparse.Namespace) -> int:
    """``xxgk report check``: per file a summary (or JSON); the exit status is the worst file's."""
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    previous = None
    if args.previous:
        try:
            previous = _read(args.previous)
        except CommandError as error:
            _complain(args.previous, error)
            return UNREADABLE
    colours = Palette(not args.json and use_colour(sys.stdout))
    progress = Progress(len(args.files))
    worst, objects = OK, []
    for done, path in enumerate(args.files, 1):
        status, shown = _check_one(path, previous, args, colours)
        worst = max(worst, status)
        if args.json:
            objects.append(shown)
        progress.step(done, path)
        if not args.json and shown is not None:
            progress.close()
            print(shown, end="\n\n" if done < len(args.files) else "\n")
    progress.close()
    if args.json:
        print(json.dumps(objects, ensure_ascii=False, indent=2))
    return worst


def _check_one(path: str, previous: Report | None, args: argparse.Namespace, colours: Palette) -> tuple[int, object]:
    """Check one file: its exit status and what to show (text, a JSON object, or None)."""
    try:
        report = _read(path)
        results = check(report, previous)
    except CommandError as error:
        _complain(path, error)
        return UNREADABLE, unreadable_json(path, error.message_zh, error.reason) if args.json else None
    except Exception as exc:  # a rule must never crash the whole run either
        error = CommandError(_UNEXPECTED_ZH, f"unexpected {type(exc).__name__} while checking: {exc}")
        _complain(path, error)
        return UNREADABLE, unreadable_json(path, error.message_zh, error.reason) if args.json else None
    log.info("%s: %d results, errors=%s", path, len(results), has_errors(results))
    status = ERRORS_FOUND if has_errors(results) else OK
    if args.json:
        return status, file_json(path, report, results, args.previous)
    return status, text_report(path, report, results, previous, colours)


def _write(path: str, data: bytes, force: bool = True) -> None:
    target = Path(path)
    if not force and target.exists():
        raise CommandError("输出文件已存在；如需覆盖请加 --force。", f"output exists: {path}")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"无法写入输出文件：{exc.strerror or exc}。", f"cannot write {path}: {exc}") from exc


def _render(report: Report, fmt: str) -> bytes:
    from xxgk.documents.write import render

    try:
        return render(report, fmt)
    except Exception as exc:  # a writer failure is reported, not dumped as a traceback
        raise CommandError(
            f"生成{fmt}格式时出错，未能导出。", f"render {fmt} failed: {type(exc).__name__}: {exc}"
        ) from exc


def run_export(args: argparse.Namespace) -> int:
    """``xxgk report export``: read a report and write it in another format."""
    if args.to in _BINARY and not args.output:
        print(f"xxgk: {args.to} 是二进制格式，不能写到终端，请用 -o 指定输出文件。", file=sys.stderr)
        return UNREADABLE
    try:
        data = _render(_read(args.file), args.to)
        if args.output:
            _write(args.output, data)
        else:
            sys.stdout.write(data.decode("utf-8"))
    except CommandError as error:
        _complain(args.output if error.reason.startswith("cannot write") else args.file, error)
        return UNREADABLE
    return OK


def _format_of(path: str) -> str | None:
    from xxgk.documents.write import EXTENSIONS

    name = path.lower()
    for fmt, ext in sorted(EXTENSIONS.items(), key=lambda item: -len(item[1])):
        if name.endswith(ext):
            return fmt
    return None


def run_new(args: argparse.Namespace) -> int:
    """``xxgk report new``: write a blank report (2021 format, every cell 0) to fill in."""
    from xxgk.documents.json_format import new_report
    from xxgk.documents.write import EXTENSIONS

    unit = args.unit.strip()
    if not unit:
        print("xxgk: 单位名称不能为空。", file=sys.stderr)
        return UNREADABLE
    if not 2008 <= args.year <= 2100:
        print(f"xxgk: 报告年度 {args.year} 不合理（条例自2008年施行）。", file=sys.stderr)
        return UNREADABLE
    fmt = _format_of(args.output)
    if fmt is None:
        known = "、".join(EXTENSIONS.values())
        print(f"xxgk: 无法从扩展名判断输出格式，请使用 {known}。", file=sys.stderr)
        return UNREADABLE
    try:
        _write(args.output, _render(new_report(unit, args.year), fmt), force=args.force)
    except CommandError as error:
        _complain(args.output, error)
        return UNREADABLE
    print(f"已新建 {unit}{args.year}年度空白报告：{args.output}", file=sys.stderr)
    return OK
