"""Read a report whose tables were copied as text with the cell separators lost (run-together digits).

Crawlers and "copy all" in a browser turn a report page into one long line:
``…一、本年新收政府信息公开申请数量801000081二、上年结转…``. This reader finds
the six section headings and the row labels of tables 二, 三 and 四 in the
official order, takes the digits between one label and the next as that
row's value run, and splits each run into cells with ``decode_digits``: a row
is placed only when exactly one split satisfies the format's constraints;
otherwise its cells are left unread with the reason. Crawler headers
(标题:/发布时间:/原文链接: …) and page navigation are dropped by
``strip_page_furniture``; the 标题 line is kept as the title.

The stream it produces goes through the one interpreter like any other.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass

from xxgk.core.report.labels import _T3_ROW_VARIANTS, normalise, split_numbering
from xxgk.core.report.layout import (
    FORMAT_2019,
    FORMAT_2021,
    SECTION_HEADING_2019_PROBLEMS,
    SECTIONS,
    T2_2019_BLOCKS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_GROUPS,
    T3_OUTCOME_ROWS,
    T3_OUTCOME_ROWS_2019,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
    T4_RESULTS,
)
from xxgk.core.report.model import DECODED, READ, Place
from xxgk.documents.decode_digits import Constraint, RowDecoding, decode_joint, numbers, splits, tokens_of
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["is_run_together", "read_run_together", "strip_page_furniture"]

# --- crawler headers and page navigation -------------------------------------------------------------

_CRAWLER_KEYS = (
    "标题|题目|发布时间|发布日期|发文日期|成文日期|生成日期|文号|发文字号|发布机构|发文机关|来源|信息来源|栏目|所属栏目"
    "|原文链接|原文地址|链接|网址|URL|本地目录|索引号|主题分类|浏览次数|点击数|作者|抓取时间|采集时间|保存时间"
)
_CRAWLER_LINE = re.compile(rf"^\s*(?:{_CRAWLER_KEYS})\s*[:：]", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\s*(?:标题|题目)\s*[:：]\s*(.*?)\s*$")
_SEPARATOR_LINE = re.compile(r"^\s*[=＝\-—*#~]{3,}\s*(?:正文|内容|全文|正\s*文)?\s*[=＝\-—*#~]*\s*$")
_NAVIGATION = re.compile(
    r"当前位置|您的位置|您现在的位置|^\s*首页\s*[>＞»›/]|[>＞»›]\s*正文\s*$|【\s*字[体号]|打印本页|关闭窗口|分享到|"
    r"详见\s*links\.tsv|页面链接与图片|扫一扫在手机|^\s*(?:上一篇|下一篇)\s*[:：]"
)
_NAVIGATION_MAX = 80  # a longer line is report text even if it mentions a navigation word
_HEADER_LINES_MAX = 40  # crawler headers are at the top: a separator further down is report text


def strip_page_furniture(text: str) -> str:
    """Blank out crawler headers and navigation lines (line numbers are kept); the 标题 line becomes the title."""
    lines = text.split("\n")
    separator = next((i for i, line in enumerate(lines[:_HEADER_LINES_MAX]) if _SEPARATOR_LINE.match(line)), None)
    header_end = separator + 1 if separator is not None else 0
    if separator is None:  # no separator: a run of key: value lines at the top is still a crawler header
        while header_end < min(len(lines), _HEADER_LINES_MAX) and (
            _CRAWLER_LINE.match(lines[header_end]) or not lines[header_end].strip()
        ):
            header_end += 1
        if not any(_CRAWLER_LINE.match(line) for line in lines[:header_end]):
            header_end = 0
    out = []
    for i, line in enumerate(lines):
        if i < header_end:
            title = _TITLE_LINE.match(line)
            out.append(title.group(1) if title and title.group(1) else "")
        elif len(line.strip()) <= _NAVIGATION_MAX and _NAVIGATION.search(line):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


# --- detection -----------------------------------------------------------------------------------------


def _body(label: str) -> str:
    return split_numbering(normalise(label))[1]


_T3_BODIES = sorted({_body(r.label) for r in T3_ROWS + T3_ROWS_2019 if len(_body(r.label)) >= 4}, key=len)
_RUN_AFTER_LABEL = re.compile("(?:" + "|".join(re.escape(b) for b in _T3_BODIES) + r")\)?\d{7,}")
_RUN_TOGETHER_MIN_ROWS = 3
_SEVEN_DIGITS = re.compile(r"[0-9０-９]{7}")


def is_run_together(text: str) -> bool:
    """Whether table 三 rows appear as a label followed directly by a run of at least seven digits."""
    if not _SEVEN_DIGITS.search(text):
        return False  # the cheap test first: no run of seven digits anywhere
    return len(_RUN_AFTER_LABEL.findall(_fold(text)[0])) >= _RUN_TOGETHER_MIN_ROWS


# --- the folded text: labels are searched in a normalised copy that maps back to the source ----------

_QUOTE_CHARS = frozenset("\"'“”‘’「」『』〝〞")


def _fold(text: str) -> tuple[str, list[int]]:
    """NFKC, no white space or quotes, ``,``→``、``; with the source index of every folded character."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "\u200b\ufeff" or ch in _QUOTE_CHARS:
            continue
        folded = unicodedata.normalize("NFKC", ch) if not ("\u4e00" <= ch <= "\u9fff") else ch
        for f in folded:
            if f.isspace() or f in _QUOTE_CHARS:
                continue
            chars.append("、" if f == "," else f)
            where.append(i)
    return "".join(chars), where


