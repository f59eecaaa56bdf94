"""Benchmark: Chinese full-text search over 1,000,000 published entries, and the public item page.

Usage:
  .venv/bin/python benchmarks/search_scale.py --db sqlite|postgres [--rows 1000000] [--queries 300]
      [--body-words 60] [--sqlite-path FILE] [--pg-url URL] [--reuse] [--json OUT]

The search index table (``public_searchdocument``) is filled in bulk with
generated documents — titles and bodies drawn from jieba's own dictionary
with its word frequencies, already segmented, so the engine indexes the same
kind of words a real catalogue gives it — straight into the database: SQLite
through executemany with the FTS5 triggers dropped and the FTS index built
once ("rebuild"), PostgreSQL through COPY with the GIN index created after the
load. ``--reuse`` measures an index already filled by an earlier run.

Then it measures, after warm-up:

- ``catalogue_search`` (what the search page, the staff search and
  ``xxgk catalogue search`` call: the engine's ranked match, the count, the
  fetch of the page of documents, the snippets) for one-word and two-word
  queries taken from random documents, some with a unit or year filter;
- the public search page ``/search/?q=…`` through Django's test client;
- the public item page ``/gk/<unit>/item/<id>/`` of real catalogue entries
  (with attachments and a correction) through Django's test client.

Targets (issue 7): search p95 < 200 ms; item page p95 < 100 ms. Exit 0 when
both are met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from cases_scale import machine  # noqa: E402 -- the benchmarks share one description of the machine

TARGETS_MS = {"search": 200.0, "item_page": 100.0}
UNITS = 20
THEMES = ("综合政务", "财政、金融、审计", "农业、林业、水利", "城乡建设、环境保护", "民政、扶贫、救灾", "卫生、体育")
KINDS = ("其他", "其他", "其他", "行政规范性文件", "规章")
VALIDITY = ("有效", "有效", "有效", "失效", "废止")
SEED = 20261205


def _vocabulary(size: int = 30_000) -> tuple[list[str], list[float]]:
    """The ``size`` most frequent multi-character words of jieba's dictionary and cumulative weights."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    words = sorted(
        ((w, f) for w, f in jieba.dt.FREQ.items() if f > 0 and len(w) >= 2 and w.isalpha()),
        key=lambda wf: -wf[1],
    )[:size]
    cumulative: list[float] = []
    total = 0.0
    for _w, f in words:
        total += f**0.75  # flatter than raw frequencies, closer to official prose
        cumulative.append(total)
    return [w for w, _f in words], cumulative


class Generator:
    """Deterministic documents: title, body, filters, as rows of the index table.

    Text is a sequence of dictionary words; the stored words are each word's
    own search-mode segmentation, as ``xxgk.core.fulltext.index_tokens`` gives.
    """

    def __init__(self, body_words: int) -> None:
        from xxgk.core.fulltext import index_tokens

        self.words, self.cumulative = _vocabulary()
        # each word as the indexer stores it (search mode adds its sub-words), computed once per word
        self.tokens = {word: index_tokens(word) for word in self.words}
        self.random = random.Random(SEED)
        self.body_words = body_words

    def sample(self, k: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=k)

    def row(self, n: int, unit_ids: list[int]) -> tuple[Any, ...]:
        title = self.sample(8)
        body = self.sample(self.body_words)
        published = dt.date(2015, 1, 1) + dt.timedelta(days=n % 4000)
        unit = unit_ids[n % len(unit_ids)]
        return (
            n + 1,  # entry_id
            unit,
            f"{unit:09d}/{published.year}-{n % 99999 + 1:05d}",
            "".join(title)[:300],
            f"示政发〔{published.year}〕{n % 300 + 1}号",
            published.isoformat(),
            published.year,
            THEMES[n % len(THEMES)],
            KINDS[n % len(KINDS)],
            VALIDITY[n % len(VALIDITY)],
            "20.1",
            n % 50 != 0,  # 2 % withdrawn
            "" if n % 50 else "撤回",
            "".join(body),
            " ".join(self.tokens[w] for w in title),
            " ".join(self.tokens[w] for w in body),
            dt.datetime(2026, 1, 1, tzinfo=dt.UTC).isoformat(),
        )


COLUMNS = (
    "entry_id",
    "unit_id",
    "index_number",
    "title",
    "doc_number",
    "published_on",
    "year",
    "theme",
    "kind",
    "validity",
    "item",
    "is_public",
    "withdrawal_reason",
    "text",
    "title_tokens",
    "body_tokens",
    "indexed_at",
)


