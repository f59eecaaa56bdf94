"""``xxgk catalogue``: import a unit's catalogue, run the pre-publication scan, publish what is due.

Other modules add sub-commands to the group: every module named in
``SUBCOMMAND_MODULES`` that exists exposes ``register(catalogue_subparsers)``
(for example ``xxgk.commands.catalogue_search`` adds ``search``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from xxgk.commands.cases import _setup_django, _unit

__all__ = ["SUBCOMMAND_MODULES", "register"]

SUBCOMMAND_MODULES = ("xxgk.commands.catalogue_search",)
MAX_SCAN_BYTES = 50 * 1024 * 1024


def _import(args: argparse.Namespace) -> int:
    """Import a catalogue file whole or not at all; print the scan's findings of published entries."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    _setup_django()
    from xxgk.apps.catalogue.importing import CatalogueFileError, catalogue_import, read_catalogue_file, validate

    unit = _unit(args.unit)
    if unit is None:
        return 2
    try:
        table = read_catalogue_file(path)
    except CatalogueFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    result = validate(table, publish=args.publish)
    if not result.ok:
        print(f"错误：{path.name} 未导入任何条目，请改正以下问题后重新导入：", file=sys.stderr)
        for error in result.header_errors:
            print(f"  第1行（表头）：{error}", file=sys.stderr)
        for line, errors in result.refused:
            print(f"  第{line}行：{'；'.join(errors)}", file=sys.stderr)
        return 2
    imported = catalogue_import(actor=None, unit=unit, rows=result.rows, publish=args.publish)
    done = "导入并发布" if args.publish else "导入（草稿）"
    print(f"已{done} {len(imported.entries)} 条目录到“{unit.name}”。")
    if imported.findings:
        print(f"发布前检查发现 {len(imported.findings)} 处需要注意的内容（已随导入确认，请核对）：")
        for line, kind, place, excerpt in imported.findings:
            print(f"  第{line}行 {place}：{kind} {excerpt}")
    return 0


def _scan(args: argparse.Namespace) -> int:
    """The pre-publication scan of files: exit 0 when nothing is found, 1 when something is, 2 when unreadable."""
    from xxgk.core.catalogue.scan import TextPart, scan_parts
    from xxgk.documents.errors import ReadError
    from xxgk.documents.extract import extract_text

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_SCAN_BYTES:
                raise ReadError("file too large", f"文件超过{MAX_SCAN_BYTES // (1024 * 1024)}MB。")
            extracted = extract_text(path.read_bytes())
        except OSError as exc:
            print(f"{name}：无法读取（{exc.strerror or exc}）", file=sys.stderr)
            status = 2
            continue
        except ReadError as exc:
            print(f"{name}：无法读取（{exc.message_zh}）", file=sys.stderr)
            status = 2
            continue
        if extracted.kind == "image":
            print(f"{name}：图片没有文字层，未检查。", file=sys.stderr)
        findings = scan_parts(TextPart(place, text) for place, text in extracted.parts)
        if not findings:
            print(f"{name}：未发现需要注意的内容。")
            continue
        status = max(status, 1)
        print(f"{name}：发现 {len(findings)} 处需要注意的内容：")
        for finding in findings:
            print(f"  {finding.place}：{finding.kind.value} {finding.masked}")
    return status


def _publish_due(args: argparse.Namespace) -> int:
    """Publish every scheduled version whose time has come."""
    _setup_django()
    from xxgk.apps.catalogue.services import publish_due

    published = publish_due()
    for version in published:
        print(f"已定时发布：{version.entry.index_number} {version.title}")
    if not published:
        print("没有到时需要发布的信息。")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``xxgk catalogue`` with ``import``, ``scan`` and ``publish-due`` (and any registered extras)."""
    parser = subparsers.add_parser(
        "catalogue", help="主动公开目录：导入、发布前检查、定时发布", description="主动公开目录。"
    )
    sub = parser.add_subparsers(dest="catalogue_command", metavar="SUBCOMMAND", required=True)
    p = sub.add_parser("import", help="导入单位已有的目录（CSV 或 XLSX），全部导入或全部不导入")
    p.add_argument("file", help="目录文件（.csv UTF-8/GBK，或 .xlsx）")
    p.add_argument("--unit", required=True, help="单位全称")
    p.add_argument("--publish", action="store_true", help="导入后按发布日期顺序发布并编制索引号")
    p.set_defaults(func=_import)
    p = sub.add_parser("scan", help="发布前检查：身份证号、手机号、银行卡号、电子邮箱、密级标志")
    p.add_argument("files", nargs="+", metavar="FILE", help="文本、HTML、DOCX、PDF 或 XLSX 文件")
    p.set_defaults(func=_scan)
    p = sub.add_parser("publish-due", help="发布到时的定时发布信息（供计划任务每隔几分钟运行）")
    p.set_defaults(func=_publish_due)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