@dataclass
class _Text:
    """The source text, its folded copy, and line numbers."""

    raw: str
    folded: str
    where: list[int]
    line_starts: list[int]

    @classmethod
    def of(cls, raw: str) -> _Text:
        folded, where = _fold(raw)
        starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        return cls(raw, folded, where, starts)

    def src(self, f: int) -> int:
        """The source index of folded index ``f`` (the end of the text past the last character)."""
        return self.where[f] if f < len(self.where) else len(self.raw)

    def place(self, f: int, table: int | None = None) -> Place:
        line = bisect.bisect_right(self.line_starts, self.src(f))
        return Place(table=table, line=line)


# --- sections ------------------------------------------------------------------------------------------

_HEADING_RATIO = 0.85


def _headings(t: _Text) -> list[tuple[str, int, int]]:
    """(section key, folded start, folded end) of the section headings found, in order."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for key, heading in SECTIONS:
        alternatives = [heading] + ([SECTION_HEADING_2019_PROBLEMS] if key == "problems" else [])
        numeral = heading[0]
        found = None
        for m in re.finditer(re.escape(numeral) + "[、.]", t.folded[pos:]):
            start = pos + m.start()
            if start > 0 and t.folded[start - 1] in "(（":
                continue
            best = (0.0, 0)
            for alternative in alternatives:
                target = normalise(alternative)
                for length in range(len(target) - 3, len(target) + 4):
                    window = normalise(t.folded[start : start + length])
                    ratio = difflib.SequenceMatcher(None, window, target, autojunk=False).ratio()
                    if ratio > best[0]:
                        best = (ratio, length)
            if best[0] >= _HEADING_RATIO:
                end = start + best[1]
                if t.folded.startswith("情况", end):  # normalise() drops a trailing 情况: keep it in the heading
                    end += 2
                found = (key, start, end)
                break
        if found is not None:
            out.append(found)
            pos = found[2]
    return out


# --- the reader ----------------------------------------------------------------------------------------


def read_run_together(text: str, source: str | None = None) -> Stream:
    """Read a report whose tables are run-together text into a stream (tables decoded or left unread)."""
    t = _Text.of(text)
    stream = Stream(source=source, source_type="text")
    items = stream.items
    headings = _headings(t)
    first = headings[0][1] if headings else len(t.folded)
    for line in t.raw[: t.src(first)].split("\n"):
        if line.strip():
            items.append(Paragraph(line.strip(), Place(line=t.raw[: t.raw.find(line)].count("\n") + 1)))
    for i, (key, start, end) in enumerate(headings):
        stop = headings[i + 1][1] if i + 1 < len(headings) else len(t.folded)
        items.append(Paragraph(t.raw[t.src(start) : t.src(end - 1) + 1].strip(), t.place(start)))
        if key == "table2":
            _Table2(t, end, stop, stream).read(_stated_t2(t, headings))
        elif key == "table3":
            _Table3(t, end, stop, stream).read()
        elif key == "table4":
            _table4(t, end, stop, stream)
        else:
            body = t.raw[t.src(end) : t.src(stop)].strip()
            if body:
                items.append(Paragraph(body, t.place(end)))
    return stream


@dataclass
class _Label:
    """A row label found in the folded text: the row, where the label starts (numbering included) and ends."""

    key: str
    text: str
    start: int
    end: int


def _numbering_before(folded: str, start: int, numbering: str) -> int:
    """How many folded characters before ``start`` are the label's own numbering (``3.``, ``(七)``, ``四、``)."""
    if not numbering:
        return 0
    if numbering.endswith("."):  # 3. — also printed 3、
        n = numbering[:-1]
        before = folded[max(0, start - len(n) - 1) : start]
        return len(before) if before in (n + ".", n + "、") else 0
    return len(numbering) if folded[max(0, start - len(numbering)) : start] == numbering else 0


