"""``xxgk stats import FILE``: table 二's decision counts and fees per unit and year (all rows or none)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xxgk.commands.cases import _setup_django

__all__ = ["register"]


def _import(args: argparse.Namespace) -> int:
    """Import figures; exit 2 naming every refused line."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    _setup_django()
    from xxgk.apps.catalogue.importing import CatalogueFileError, read_catalogue_file
    from xxgk.apps.catalogue.services.figures import figures_import
    from xxgk.apps.units.models import Unit
    from xxgk.core.catalogue.figures import parse_figures

    try:
        table = read_catalogue_file(path)
    except CatalogueFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    units = set(Unit.objects.values_list("name", flat=True))
    result = parse_figures(table.headers, table.records, units=units, source=f"导入文件 {path.name}")
    if not result.ok:
        print(f"错误：{path.name} 未导入任何数据，请改正以下问题后重新导入：", file=sys.stderr)
        for error in result.header_errors:
            print(f"  第1行（表头）：{error}", file=sys.stderr)
        for line, errors in result.refused:
            print(f"  第{line}行：{'；'.join(errors)}", file=sys.stderr)
        return 2
    saved = figures_import(actor=None, rows=result.rows)
    print(f"已导入 {len(saved)} 条表二数据（行政许可、行政处罚、行政强制、行政事业性收费）。")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``xxgk stats`` with ``import``."""
    parser = subparsers.add_parser(
        "stats", help="年度报告表二数据（行政许可、处罚、强制、收费）", description="表二数据。"
    )
    sub = parser.add_subparsers(dest="stats_command", metavar="SUBCOMMAND", required=True)
    p = sub.add_parser("import", help="导入各单位各年度的表二数据（CSV 或 XLSX），全部导入或全部不导入")
    p.add_argument("file", help="表头：单位,年度,行政许可,行政处罚,行政强制,行政事业性收费（可加“数据来源”列）")
    p.set_defaults(func=_import)
