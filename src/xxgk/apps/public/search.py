"""Full-text search of the catalogue in the database's own engine (SQLite FTS5 or PostgreSQL), ranked.

One entry point, :func:`catalogue_search`, for the public search page, the
staff search page and ``xxgk catalogue search``. The query is segmented by
``xxgk.core.fulltext``; the engine finds and ranks the documents (title words
weigh more than body words); snippets and highlights are made from the
original text, escaped. The public sees only ``is_public`` documents:
withdrawn entries are never shown to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from xxgk.apps.public.models import SearchDocument
from xxgk.core.fulltext import Query, fts5_match, highlight, parse_query, snippet, tsquery

__all__ = ["MAX_COUNTED", "Hit", "SearchFilters", "SearchResult", "catalogue_search"]

MAX_COUNTED = 10_000  # results counted exactly; beyond this the page says "more than"
MAX_OFFSET = 1_000  # deeper pages are refused: narrow the query instead


@dataclass(frozen=True)
class SearchFilters:
    """Which documents a search may return."""

    public: bool = True
    unit_ids: tuple[int, ...] | None = None  # None: every unit
    year: int | None = None
    theme: str = ""
    kind: str = ""
    validity: str = ""
    item: str = ""


@dataclass(frozen=True)
class Hit:
    """One result: the index document, its title and a snippet as safe HTML with the query words marked."""

    document: SearchDocument
    title_html: SafeString
    snippet_html: SafeString
    score: float


@dataclass
class SearchResult:
    """A page of results and how many there are (exact up to ``MAX_COUNTED``)."""

    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0

    @property
    def total_capped(self) -> bool:
        """Whether there are more results than were counted."""
        return self.total > MAX_COUNTED


def _where(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.public:
        clauses.append("d.is_public")
    if filters.unit_ids is not None:
        if not filters.unit_ids:
            clauses.append("1 = 0")
        else:
            clauses.append(f"d.unit_id IN ({', '.join(['%s'] * len(filters.unit_ids))})")
            params.extend(filters.unit_ids)
    for column in ("year", "theme", "kind", "validity", "item"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"d.{column} = %s")
            params.append(value)
    return clauses, params


def _ranked_ids(
    query: Query, filters: SearchFilters, *, offset: int, limit: int
) -> tuple[list[tuple[int, float]], int]:
    """(document id, score) of one page, best first, and the number of matches (at most MAX_COUNTED + 1)."""
    clauses, params = _where(filters)
    if connection.vendor == "postgresql":
        source = "public_searchdocument d, to_tsquery('simple', %s) q"
        match = ["d.search_vector @@ q"]
        score = "ts_rank(d.search_vector, q, 1)"
        order = "score DESC, d.published_on DESC NULLS LAST, d.id DESC"
        text = tsquery(query)
    else:
        source = "public_search_fts JOIN public_searchdocument d ON d.id = public_search_fts.rowid"
        match = ["public_search_fts MATCH %s"]
        score = "bm25(public_search_fts, 10.0, 1.0)"
        order = "score ASC, d.published_on DESC, d.id DESC"
        text = fts5_match(query)
    where = " AND ".join(match + clauses)
    args = [text, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, {score} AS score FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        rows = [(int(pk), float(s)) for pk, s in cursor.fetchall()]
        if offset == 0 and len(rows) < limit:
            return rows, len(rows)
        counted = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT %s) AS hits"
        cursor.execute(counted, [*args, MAX_COUNTED + 1])
        total = int(cursor.fetchone()[0])
    return rows, total


def catalogue_search(
    text: str, *, filters: SearchFilters | None = None, offset: int = 0, limit: int = 20
) -> SearchResult:
    """Documents matching every word of ``text`` within ``filters``, best first, ``limit`` from ``offset``.

    An empty query (or one of punctuation only) returns no results.
    """
    filters = filters or SearchFilters()
    query = parse_query(text)
    result = SearchResult(query=query)
    if not query or offset > MAX_OFFSET:
        return result
    rows, result.total = _ranked_ids(query, filters, offset=max(0, offset), limit=max(1, min(limit, 100)))
    documents = (
        SearchDocument.objects.select_related("unit")
        .defer("title_tokens", "body_tokens")
        .in_bulk([pk for pk, _score in rows])
    )
    terms = query.terms
    for pk, score in rows:
        document = documents[pk]
        result.hits.append(
            Hit(
                document=document,
                title_html=mark_safe(highlight(document.title, terms)),  # highlight() escapes
                snippet_html=mark_safe(snippet(document.text, terms)),  # snippet() escapes
                score=score,
            )
        )
    return result
