"""The platform commands: ``xxgk manage``, ``xxgk units import``, ``xxgk demo``, ``xxgk serve``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from xxgk.commands.database import open_database, setup_django

__all__ = ["register"]

log = logging.getLogger(__name__)


def _manage(args: argparse.Namespace) -> int:
    """Run any Django management command against the configured database."""
    problem = setup_django()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["xxgk manage", *args.rest])
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


def _units_import(args: argparse.Namespace) -> int:
    """Import units from a CSV/XLSX file; exit 2 and name every bad row if any row is bad."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    problem = open_database()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from xxgk.apps.units.importing import UnitsImportError, import_units

    try:
        result = import_units(path)
    except UnitsImportError as exc:
        print(f"错误：{path.name} 未导入任何单位，请改正以下问题后重新导入：", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        log.warning("units import refused: %d bad rows in %s", len(exc.errors), path)
        return 2
    print(
        f"已导入 {len(result.created)} 个单位" + (f"，跳过已存在的 {len(result.skipped)} 个" if result.skipped else "")
    )
    for name in result.created:
        print(f"  {name}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """Migrate, load the demo data (idempotent) and print the demo accounts."""
    problem = setup_django()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from django.conf import settings

    if settings.PRODUCTION:
        print("错误：生产模式（XXGK_PRODUCTION=1）下不能载入演示数据：演示账号的密码是公开的。", file=sys.stderr)
        log.warning("demo refused in production mode")
        return 1
    problem = open_database()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from xxgk.apps.units.demo import load_demo

    accounts = load_demo()
    print("演示数据已就绪。演示账号（仅供演示，请勿用于正式环境）：")
    rows = [("用户名", "密码", "单位", "角色")] + [(a.username, a.password, a.unit, a.role) for a in accounts]
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  " + "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip())
    print("启动：xxgk serve，然后在浏览器中打开 http://127.0.0.1:8000/")
    return 0


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _serve(args: argparse.Namespace) -> int:
    """Migrate if needed, collect static files and serve with waitress."""
    problem = open_database()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    import waitress

    from xxgk.web.wsgi import application

    mode = "生产模式" if settings.PRODUCTION else "开发模式（XXGK_DEBUG=1，勿用于正式环境）"
    print(f"政府信息公开工作平台：http://{args.host}:{args.port}/ （{mode}；按 Ctrl+C 停止）", flush=True)
    waitress.serve(application, **serve_options(args))
    return 0


def serve_options(args: argparse.Namespace) -> dict[str, object]:
    """waitress's settings from ``xxgk serve``'s arguments.

    With ``--trusted-proxy`` waitress takes the client address
    (X-Forwarded-For) and the scheme (X-Forwarded-Proto) from that proxy only,
    and removes those headers from requests of anybody else; without it they
    are never honoured. The body limit refuses larger requests before Django
    sees them.
    """
    options: dict[str, object] = {
        "host": args.host,
        "port": args.port,
        "threads": args.threads,
        "ident": "xxgk",
        "max_request_body_size": args.max_body_mb * 1024 * 1024,
        "clear_untrusted_proxy_headers": True,
    }
    if args.trusted_proxy:
        options.update(
            trusted_proxy=args.trusted_proxy,
            trusted_proxy_count=1,
            trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"},
        )
    return options


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``manage``, ``units``, ``demo`` and ``serve`` to the ``xxgk`` command."""
    manage = subparsers.add_parser(
        "manage", help="运行 Django 管理命令（如 migrate、createsuperuser、check --deploy）", add_help=False
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)

    units = subparsers.add_parser("units", help="单位管理")
    units_sub = units.add_subparsers(dest="units_command", metavar="SUBCOMMAND", required=True)
    imp = units_sub.add_parser("import", help="从 CSV（UTF-8/GBK）或 XLSX 导入单位：名称,简称,组织机构代码,类型,上级")
    imp.add_argument("file", help="CSV 或 XLSX 文件")
    imp.set_defaults(func=_units_import)

    demo = subparsers.add_parser("demo", help="建库并载入演示数据（可重复运行），列出演示账号")
    demo.set_defaults(func=_demo)

    serve = subparsers.add_parser("serve", help="启动网站（waitress）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--threads", type=int, default=8, help="工作线程数（默认 8）")
    serve.add_argument(
        "--trusted-proxy",
        default=os.environ.get("XXGK_TRUSTED_PROXY", ""),
        metavar="ADDRESS",
        help="终止 TLS 的反向代理的地址（如 127.0.0.1），只采信它发来的转发头（默认取 XXGK_TRUSTED_PROXY）",
    )
    serve.add_argument(
        "--max-body-mb",
        type=int,
        default=int(os.environ.get("XXGK_MAX_BODY_MB", "30")),
        help="单个请求体的上限，单位MB（默认 30，取 XXGK_MAX_BODY_MB）",
    )
    serve.set_defaults(func=_serve)
