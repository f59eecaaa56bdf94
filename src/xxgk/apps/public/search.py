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

__all__ = ["MAX_COUNTED", "Hit", "SearchFilters", "SearchResult", "catalogue_search", "published_years"]

# Matches ranked by relevance. A query matching more (a very common word) is shown newest first: ranking
# 100,000 matches costs seconds on either engine, and walking the date index until a page is full costs
# milliseconds. The count is exact up to this number too, and no page lies beyond it.
MAX_COUNTED = 1_000
MAX_OFFSET = MAX_COUNTED


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
    ranked: bool = True  # False: too many matches, shown newest first

    @property
    def total_capped(self) -> bool:
        """Whether there are more results than were counted."""
        return self.total > MAX_COUNTED


def _where(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.public:
        clauses.append("d.is_public = %s")  # an equality, so that the (is_public, …) indexes serve
        params.append(True)
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
) -> tuple[list[tuple[int, float]], int, bool]:
    """(document id, score) of one page, the number of matches (at most MAX_COUNTED + 1) and whether ranked.

    Up to ``MAX_COUNTED + 1`` matches are read with their score in one pass
    and ranked here; when there are more, the page is read newest first.
    """
    clauses, params = _where(filters)
    filters_sql = "".join(f" AND {c}" for c in clauses)
    if connection.vendor == "postgresql":
        text = tsquery(query)
        matched = (
            "SELECT d.id, ts_rank(d.search_vector, to_tsquery('simple', %s), 1), d.published_on "
            "FROM public_searchdocument d WHERE d.search_vector @@ to_tsquery('simple', %s)"
            f"{filters_sql} LIMIT %s"
        )
        matched_args = [text, text, *params, MAX_COUNTED + 1]
        newest = (
            "SELECT d.id FROM public_searchdocument d WHERE d.search_vector @@ to_tsquery('simple', %s)"
            f"{filters_sql} ORDER BY d.published_on DESC, d.id DESC LIMIT %s OFFSET %s"
        )
        best_first = True
    else:
        text = fts5_match(query)
        matched = (
            "SELECT d.id, bm25(public_search_fts, 10.0, 1.0), d.published_on FROM public_search_fts "
            "JOIN public_searchdocument d ON d.id = public_search_fts.rowid "
            f"WHERE public_search_fts MATCH %s{filters_sql} LIMIT %s"
        )
        matched_args = [text, *params, MAX_COUNTED + 1]
        # the date index drives ("+d.id" keeps SQLite from driving by the match list and sorting it all)
        newest = (
            "SELECT d.id FROM public_searchdocument d WHERE +d.id IN "
            "(SELECT rowid FROM public_search_fts WHERE public_search_fts MATCH %s)"
            f"{filters_sql} ORDER BY d.published_on DESC, d.id DESC LIMIT %s OFFSET %s"
        )
        best_first = False  # bm25: lower is better
    with connection.cursor() as cursor:
        cursor.execute(matched, matched_args)
        rows = [(int(pk), float(score), published) for pk, score, published in cursor.fetchall()]
        if len(rows) <= MAX_COUNTED:
            rows.sort(key=lambda r: (r[2] is not None, r[2] or 0, r[0]), reverse=True)  # newest first on a tie
            rows.sort(key=lambda r: r[1], reverse=best_first)  # stable: the best score first
            return [(pk, score) for pk, score, _published in rows[offset : offset + limit]], len(rows), True
        cursor.execute(newest, [text, *params, limit, offset])
        return [(int(pk), 0.0) for (pk,) in cursor.fetchall()], len(rows), False


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
    rows, result.total, result.ranked = _ranked_ids(
        query, filters, offset=max(0, offset), limit=max(1, min(limit, 100))
    )
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


def published_years() -> range:
    """The years of publication the public index covers, newest first (empty when nothing is published).

    Two index look-ups: ``MIN``/``MAX`` over the filtered rows, or Django's
    ``WHERE is_public`` (not an equality), would read every row.
    """
    edge = (
        "SELECT published_on FROM public_searchdocument WHERE is_public = %s AND published_on IS NOT NULL "
        "ORDER BY published_on {} LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({edge.format('ASC')}), ({edge.format('DESC')})", [True, True])
        first, last = cursor.fetchone()
    if first is None:
        return range(0)
    first_year = first.year if hasattr(first, "year") else int(str(first)[:4])
    last_year = last.year if hasattr(last, "year") else int(str(last)[:4])
    return range(last_year, first_year - 1, -1)
