"""``xxgk catalogue search`` and ``xxgk catalogue reindex``: the full-text search from the command line.

These are sub-commands of the ``catalogue`` command group: its module
(``xxgk.commands.catalogue``) calls ``register`` with the group's sub-parsers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from xxgk.commands.database import open_database

__all__ = ["register"]

MAX_LIMIT = 100


def register(catalogue_subparsers: Any) -> None:
    """Add ``search`` and ``reindex`` to the sub-parsers of the ``catalogue`` command group."""
    search = catalogue_subparsers.add_parser(
        "search",
        help="全文检索已发布的目录条目（名称、正文和附件文字），按相关度排序",
        description="全文检索已发布的目录条目。多个词之间为“并且”关系。",
    )
    search.add_argument("query", metavar="QUERY", help="检索词，如“危房改造 鉴定”")
    search.add_argument("--unit", metavar="NAME", help="只检索该单位（单位全称）")
    search.add_argument("--limit", type=int, default=20, help=f"最多输出多少条（1–{MAX_LIMIT}，默认20）")
    search.add_argument(
        "--json", action="store_true", help="以 JSON 输出（列表，每条含 index_number、title、unit、published_on）"
    )
    search.set_defaults(func=_search)
    reindex = catalogue_subparsers.add_parser("reindex", help="按目录重建全文检索索引")
    reindex.add_argument("--unit", metavar="NAME", help="只重建该单位（单位全称）")
    reindex.set_defaults(func=_reindex)


def _unit(name: str | None) -> tuple[Any, str | None]:
    if not name:
        return None, None
    from xxgk.apps.units.models import Unit

    unit = Unit.objects.filter(name=name.strip()).first()
    return unit, None if unit is not None else f"错误：找不到单位“{name}”（请使用单位全称）。"


def _search(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= MAX_LIMIT:
        print(f"错误：--limit 应在1到{MAX_LIMIT}之间。", file=sys.stderr)
        return 2
    problem = open_database(migrate=False, needs="public")
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 2
    from xxgk.apps.public.search import SearchFilters, catalogue_search

    unit, problem = _unit(args.unit)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    filters = SearchFilters(unit_ids=(unit.pk,) if unit is not None else None)
    result = catalogue_search(args.query, filters=filters, limit=args.limit)
    rows = [_row(hit) for hit in result.hits]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not result.query:
        print("检索词中没有可检索的字词。", file=sys.stderr)
        return 2
    if not rows:
        print("没有找到符合条件的已发布信息。")
        return 0
    if result.total_capped:
        print(f"找到 {result.total - 1} 条以上，按发布日期由近及远显示前 {len(rows)} 条：")
    else:
        print(f"共找到 {result.total} 条，按相关度显示前 {len(rows)} 条：")
    for row in rows:
        print(f"{row['index_number']}\t{row['published_on'] or ''}\t{row['unit']}\t{row['title']}")
    return 0


def _row(hit: Any) -> dict[str, Any]:
    document = hit.document
    published: dt.date | None = document.published_on
    return {
        "index_number": document.index_number,
        "title": document.title,
        "unit": document.unit.name,
        "published_on": published.isoformat() if published else None,
        "doc_number": document.doc_number,
        "theme": document.theme,
        "validity": document.validity,
        "path": f"/gk/{document.unit_id}/item/{document.entry_id}/",
        "score": round(hit.score, 6),
    }


def _reindex(args: argparse.Namespace) -> int:
    problem = open_database(migrate=False, needs="public")
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 2
    from xxgk.apps.public.index import search_index_rebuild

    unit, problem = _unit(args.unit)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    count = search_index_rebuild(unit=unit)
    where = f"“{unit.name}”的" if unit is not None else ""
    print(f"已重建{where}全文检索索引：{count} 条目录条目。")
    return 0