def _find_label(t: _Text, key: str, label: str, bodies: list[str], pos: int, stop: int) -> _Label | None:
    """The first occurrence of a row label after ``pos``: its body, with its numbering when printed."""
    numbering = split_numbering(normalise(label))[0]
    best: _Label | None = None
    for body in bodies:
        at = pos
        while True:
            start = t.folded.find(body, at, stop)
            if start < 0:
                break
            lead = _numbering_before(t.folded, start, numbering)
            if lead or len(body) > 4 or not numbering:
                candidate = _Label(key, t.folded[start - lead : start + len(body)], start - lead, start + len(body))
                if best is None or candidate.start < best.start:
                    best = candidate
                break
            at = start + 1
    return best


_VALUE_CHARS = re.compile(r"^[0-9./／—–\-－万元]*$")


def _furniture(pieces: list[str]) -> re.Pattern[str]:
    """A pattern for the folded text that may sit between value runs (group labels, captions, headers)."""
    return re.compile("|".join(re.escape(p) for p in sorted(set(pieces), key=len, reverse=True)))


def _value_run(t: _Text, start: int, stop: int, furniture: re.Pattern[str]) -> tuple[str, str | None]:
    """The source text of a value run between two labels, and the unexpected text in it (None if clean)."""
    folded = furniture.sub("", t.folded[start:stop])
    raw = t.raw[t.src(start) : t.src(stop)] if stop > start else ""
    if _VALUE_CHARS.match(folded):
        return raw, None
    return raw, re.sub(r"[0-9]+", "", folded)[:20]


def _describe(values: tuple[str, ...]) -> str:
    return "、".join(values)


def _unread_row(label: TextCell, width: int, why: str, table: int) -> TableRow:
    cells = (label, *(TextCell("", label.place, doubt=why) for _ in range(width)))
    return TableRow(table, cells, label.place)


def _decoded_row(label: TextCell, decoding: RowDecoding, width: int, table: int, what: str) -> TableRow:
    """The row's cells: decoded, or unread with the reason (ambiguous, too many, no split at all)."""
    values = decoding.unique
    if values is None:
        why = decoding.why
        if why is None and len(decoding.candidates) > 1:
            a, b = decoding.candidates[:2]
            why = f"连写的数字有多种拆法（如 {_describe(a)} 与 {_describe(b)}），无法唯一确定"
        elif why is None:
            why = f"连写的数字无法拆成{width}个数值"
        return _unread_row(label, width, f"{what}：{why}", table)
    provenance = DECODED if decoding.split else READ
    cells = tuple(
        TextCell(v, label.place, provenance=provenance, decoded_by=decoding.rules if decoding.split else ())
        for v in values
    )
    return TableRow(table, (label, *cells), label.place)


