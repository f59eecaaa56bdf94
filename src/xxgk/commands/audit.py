"""``xxgk report audit``: read and check every report under files, folders and ZIP archives, in parallel.

Writes one row per file to CSV, XLSX or an HTML dashboard (by the output's
extension; CSV on standard output without ``-o``). With ``-o`` the finished rows
are kept in ``OUT.state.jsonl`` as they finish, so the same command run again
after an interruption reads only the files it had not finished; the state file
is removed when the audit completes (``--keep-state`` keeps it).

Exit status: 0 when no report has an error, 1 when any has, 2 when a file
could not be read or an input is unusable (the worst wins).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_audit_parser", "run_audit_command"]

OK, ERRORS_FOUND, UNREADABLE = 0, 1, 2
_WRITERS = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


def add_audit_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="批量核查目录、文件和 ZIP 压缩包中的年度报告",
        description="批量读取并检查年度报告：每个文件一行（单位、年度、读取方式、错误、警告、无法评估、不通过的规则）。"
        "中断后用同一命令重新运行，已完成的文件不再读取。",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="年度报告文件、目录或 ZIP 压缩包")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="输出文件：.csv、.xlsx 或 .html（看板）；省略时 CSV 写到标准输出"
    )
    p.add_argument("--workers", type=int, default=1, metavar="N", help="并行进程数（默认 1）")
    p.add_argument("--state", metavar="FILE", help="续查状态文件（默认 OUT.state.jsonl）")
    p.add_argument("--keep-state", action="store_true", help="核查完成后保留状态文件")
    p.set_defaults(func=run_audit_command)


def run_audit_command(args: argparse.Namespace) -> int:
    from xxgk.apps.reports.audit_output import audit_csv, audit_html, audit_xlsx
    from xxgk.commands.report_output import Progress
    from xxgk.documents.audit import AuditError, collect, run_audit

    kind = "csv"
    if args.output:
        kind = _WRITERS.get(Path(args.output).suffix.lower(), "")
        if not kind:
            print("xxgk: 无法从扩展名判断输出格式，请使用 .csv、.xlsx 或 .html。", file=sys.stderr)
            return UNREADABLE
    if not 1 <= args.workers <= 64:
        print("xxgk: --workers 应在 1 到 64 之间。", file=sys.stderr)
        return UNREADABLE
    state = Path(args.state) if args.state else (Path(args.output + ".state.jsonl") if args.output else None)
    try:
        sources = collect(args.paths)
    except AuditError as exc:
        print(f"xxgk: {exc.message_zh}", file=sys.stderr)
        return UNREADABLE
    if not sources:
        print("xxgk: 没有找到可核查的报告文件（PDF、DOCX、HTML、TXT、Markdown、JSON、PNG、JPEG）。", file=sys.stderr)
        return UNREADABLE
    bar = Progress(len(sources), label="核查中")
    try:
        run = run_audit(
            sources, workers=args.workers, state=state, progress=lambda done, total, name: bar.step(done, name)
        )
    except KeyboardInterrupt:
        bar.close()
        where = f"；用同一命令重新运行即可从中断处继续（状态文件 {state}）" if state else ""
        print(f"xxgk: 核查已中断{where}。", file=sys.stderr)
        return 130
    bar.close()
    data = {"csv": audit_csv, "xlsx": audit_xlsx, "html": audit_html}[kind](run.rows)
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            print(f"xxgk: 无法写入输出文件：{exc.strerror or exc}。", file=sys.stderr)
            return UNREADABLE
        if state is not None and state.exists() and not args.keep_state and not args.state:
            state.unlink()
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
    unreadable = sum(1 for r in run.rows if r.read_error)
    failing = sum(1 for r in run.rows if r.errors)
    reused = f"（其中 {run.reused} 个沿用上次中断前的结果）" if run.reused else ""
    print(
        f"已核查 {len(run.rows)} 个文件{reused}：{failing} 个有错误，{unreadable} 个无法读取。"
        + (f"结果已写入 {args.output}。" if args.output else ""),
        file=sys.stderr,
    )
    return UNREADABLE if unreadable else ERRORS_FOUND if failing else OK