def _setup(db: str, args: argparse.Namespace) -> None:
    if db == "sqlite":
        path = Path(args.sqlite_path or Path(tempfile.mkdtemp(prefix="xxgk-search-")) / "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        os.environ.setdefault("XXGK_DATA_DIR", str(path.parent))
    else:
        os.environ["DATABASE_URL"] = args.pg_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.web.settings"
    os.environ["XXGK_LOG_LEVEL"] = "ERROR"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0, interactive=False)


def _units() -> list[Any]:
    from xxgk.apps.units.models import Unit
    from xxgk.core.units import org_code_check_digit

    units = []
    for i in range(UNITS):
        body = f"{77000000 + i:08d}"
        unit, _ = Unit.objects.get_or_create(
            name=f"基准测试{i}镇人民政府",
            defaults={"org_code": body + org_code_check_digit(body), "kind": "人民政府", "short_name": f"基准{i}镇"},
        )
        units.append(unit)
    return units


def _load(db: str, rows: int, body_words: int, unit_ids: list[int]) -> float:
    """Fill the index table with ``rows`` generated documents; returns the seconds taken."""
    from django.db import connection

    generator = Generator(body_words)
    started = time.perf_counter()
    batch = 20_000
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM public_searchdocument")
    if db == "sqlite":
        raw: sqlite3.Connection = connection.connection
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-400000")
        for trigger in ("public_search_ai", "public_search_ad", "public_search_au"):
            raw.execute(f"DROP TRIGGER IF EXISTS {trigger}")  # put back by _sqlite_triggers below
        placeholders = ", ".join("?" * len(COLUMNS))
        sql = f"INSERT INTO public_searchdocument ({', '.join(COLUMNS)}) VALUES ({placeholders})"
        for start in range(0, rows, batch):
            raw.executemany(sql, (generator.row(n, unit_ids) for n in range(start, min(rows, start + batch))))
            raw.commit()
            _progress(start + batch, rows, started)
        raw.execute("INSERT INTO public_search_fts(public_search_fts) VALUES ('rebuild')")
        raw.execute("INSERT INTO public_search_fts(public_search_fts) VALUES ('optimize')")
        raw.commit()
        _sqlite_triggers(raw)
        raw.execute("ANALYZE")
        raw.commit()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS public_search_vector_gin")
            for start in range(0, rows, batch):
                with cursor.copy(f"COPY public_searchdocument ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for n in range(start, min(rows, start + batch)):
                        copy.write_row(generator.row(n, unit_ids))
                _progress(start + batch, rows, started)
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("CREATE INDEX public_search_vector_gin ON public_searchdocument USING GIN (search_vector)")
            cursor.execute("ANALYZE public_searchdocument")
    return time.perf_counter() - started


def _sqlite_triggers(raw: sqlite3.Connection) -> None:
    """Put the FTS5 triggers of migration public 0002 back after the bulk load."""
    import importlib

    migration = importlib.import_module("xxgk.apps.public.migrations.0002_fulltext_engines")
    for statement in migration.SQLITE_FORWARD:
        if statement.startswith("CREATE TRIGGER"):
            raw.execute(statement)


def _progress(done: int, total: int, started: float) -> None:
    done = min(done, total)
    if done % 100_000 == 0 or done == total:
        print(f"  {done:>9,} / {total:,} documents, {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _queries(count: int) -> list[tuple[str, dict[str, Any]]]:
    """Queries made of the words of random indexed documents, so that most have results.

    A third are one title word, a third two body words, a third two body words
    with the document's year as a filter.
    """
    from xxgk.apps.public.models import SearchDocument

    picker = random.Random(SEED + 1)
    last = SearchDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [picker.randint(1, last) for _ in range(count * 2)]
    documents = list(SearchDocument.objects.filter(pk__in=ids).values_list("title_tokens", "body_tokens", "year"))
    picker.shuffle(documents)
    out: list[tuple[str, dict[str, Any]]] = []
    for i, (title, body, year) in enumerate(documents[:count]):
        words = body.split()
        first, second = picker.sample(words, 2)
        if i % 3 == 0:
            out.append((picker.choice(title.split()), {}))
        elif i % 3 == 1:
            out.append((f"{first} {second}", {}))
        else:
            out.append((f"{first} {second}", {"year": year}))
    return out


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(p: float) -> float:  # nearest rank
        return round(ordered[max(0, math.ceil(p * len(ordered)) - 1)], 1)

    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": pct(0.95),
        "max_ms": round(ordered[-1], 1),
    }


def _measure_search(queries: list[tuple[str, dict[str, Any]]], unit_ids: list[int]) -> dict[str, Any]:
    from django.test import Client

    from xxgk.apps.public.search import SearchFilters, catalogue_search

    for text, _ in queries[:10]:
        catalogue_search(text)  # warm-up: jieba, caches
    times: list[float] = []
    hits: list[int] = []
    for i, (text, extra) in enumerate(queries):
        unit_ids_filter = (unit_ids[i % len(unit_ids)],) if i % 5 == 4 else None
        filters = SearchFilters(unit_ids=unit_ids_filter, **extra)
        started = time.perf_counter()
        result = catalogue_search(text, filters=filters, limit=20)
        times.append((time.perf_counter() - started) * 1000)
        hits.append(result.total)
    client = Client()
    page_times: list[float] = []
    for text, _ in queries[: max(20, len(queries) // 3)]:
        started = time.perf_counter()
        response = client.get("/search/", {"q": text})
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return {
        "function": _percentiles(times),
        "page": _percentiles(page_times),
        "matches_median": statistics.median(hits),
        "matches_max": max(hits),
        "queries_without_result": sum(1 for h in hits if h == 0),
    }


def _item_entries(unit: Any, count: int) -> list[Any]:
    """``count`` published catalogue entries with two attachments each; every tenth has a correction."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from xxgk.apps.catalogue.models import Attachment, Entry, EntryStatus, Version

    entries = list(Entry.objects.filter(unit=unit, status=EntryStatus.PUBLISHED)[:count])
    generator = Generator(300)
    for n in range(len(entries), count):
        published = dt.date(2025, 1, 1) + dt.timedelta(days=n % 300)
        entry = Entry.objects.create(
            unit=unit,
            index_number=f"{unit.org_code}/2025-{n + 1:05d}",
            index_year=2025,
            index_serial=n + 1,
            status=EntryStatus.PUBLISHED,
            published_on=published,
            first_published_at=timezone.now(),
        )
        version = None
        for number in (1, 2) if n % 10 == 0 else (1,):
            version = Version.objects.create(
                entry=entry,
                number=number,
                state="published" if number == (2 if n % 10 == 0 else 1) else "superseded",
                title="".join(generator.sample(8)),
                body="".join(generator.sample(300)),
                summary="".join(generator.sample(20)),
                formed_on=published - dt.timedelta(days=5),
                publisher=unit.name,
                doc_number=f"基政发〔2025〕{n + 1}号",
                published_at=timezone.now(),
                correction_note="更正文号" if number == 2 else "",
            )
        for k in range(2):
            attachment = Attachment(version=version, name=f"附件{k + 1}.pdf", extension="pdf", size=1000)
            attachment.extracted_text = "".join(generator.sample(200))
            attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
            attachment.save()
        entry.current = version
        entry.save(update_fields=["current"])
        entries.append(entry)
    return entries


def _measure_items(unit: Any, count: int) -> dict[str, Any]:
    from django.test import Client

    entries = _item_entries(unit, count)
    client = Client()
    for entry in entries[:10]:
        client.get(f"/gk/{unit.pk}/item/{entry.pk}/")  # warm-up: templates, connections
    times: list[float] = []
    for entry in entries:
        started = time.perf_counter()
        response = client.get(f"/gk/{unit.pk}/item/{entry.pk}/")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and entry.index_number in response.content.decode()
    return _percentiles(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--items", type=int, default=300, help="item pages to request")
    parser.add_argument("--body-words", type=int, default=60)
    parser.add_argument("--sqlite-path", help="SQLite file to use (kept; with --reuse, measured again)")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/xxgk_search_bench")
    parser.add_argument("--reuse", action="store_true", help="do not load; measure the index already there")
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args(argv)
    if args.db == "postgres":
        _create_pg_database(args.pg_url)
    _setup(args.db, args)
    from xxgk.apps.public.models import SearchDocument

    with tempfile.TemporaryDirectory() as media:
        from django.conf import settings

        settings.MEDIA_ROOT = media
        units = _units()
        unit_ids = [u.pk for u in units]
        load_seconds = None
        if not args.reuse:
            print(f"loading {args.rows:,} documents into {args.db} …", file=sys.stderr)
            load_seconds = round(_load(args.db, args.rows, args.body_words, unit_ids), 1)
        documents = SearchDocument.objects.count()
        print(f"{documents:,} documents in the index; measuring …", file=sys.stderr)
        search = _measure_search(_queries(args.queries), unit_ids)
        items = _measure_items(units[0], args.items)
    result = {
        "database": args.db,
        "documents": documents,
        "body_words": args.body_words,
        "load_seconds": load_seconds,
        "search": search,
        "item_page": items,
        "targets_ms": TARGETS_MS,
        "machine": machine(),
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    ok = search["function"]["p95_ms"] < TARGETS_MS["search"] and items["p95_ms"] < TARGETS_MS["item_page"]
    return 0 if ok else 1


def _create_pg_database(url: str) -> None:
    """Create the benchmark database named in ``url`` if it does not exist yet."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