def _decode_row(run: str, width: int, decimal: list[bool] | None = None) -> RowDecoding:
    tokens = tokens_of(run)
    if not tokens:
        return RowDecoding(why="该行没有数值")
    found = splits(tokens, width, decimal)
    if found is None:
        return RowDecoding(why="可能的拆法太多，无法唯一确定")
    if not found:
        return RowDecoding(why=f"数字无法拆成{width}个数值")
    return RowDecoding(candidates=found, split=len(tokens) < width)


# --- table 三 ------------------------------------------------------------------------------------------

_T3_HEADER = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_T3_HEADER_VARIANTS = {"商业企业": ("企业",), "社会公益组织": ("公益组织", "社会组织"), "总计": ("合计",)}
_T3_RULES_ROW = ("T3-COLUMNS",)
_T3_RULES_JOINT = ("T3-BALANCE", "T3-OUTCOMES")
_T3_TABLE = 2


class _Table3:
    def __init__(self, t: _Text, start: int, stop: int, stream: Stream) -> None:
        self.t, self.start, self.stop, self.stream = t, start, stop, stream

    def read(self) -> None:
        t = self.t
        region = t.folded[self.start : self.stop]
        version = FORMAT_2021 if "逾期不补正" in region or "未按收费通知" in region else FORMAT_2019
        rows = T3_ROWS if version == FORMAT_2021 else T3_ROWS_2019
        if version == FORMAT_2019 and "其他处理" not in region:
            rows = T3_ROWS
        labels: list[_Label] = []
        pos = self.start
        for row in rows:
            bodies = [_body(row.label)] + [_body(v) for v in _T3_ROW_VARIANTS.get(row.key, ())]
            stripped = re.sub(r"\([^()]*\)$", "", bodies[0])
            if stripped != bodies[0]:
                bodies.append(stripped)
            found = _find_label(t, row.key, row.label, bodies, pos, self.stop)
            if found is not None:
                labels.append(found)
                pos = found.end
        if not labels:
            return
        header_ok = self.header(labels[0].start)
        groups = [normalise(g) for g in T3_GROUPS.values()]
        if version == FORMAT_2019:
            groups = [g for g in groups if "其他处理" not in g]
        furniture = _furniture(groups)
        decodings: list[RowDecoding] = []
        for i, label in enumerate(labels):
            stop = labels[i + 1].start if i + 1 < len(labels) else self.stop
            run, junk = _value_run(t, label.end, stop, furniture)
            if not header_ok:
                decodings.append(RowDecoding(why="表头不是官方的七列，连写的数字无法按列拆分"))
            elif junk:
                decodings.append(RowDecoding(why=f"数值之间夹有无法识别的文字“{junk}”"))
            else:
                decodings.append(self.by_columns(_decode_row(run, len(T3_COLUMNS))))
        keys = [label.key for label in labels]
        decode_joint(decodings, _t3_constraints(keys, version), _T3_RULES_ROW + _T3_RULES_JOINT)
        _note(self.stream, "表三", [(lab.text, d) for lab, d in zip(labels, decodings, strict=True)], _T3_ALL)
        for label, decoding in zip(labels, decodings, strict=True):
            cell = TextCell(label.text, t.place(label.start, _T3_TABLE))
            self.stream.items.append(_decoded_row(cell, decoding, len(T3_COLUMNS), _T3_TABLE, f"表三“{label.text}”行"))

    @staticmethod
    def by_columns(decoding: RowDecoding) -> RowDecoding:
        """Keep the splits whose 总计 equals the sum of the applicant columns, when the count alone is not enough."""
        if len(decoding.candidates) <= 1:
            return decoding
        kept = []
        for candidate in decoding.candidates:
            values = numbers(candidate)
            if values is None or values[-1] == sum(values[:-1]):
                kept.append(candidate)
        if not kept:
            decoding.why = "没有一种拆法使“总计”等于六类申请人之和（可能印刷有误）"
            return decoding
        decoding.candidates = kept
        decoding.rules = _T3_RULES_ROW
        return decoding

    def header(self, end: int) -> bool:
        """Emit the header rows when the official seven columns are printed in order; False if not official."""
        t = self.t
        header = t.folded[self.start : end]
        if not re.search(r"[\u4e00-\u9fff]", header) or "自然人" not in header:
            return "小计" not in header  # no column header printed: the official order
        found: list[str] = []
        pos = header.find("自然人")
        rest = header[pos:]
        at = 0
        for label in _T3_HEADER:
            options = [label, *_T3_HEADER_VARIANTS.get(label, ())]
            hits = [(rest.find(o, at), o) for o in options if rest.find(o, at) >= 0]
            if label == "总计":  # printed after 自然人 / 法人或其他组织 in the second header row
                hits = [(rest.find(o), o) for o in options if rest.find(o) >= 0]
            if not hits:
                return False
            where, option = min(hits)
            found.append(option)
            if label != "总计":
                at = where + len(option)
        if "小计" in header:
            return False
        place = t.place(self.start, _T3_TABLE)
        for cells in (("申请人情况",), (found[0], "法人或其他组织", found[6]), tuple(found[1:6])):
            self.stream.items.append(TableRow(_T3_TABLE, tuple(TextCell(c, place) for c in cells), place))
        return True


