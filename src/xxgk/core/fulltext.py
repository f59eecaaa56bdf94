"""Chinese full-text search as pure functions: word segmentation, query terms, highlighted snippets.

Chinese has no spaces between words, so neither SQLite FTS5 nor PostgreSQL's
parser can find words in it. Text is therefore segmented with jieba before it
is stored — in *search mode* (``cut_for_search``: every word plus the shorter
dictionary words inside long ones, so 危房改造 is found by 危房改造, 危房 and 改造) —
and stored as the words joined by spaces. A query is segmented in *precise
mode* (``cut``): its words are a subset of what search mode produced for the
same words in a document, and every word must occur (AND).

Snippets and highlights are computed here on the original text, not by the
database, so both engines show the same thing; they are escaped HTML with
only ``<mark>`` added.
"""

from __future__ import annotations

import html
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "Query",
    "fts5_match",
    "highlight",
    "index_tokens",
    "parse_query",
    "query_terms",
    "segment",
    "snippet",
    "tsquery",
]

MAX_QUERY_CHARS = 100  # a search box query longer than this is cut
MAX_QUERY_TERMS = 8  # words of a query that count; the rest are ignored
MAX_TOKEN_CHARS = 40  # a "word" longer than this (a run of digits, a URL) is not indexed
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_jieba_lock = threading.Lock()
_jieba_ready = False

jieba.setLogLevel(logging.WARNING)


def _ensure_jieba() -> None:
    """Load jieba's dictionary once per process (it is not thread-safe while loading)."""
    global _jieba_ready
    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.initialize()
                _jieba_ready = True


def _words(tokens: Iterable[str]) -> Iterator[str]:
    """Lower-cased runs of word characters; both engines split on anything else, so the query must too."""
    for token in tokens:
        for word in _NON_WORD.split(token.lower()):
            if word and len(word) <= MAX_TOKEN_CHARS:
                yield word


def segment(text: str) -> list[str]:
    """The words of ``text`` in search mode (long words also as their dictionary sub-words), lower-cased."""
    _ensure_jieba()
    return list(_words(jieba.cut_for_search(text, HMM=True)))


def index_tokens(text: str, *, max_chars: int | None = None) -> str:
    """``text`` segmented for the index: words joined by single spaces, at most ``max_chars`` of source text."""
    if max_chars is not None:
        text = text[:max_chars]
    return " ".join(segment(text))


@dataclass(frozen=True)
class Query:
    """A parsed search query: every group must match; a group matches when one of its alternatives does.

    An alternative is a tuple of words that must all occur. A long word has a
    second alternative made of its dictionary sub-words, because a document
    segmented in context may hold 人民 共和国 where the query holds 人民共和国.
    """

    groups: tuple[tuple[tuple[str, ...], ...], ...]

    @property
    def terms(self) -> list[str]:
        """Every word of the query, for highlighting."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for alternative in group:
                for word in alternative:
                    seen.setdefault(word, None)
        return list(seen)

    def __bool__(self) -> bool:
        return bool(self.groups)


@lru_cache(maxsize=512)
def parse_query(query: str) -> Query:
    """The search query as groups of words, at most ``MAX_QUERY_TERMS`` groups; punctuation dropped.

    Each space-separated part is cut in precise mode. A part cut into one word
    gives one group: the word, or its dictionary sub-words. A part cut into
    several words gives one group too: the part as one word (as the index may
    hold it, e.g. 亲日), or all its words.
    """
    _ensure_jieba()
    groups: dict[tuple[tuple[str, ...], ...], None] = {}
    for part in query.strip()[:MAX_QUERY_CHARS].split():
        words = tuple(dict.fromkeys(_words(jieba.cut(part, HMM=True))))
        if not words:
            continue
        if len(words) == 1:
            word = words[0]
            parts = tuple(dict.fromkeys(w for w in _words(jieba.cut_for_search(word, HMM=True)) if w != word))
            groups.setdefault(((word,), parts) if parts else ((word,),), None)
            continue
        whole = tuple(_words([part]))
        if len(whole) == 1:
            groups.setdefault(((whole[0],), words), None)
        else:  # the part mixes words and punctuation: each word must occur
            for word in words:
                groups.setdefault(((word,),), None)
    return Query(tuple(groups)[:MAX_QUERY_TERMS])


def query_terms(query: str) -> list[str]:
    """Every word of a search query, for highlighting."""
    return parse_query(query).terms


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH expression of ``query``; every word is quoted, so none is read as an operator."""

    def alternative(words: tuple[str, ...]) -> str:
        quoted = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        return f"({quoted})" if len(words) > 1 else quoted

    return " AND ".join("(" + " OR ".join(alternative(a) for a in group) + ")" for group in query.groups)


def tsquery(query: Query) -> str:
    """The PostgreSQL ``to_tsquery`` text of ``query``; words are runs of word characters, quoted as lexemes."""

    def alternative(words: tuple[str, ...]) -> str:
        return "(" + " & ".join("'" + w.replace("'", "''") + "'" for w in words) + ")"

    return " & ".join("(" + " | ".join(alternative(a) for a in group) + ")" for group in query.groups)


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


def _marked(text: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append("<mark>" + html.escape(match.group(0)) + "</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def highlight(text: str, terms: Iterable[str]) -> str:
    """``text`` as escaped HTML with every occurrence of a term wrapped in ``<mark>``."""
    return _marked(text, _term_pattern(terms))


def snippet(text: str, terms: Iterable[str], *, width: int = 120) -> str:
    """About ``width`` characters of ``text`` around the densest cluster of terms, escaped, terms in ``<mark>``.

    The window starts at the occurrence after which the most distinct terms
    follow within ``width`` characters; with no occurrence, the start of the
    text. Cut ends are shown with ``…``.
    """
    text = " ".join(text.split())
    pattern = _term_pattern(terms)
    start = 0
    if pattern is not None:
        hits = [(m.start(), m.group(0).lower()) for m in pattern.finditer(text)]
        best = -1
        for i, (pos, _term) in enumerate(hits):
            distinct = {term for p, term in hits[i:] if p - pos < width}
            if len(distinct) > best:
                best, start = len(distinct), pos
        start = max(0, start - width // 4)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    body = _marked(text[start:end], pattern)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
