"""Label normalisation and matching for the annual report (spec annual-report.md §7).

Real reports print the official labels with many small differences: white
space and non-breaking spaces, curly or straight quotes, ``1.`` / ``1、`` /
``(一)`` numbering, a trailing ``情况``, shortened items and typos. This module
maps printed text to the layout's keys and says how well it matched:

- ``exact``: the official label (ignoring white space and full-/half-width);
- ``variant``: a known variant of §7 (quotes, numbering, shortened forms …);
- ``misspelled``: only the closest label (difflib ratio above a threshold);
- ``other_format``: a label of the other format version (2019 vs 2021).

Pure Python; results are cached because the same labels recur in every report.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from xxgk.core.report.layout import (
    FORMAT_2019,
    FORMAT_2021,
    SECTION_HEADING_2019_PROBLEMS,
    SECTIONS,
    T2_2019_BLOCKS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
    T4_RESULTS,
)

__all__ = [
    "EXACT",
    "MISSPELLED",
    "OTHER_FORMAT",
    "SECTION_LABELS",
    "T2_COLUMN_LABELS",
    "T2_ROW_LABELS",
    "T3_COLUMN_LABELS",
    "T3_ROW_LABELS",
    "T4_GROUP_LABELS",
    "T4_RESULT_LABELS",
    "VARIANT",
    "LabelMatch",
    "LabelSet",
    "normalise",
    "split_numbering",
    "squeeze",
]

EXACT = "exact"
VARIANT = "variant"
MISSPELLED = "misspelled"
OTHER_FORMAT = "other_format"

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff]+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』〝〞]")
_CN_NUMERAL = "一二三四五六七八九十"
_NUM_CN = re.compile(rf"^([{_CN_NUMERAL}]+)[、.,:;．]")
_NUM_PAREN_CN = re.compile(rf"^\(([{_CN_NUMERAL}]+)\)[、.,]?")
_NUM_ARABIC = re.compile(r"^\(?(\d{1,2})(?:[、,:;)]|\.(?!\d))")
_TRAILING_REMARK = re.compile(r"\([^()]*\)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=16384)
def squeeze(text: str) -> str:
    """NFKC-fold the text and drop all white space (incl. NBSP, U+3000, zero-width)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def split_numbering(normalised: str) -> tuple[str, str]:
    """Split a normalised label into its numbering (``一、``, ``(一)``, ``1.``) and its body."""
    for pattern, template in ((_NUM_CN, "{}、"), (_NUM_PAREN_CN, "({})"), (_NUM_ARABIC, "{}.")):
        m = pattern.match(normalised)
        if m:
            return template.format(m.group(1)), normalised[m.end() :]
    return "", normalised