_T3_ALL = ("T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS", "VALUE-TYPE")


def _column_sums(values: list[tuple[str, ...]], left: int) -> bool:
    """Whether, column by column, the first ``left`` rows sum to the rest (non-numbers are not tested)."""
    parsed = [numbers(v) for v in values]
    if any(p is None for p in parsed):
        return True
    rows = [p for p in parsed if p is not None]
    return all(sum(r[c] for r in rows[:left]) == sum(r[c] for r in rows[left:]) for c in range(len(T3_COLUMNS)))


def _t3_constraints(keys: list[str], version: str) -> list[Constraint]:
    index = {k: i for i, k in enumerate(keys)}
    out: list[Constraint] = []
    outcome_rows = T3_OUTCOME_ROWS_2019 if version == FORMAT_2019 else T3_OUTCOME_ROWS
    if "total_processed" in index and all(r in index for r in outcome_rows):
        idx = (index["total_processed"], *(index[r] for r in outcome_rows))
        out.append((idx, lambda v: _column_sums(v, 1)))
    balance = ("new_received", "carried_over", "total_processed", "carried_forward")
    if all(r in index for r in balance):
        out.append((tuple(index[r] for r in balance), lambda v: _column_sums(v, 2)))
    return out


# --- table 二 ------------------------------------------------------------------------------------------

_T2_TABLE = 1
_T2_DECIMAL = {"amount"}


class _Table2:
    def __init__(self, t: _Text, start: int, stop: int, stream: Stream) -> None:
        self.t, self.start, self.stop, self.stream = t, start, stop, stream

    def read(self, stated: dict[tuple[str, str], int]) -> None:
        t = self.t
        region = t.folded[self.start : self.stop]
        old = any(m in region for m in ("本年新制作数量", "上一年项目数量", "采购项目数量", "政府集中采购"))
        blocks = T2_2019_BLOCKS if old else T2_BLOCKS
        furniture = _furniture(
            ["信息内容"]
            + [normalise(label) for block in blocks for _, label in block.columns]
            + [normalise(block.caption) for block in blocks]
        )
        found: list[tuple[_Label, tuple[tuple[str, str], ...]]] = []
        pos = self.start
        for block in blocks:
            for row in block.rows:
                bodies = [normalise(row.label)] + (["规范性文件"] if row.key == "normative_documents" else [])
                label = _find_label(t, row.key, row.label, bodies, pos, self.stop)
                if label is not None:
                    found.append((label, block.columns))
                    pos = label.end
        rows: list[tuple[str, RowDecoding]] = []
        shown_headers: set[tuple[str, ...]] = set()
        for i, (label, columns) in enumerate(found):
            stop = found[i + 1][0].start if i + 1 < len(found) else self.stop
            run, junk = _value_run(t, label.end, stop, furniture)
            width = len(columns)
            decimal = [key in _T2_DECIMAL for key, _ in columns]
            if junk:
                decoding = RowDecoding(why=f"数值之间夹有无法识别的文字“{junk}”")
            else:
                decoding = _decode_row(run, width, decimal)
                if not old:
                    _by_stated_counts(decoding, label.key, columns, stated)
            rows.append((label.text, decoding))
            place = t.place(label.start, _T2_TABLE)
            header = tuple(lab for _, lab in columns)
            if header not in shown_headers:
                shown_headers.add(header)
                cells = ("信息内容", *(normalise(h) for h in header if normalise(h) in region))
                if len(cells) == width + 1:
                    self.stream.items.append(TableRow(_T2_TABLE, tuple(TextCell(c, place) for c in cells), place))
            cell = TextCell(label.text, place)
            self.stream.items.append(_decoded_row(cell, decoding, width, _T2_TABLE, f"表二“{label.text}”行"))
        _note(self.stream, "表二", rows, ("VALUE-TYPE",))


# Counts of table 二 that narratives state (spec §2): 集中公开现行有效行政规范性文件698件，动态更新本年度制发的
# 规范性文件88件. (row, column) → pattern on the folded narrative, with the count as its group.
_T2_STATED = {
    ("normative_documents", "in_force"): r"现行有效(?:的)?(?:行政)?规范性文件(?:共|共计)?(\d+)件",
    (
        "normative_documents",
        "issued",
    ): r"(?:本年|本年度)(?:新)?(?:制发|制定|印发)(?:的)?(?:行政)?规范性文件(?:共|共计)?(\d+)件",
    ("regulations", "in_force"): r"现行有效(?:的)?规章(?:共|共计)?(\d+)件",
    ("regulations", "issued"): r"(?:本年|本年度)(?:新)?(?:制发|制定)(?:的)?规章(?:共|共计)?(\d+)件",
}


def _stated_t2(t: _Text, headings: list[tuple[str, int, int]]) -> dict[tuple[str, str], int]:
    """The table 二 counts the narrative states once and unambiguously (a count stated twice differently is dropped)."""
    narrative = []
    for i, (key, _, end) in enumerate(headings):
        if key in ("overview", "problems", "other"):
            stop = headings[i + 1][1] if i + 1 < len(headings) else len(t.folded)
            narrative.append(t.folded[end:stop])
    text = "。".join(narrative)
    out: dict[tuple[str, str], int] = {}
    for where, pattern in _T2_STATED.items():
        counts = {int(m.group(1)) for m in re.finditer(pattern, text)}
        if len(counts) == 1:
            out[where] = counts.pop()
    return out


def _by_stated_counts(
    decoding: RowDecoding, row: str, columns: tuple[tuple[str, str], ...], stated: dict[tuple[str, str], int]
) -> None:
    """Narrow an ambiguous table 二 row with the counts the narrative states for it, when that leaves one split."""
    wanted = {i: stated[(row, col)] for i, (col, _) in enumerate(columns) if (row, col) in stated}
    if len(decoding.candidates) <= 1 or not wanted:
        return
    kept = [c for c in decoding.candidates if all(c[i] == str(n) for i, n in wanted.items())]
    if len(kept) == 1:
        decoding.candidates = kept
        decoding.stated = "、".join(f"{columns[i][1]} {n}" for i, n in wanted.items())


# --- table 四 ------------------------------------------------------------------------------------------

_T4_TABLE = 3
_T4_WIDTH = len(T4_GROUPS) * len(T4_RESULTS)
_TRAILING_RUN = re.compile(r"[0-9/／—–\-－]+$")
# Table 四's header labels run together: the longest known label at each point, else one character of junk.
_T4_HEADER = re.compile(
    "|".join(
        re.escape(label)
        for label in sorted(
            {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "维持", "纠正", "其他", "尚未审结", "合计"}
            | {label for _, label in T4_GROUPS + T4_RESULTS},
            key=len,
            reverse=True,
        )
    )
)