@functools.lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The comparison form of a label: squeezed, quotes dropped, ``，``→``、``, numbering unified, no trailing 情况."""
    s = _QUOTES.sub("", squeeze(text)).replace(",", "、").rstrip(":;。.")
    numbering, body = split_numbering(s)
    if body.endswith("情况") and len(body) > 3:
        body = body[:-2]
    return numbering + body


@dataclass(frozen=True)
class LabelMatch:
    """The result of matching printed text: the key, how it matched, the official label, its version."""

    key: str
    status: str
    expected: str
    found: str
    version: str | None = None  # "2019"/"2021" when the label exists in one format only


@dataclass(frozen=True)
class _Entry:
    key: str
    label: str
    version: str | None


class LabelSet:
    """A set of official labels with their keys, variants and format versions, matched with a cache."""

    def __init__(
        self,
        entries: Iterable[tuple[str, str, str | None, tuple[str, ...]]],
        *,
        ratio: float = 0.8,
        body_status: str = VARIANT,
        fuzzy_min_len: int = 4,
    ) -> None:
        self._ratio = ratio
        self._fuzzy_min_len = fuzzy_min_len
        self._exact: dict[str, _Entry | None] = {}
        self._variant: dict[str, tuple[_Entry, str] | None] = {}
        self._cache: dict[tuple[str, str | None], LabelMatch | None] = {}
        self.entries: list[_Entry] = []
        for key, label, version, variants in entries:
            entry = _Entry(key, label, version)
            self.entries.append(entry)
            _put(self._exact, squeeze(label), entry)
            full = normalise(label)
            _put(self._variant, full, (entry, VARIANT))
            numbering, body = split_numbering(full)
            if numbering:
                _put(self._variant, body, (entry, body_status))
            stripped = _TRAILING_REMARK.sub("", body)
            if stripped and stripped != body:
                _put(self._variant, numbering + stripped, (entry, VARIANT))
                _put(self._variant, stripped, (entry, body_status if numbering else VARIANT))
            for variant in variants:
                v_full = normalise(variant)
                _put(self._variant, v_full, (entry, VARIANT))
                v_numbering, v_body = split_numbering(v_full)
                if v_numbering:
                    _put(self._variant, v_body, (entry, body_status))
        self._fuzzy = [(form, pair[0]) for form, pair in self._variant.items() if pair is not None]

    def match(self, text: str, expected_version: str | None = FORMAT_2021) -> LabelMatch | None:
        """Match printed text to a key; None if nothing is close enough."""
        cache_key = (text, expected_version)
        if cache_key in self._cache:
            return self._cache[cache_key]
        result = self._match(text, expected_version)
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def _match(self, text: str, expected_version: str | None) -> LabelMatch | None:
        s = squeeze(text)
        if not s:
            return None
        entry = self._exact.get(s)
        status = EXACT
        if entry is None:
            n = normalise(text)
            pair = self._variant.get(n)
            if pair is not None:
                entry, status = pair
            else:
                entry = self._closest(n)
                status = MISSPELLED
        if entry is None:
            return None
        if expected_version and entry.version and entry.version != expected_version:
            status = OTHER_FORMAT
        return LabelMatch(entry.key, status, entry.label, text.strip(), entry.version)

    def _closest(self, n: str) -> _Entry | None:
        if len(n) < self._fuzzy_min_len or len(_CJK.findall(n)) < 2:
            return None
        best: _Entry | None = None
        best_ratio = self._ratio
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(n)
        for form, entry in self._fuzzy:
            if abs(len(form) - len(n)) > max(3, len(form) // 3):
                continue
            matcher.set_seq1(form)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            r = matcher.ratio()
            if r > best_ratio or (r == best_ratio and best is None):
                best, best_ratio = entry, r
        return best


# An index holds either bare entries (exact forms) or (entry, status) pairs (variant forms).
_Indexed = TypeVar("_Indexed", _Entry, tuple[_Entry, str])


def _key_of(value: _Entry | tuple[_Entry, str]) -> str:
    """The layout key of an indexed value."""
    return value.key if isinstance(value, _Entry) else value[0].key


def _put(index: dict[str, _Indexed | None], form: str, value: _Indexed) -> None:
    """Add a form to an index; a form claimed by two different keys becomes ambiguous (None)."""
    if not form:
        return
    if form in index:
        old = index[form]
        if old is None or _key_of(old) != _key_of(value):
            index[form] = None
        return
    index[form] = value


# §1 — section headings: a heading without its numeral is accepted but "misspelled".
SECTION_LABELS = LabelSet(
    [(key, label, None, ()) for key, label in SECTIONS if key != "problems"]
    + [
        ("problems", "五、存在的主要问题及改进情况", FORMAT_2021, ()),
        ("problems", SECTION_HEADING_2019_PROBLEMS, FORMAT_2019, ()),
    ],
    ratio=0.8,
    body_status=MISSPELLED,
)

# §2 — table 二 rows (same keys in both versions) and columns.
T2_ROW_LABELS = LabelSet(
    [
        ("regulations", "规章", None, ()),
        ("normative_documents", "行政规范性文件", None, ("规范性文件",)),
        ("licensing", "行政许可", None, ()),
        ("other_services", "其他对外管理服务事项", FORMAT_2019, ()),
        ("punishment", "行政处罚", None, ()),
        ("coercion", "行政强制", None, ()),
        ("fees", "行政事业性收费", None, ()),
        ("procurement", "政府集中采购", FORMAT_2019, ()),
    ]
)
_T2_COLUMN_VARIANTS = {
    "issued": ("本年制定", "本年制定件数", "本年制发", "本年新制发件数"),
    "repealed": ("本年废止", "本年废止数"),
    "in_force": ("本年有效", "现行有效", "本年有效件数", "现行有效数"),
    "amount": ("本年收费金额", "本年收费金额(万元)", "收费金额(万元)"),
}
T2_COLUMN_LABELS = LabelSet(
    list(
        {
            (key, label, FORMAT_2021, _T2_COLUMN_VARIANTS.get(key, ())): None
            for block in T2_BLOCKS
            for key, label in block.columns
        }
    )
    + list(
        {
            (key, label, FORMAT_2019, ()): None
            for block in T2_2019_BLOCKS
            for key, label in block.columns
            if key != "decisions"
        }
    )
    + [("decisions", "处理决定数量", FORMAT_2019, ())]
)

# §3 — table 三 rows (2021 and the 2019 （六）其他处理 row) and columns.
_T3_ROW_VARIANTS = {
    "partially_granted": ("（二）部分公开", "部分公开（区分处理）", "（二）部分公开（区分处理）"),
    "other_no_supplement": (
        "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正",
    ),
    "other_fee_unpaid": (
        "2.申请人逾期未缴费",
        "2.申请人逾期未缴费，行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用",
    ),
    "other_other": ("3.其他原因",),
    "withheld_security_stability": ("3.危及三安全一稳定",),
}
T3_ROW_LABELS = LabelSet(
    [(row.key, row.label, None, _T3_ROW_VARIANTS.get(row.key, ())) for row in T3_ROWS if row.group != "（六）其他处理"]
    + [
        (row.key, row.label, FORMAT_2021, _T3_ROW_VARIANTS.get(row.key, ()))
        for row in T3_ROWS
        if row.group == "（六）其他处理"
    ]
    + [(row.key, row.label, FORMAT_2019, ()) for row in T3_ROWS_2019 if row.key == "other_handling"]
)
_T3_COLUMN_VARIANTS = {
    "commercial": ("企业",),
    "social_welfare": ("公益组织", "社会组织"),
    "total": ("合计",),
}
T3_COLUMN_LABELS = LabelSet(
    [(key, label, None, _T3_COLUMN_VARIANTS.get(key, ())) for key, label in T3_COLUMNS], fuzzy_min_len=4
)

# §4 — table 四 groups and result columns.
T4_GROUP_LABELS = LabelSet([(key, label, None, ()) for key, label in T4_GROUPS])
_T4_RESULT_VARIANTS = {
    "upheld": ("维持",),
    "corrected": ("纠正",),
    "other": ("其他",),
    "pending": ("未审结",),
    "total": ("合计",),
}
T4_RESULT_LABELS = LabelSet([(key, label, None, _T4_RESULT_VARIANTS.get(key, ())) for key, label in T4_RESULTS])