def _table4(t: _Text, start: int, stop: int, stream: Stream) -> None:
    region = t.folded[start:stop]
    m = _TRAILING_RUN.search(region)
    if m is None:
        return
    run_start = start + m.start()
    place = t.place(run_start, _T4_TABLE)
    head = _T4_HEADER.findall(region[: m.start()])
    if head:
        stream.items.append(TableRow(_T4_TABLE, tuple(TextCell(h, place) for h in head), place))
    decoding = _decode_row(t.raw[t.src(run_start) : t.src(stop)], _T4_WIDTH)
    if len(decoding.candidates) > 1:
        kept = []
        for candidate in decoding.candidates:
            parsed = numbers(candidate)
            if parsed is None or all(parsed[g + 4] == sum(parsed[g : g + 4]) for g in range(0, _T4_WIDTH, 5)):
                kept.append(candidate)
        decoding.candidates = kept
        decoding.rules = ("T4-GROUP",)
        if not kept:
            decoding.why = "没有一种拆法使各组“总计”等于各结果之和（可能印刷有误）"
    _note(stream, "表四", [("数值行", decoding)], ("T4-GROUP", "VALUE-TYPE"))
    values = decoding.unique
    if values is None:
        row = _decoded_row(TextCell("", place), decoding, _T4_WIDTH, _T4_TABLE, "表四数值行")
        stream.items.append(TableRow(_T4_TABLE, row.cells[1:], place))
        return
    provenance = DECODED if decoding.split else READ
    rules = decoding.rules if decoding.split else ()
    cells = tuple(TextCell(v, place, provenance=provenance, decoded_by=rules) for v in values)
    stream.items.append(TableRow(_T4_TABLE, cells, place))


# --- the reader's note ---------------------------------------------------------------------------------

_RULE_NAMES = {
    "T3-COLUMNS": "T3-COLUMNS（总计 = 六类申请人之和）",
    "T3-BALANCE": "T3-BALANCE（新收 + 上年结转 = 办理结果总计 + 结转下年度）",
    "T3-OUTCOMES": "T3-OUTCOMES（办理结果总计 = 各结果之和）",
    "T4-GROUP": "T4-GROUP（各组总计 = 各结果之和）",
}


def _note(stream: Stream, table: str, rows: list[tuple[str, RowDecoding]], rules: tuple[str, ...]) -> None:
    """Say which rows were decoded, which rules that used, which rules still assess them, and what is unread."""
    decoded = [(name, d) for name, d in rows if d.unique is not None and d.split]
    unread = [name for name, d in rows if d.unique is None]
    if not decoded and not unread:
        return
    parts = []
    if decoded:
        used = sorted({r for _, d in decoded for r in d.rules}, key=list(_RULE_NAMES).index)
        by_count = sum(1 for _, d in decoded if not d.rules and not d.stated)
        parts.append(f"{table}有 {len(decoded)} 行的单元格在原文中连写在一起（没有分隔），已按报告格式的约束解码")
        if by_count:
            parts.append(f"其中 {by_count} 行仅凭单元格个数即可唯一拆分")
        if used:
            names = "、".join(_RULE_NAMES.get(r, r) for r in used)
            parts.append(f"其余各行用到了 {names}：解码时用到的规则对这些行必然相符，不构成独立核对")
        for name, d in decoded:
            if d.stated:
                parts.append(f"“{name}”行另用到了正文所述的件数（{d.stated}）才唯一确定")
        independent = [r for r in rules if r not in used]
        if independent:
            parts.append(f"{'、'.join(independent)} 仍独立核对")
    if unread:
        shown = "、".join(f"“{n}”" for n in unread[:3]) + (f"等 {len(unread)} 行" if len(unread) > 3 else "")
        parts.append(f"{shown}无法唯一解码，未读取（原因见各格）")
    stream.notes.append("；".join(parts) + "。")
