"""Turn a reading stream into an annual report: title, sections, tables 二/三/四 (spec annual-report.md §1–§7).

One interpreter serves every reader. Tables are recognised by their section
and by the labels of their rows, not by how a reader numbered them, so a
table split over PDF pages (header repeated) or several tables sharing one
number read the same. Every required label leaves a :class:`LabelNote` for
rule FORMAT-LABELS; every cell keeps its :class:`Place`.
"""

from __future__ import annotations

import re

from xxgk.core.report.labels import (
    MISSPELLED,
    SECTION_LABELS,
    T2_ROW_LABELS,
    T3_ROW_LABELS,
    LabelMatch,
    normalise,
    squeeze,
)
from xxgk.core.report.layout import FORMAT_2019, FORMAT_2021, SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Kind, LabelNote, Report, Section, parse_value
from xxgk.documents.errors import NotAReport
from xxgk.documents.interpret_table3 import T3Collector
from xxgk.documents.interpret_tables import T2Collector, T4Collector
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

__all__ = ["expected_version", "interpret"]

_TITLE = re.compile(r"^(?P<unit>.*?)(?P<year>(?:19|20)\d{2})\s*年度?(?P<unit2>.*?)政府信息公开(?:工作)?(?:年度)?报告")
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})年1月1日")
_TITLE_MAX = 60  # squeezed length of a title line
_TITLE_LINE_MAX = 40  # squeezed length of the first line of a title broken over two lines
_SENTENCE = re.compile(r"[。，,；;：:《》]")
# Page furniture copied with a web page or a PDF before the title (正文, 【字体：大 中 小】, 打印本页 …).
_PAGE_FURNITURE = re.compile(r"^(?:正文|全文|原文|打印本页|打印|关闭窗口|关闭|【?字[体号][:：]?[大中小]*】?)+")
_HEADING_MAX = 30  # squeezed length; a longer paragraph is running text
_SECTION_INDEX = {key: i for i, (key, _) in enumerate(SECTIONS)}
_TABLE_OF_SECTION = {"table2": "t2", "table3": "t3", "table4": "t4"}
_T3_MARKERS = ("申请人情况", "勾稽", "自然人", "法人或其他组织", "商业企业", "科研机构", "法律服务机构", "公益组织")
_T4_MARKERS = ("行政复议", "行政诉讼", "结果维持", "维持", "纠正", "审结", "直接起诉", "复议后起诉")


def expected_version(year: int | None) -> str:
    """The format a report year must use: the 2019 format for 2019–2020, else 2021 (国办公开办函〔2021〕30号)."""
    return FORMAT_2019 if year in (2019, 2020) else FORMAT_2021


def interpret(stream: Stream) -> Report:
    """Interpret a reader's stream as an annual report; raise NotAReport if it holds none of one."""
    return _Interpreter(stream).run()


class _Interpreter:
    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.report = Report(source=stream.source, source_type=stream.source_type, notes=list(stream.notes))
        self.expected = FORMAT_2021
        self.section: str | None = None
        self.section_index = -1
        self.section_head: dict[str, tuple[LabelMatch, Paragraph]] = {}
        self.section_text: dict[str, list[str]] = {}
        self.context: str | None = None  # "t2", "t3", "t4": the table the last rows belonged to
        self.t2 = T2Collector()
        self.t3 = T3Collector()
        self.t4 = T4Collector()
        self.t3_pending = False  # the previous row was a table 三 label without values
        self.before_first_section: list[Paragraph] = []

    def run(self) -> Report:
        for item in self.stream.items:
            if isinstance(item, Paragraph):
                self.paragraph(item)
            else:
                self.row(item)
        if not self.section_head and not (self.t2.found or self.t3.found or self.t4.found):
            raise NotAReport("no section heading and no recognisable table")
        return self.finish()

    # --- paragraphs: title, headings, section text -------------------------------------------

    def paragraph(self, p: Paragraph) -> None:
        text = p.text.strip()
        if not text:
            return
        if self.report.title is None and self.section is None and self.title(p, text):
            return
        heading = self.heading(text)
        if heading is not None:
            self.section = heading.key
            self.section_index = _SECTION_INDEX[heading.key]
            self.section_head[heading.key] = (heading, p)
            self.section_text[heading.key] = []
            self.context = _TABLE_OF_SECTION.get(heading.key)
            return
        if self.section is None:
            self.before_first_section.append(p)
        else:
            self.section_text[self.section].append(text)

    def title(self, p: Paragraph, text: str) -> bool:
        s = squeeze(text)
        m = _TITLE.match(s)
        if m is None and self.before_first_section:
            # A title broken over two lines (PDF text, copied pages): 2025年……政府信息 / 公开工作年度报告.
            prev = squeeze(self.before_first_section[-1].text)
            if 0 < len(prev) <= _TITLE_LINE_MAX and not _SENTENCE.search(prev):
                m = _TITLE.match(prev + s)
                if m is not None and m.end() > len(prev):
                    s = prev + s
                else:
                    m = None
        if m is None or m.end() > _TITLE_MAX:
            return False
        furniture = _PAGE_FURNITURE.match(s)
        start = furniture.end() if furniture and furniture.end() <= m.end("unit") else 0
        if _SENTENCE.search(s[start : m.end("unit")] + m.group("unit2")):
            return False  # a sentence of running text that mentions the report, not its title
        unit = s[start : m.end("unit")] or m.group("unit2")
        title = s[start : m.end()]
        if not unit and self.before_first_section:
            prev = squeeze(self.before_first_section[-1].text)
            if 0 < len(prev) <= 30 and not re.search(r"[。，：:]", prev):
                unit, title = prev, prev + title
        self.report.title = text if title == squeeze(text) else title
        self.report.unit = unit.strip() or None
        self.report.year = int(m.group("year"))
        self.expected = expected_version(self.report.year)
        self.t2.expected = self.t3.expected = self.expected
        if len(s) > m.end():  # a title that starts a longer paragraph (lines joined): keep the rest as text
            self.before_first_section.append(Paragraph(s[m.end() :], p.place))
        return True

    def heading(self, text: str) -> LabelMatch | None:
        s = squeeze(text)
        if len(s) > _HEADING_MAX:
            return None
        m = SECTION_LABELS.match(text, self.expected)
        if m is None or _SECTION_INDEX[m.key] <= self.section_index:
            return None
        if m.status == MISSPELLED and normalise(text)[:1] in "(（0123456789":
            return None  # a numbered sub-heading such as （二）主动公开, not a section
        return m

    # --- table rows ------------------------------------------------------------------------------

    def row(self, row: TableRow) -> None:
        pending, self.t3_pending = self.t3_pending, False
        cells = _dedupe(row.cells)
        if not any(c.text.strip() or c.doubt for c in cells):
            return
        # A cell the reader left unread (doubt) still stands in its row as a value, never as a label.
        kinds = [Kind.NA if c.doubt is not None else _kind(c.text) for c in cells]
        numbers = kinds.count(Kind.NUMBER)
        texts = [c for c, k in zip(cells, kinds, strict=True) if k is Kind.TEXT]
        if numbers == 0 and texts and self.header_row(cells, texts):
            return
        if texts and self.t3_row(cells, kinds):
            return
        if texts and self.t2_row(cells, kinds):
            return
        values = numbers + kinds.count(Kind.NA)
        if self.context == "t3" and not texts and values >= 5:
            self.t3.values_only(cells, paired=pending)  # values printed in a row of their own, without a label
            return
        if self.context == "t4" and values >= 5 and len(cells) - len(texts) >= 5:
            self.t4.value_row(cells)

    def header_row(self, cells: list[TextCell], texts: list[TextCell]) -> bool:
        first = normalise(texts[0].text)
        if first.startswith("信息内容"):
            self.context = "t2"
            self.t2.header(cells)
            return True
        if first.startswith("第二十条"):
            self.context = "t2"
            self.t2.caption()
            return True
        joined = "".join(normalise(c.text) for c in texts)
        t3_hits = sum(m in joined for m in _T3_MARKERS)
        # normalise() drops a trailing 情况, so a lone 申请人情况 cell reads as 申请人.
        t3_hits += any(normalise(c.text) == "申请人" for c in texts)
        t4_hits = sum(m in joined for m in _T4_MARKERS)
        if t3_hits and t3_hits >= t4_hits:
            self.context = "t3"
            self.t3.header(cells)
            return True
        if t4_hits:
            self.context = "t4"
            self.t4.header(cells)
            return True
        return False

    def t3_row(self, cells: list[TextCell], kinds: list[Kind]) -> bool:
        """A table 三 row: its label (the most specific label cell before the values) and its value cells."""
        first_value = next((i for i, k in enumerate(kinds) if k in (Kind.NUMBER, Kind.NA)), len(cells))
        fuzzy_ok = self.context == "t3"
        for i in range(first_value - 1, -1, -1):
            cell = cells[i]
            if kinds[i] is not Kind.TEXT:
                continue
            m = T3_ROW_LABELS.match(cell.text, self.expected)
            if m is None or (m.status == MISSPELLED and not fuzzy_ok):
                continue
            after = cells[i + 1 :]
            if first_value == len(cells) and any(k is Kind.TEXT for k in kinds[i + 1 :]):
                return False  # label text beside other text and no value: not a value row
            self.context = "t3"
            if not any(c.text.strip() or c.doubt for c in after):
                self.t3.label_only(m, cell)  # its values may follow in the next row (label and values split)
                self.t3_pending = True
                return True
            self.t3.value_row(m, cell, after)
            return True
        return False

    def t2_row(self, cells: list[TextCell], kinds: list[Kind]) -> bool:
        first = next((i for i, c in enumerate(cells) if c.text.strip()), None)
        if first is None or kinds[first] is not Kind.TEXT:
            return False
        m = T2_ROW_LABELS.match(cells[first].text, self.expected)
        if m is None or (m.status == MISSPELLED and self.context != "t2"):
            return False
        values = cells[first + 1 :]
        if not values or all(k is Kind.TEXT for k in kinds[first + 1 :]):
            return False
        self.context = "t2"
        self.t2.value_row(m, cells[first], values)
        return True

    # --- assembly ----------------------------------------------------------------------------------

    def finish(self) -> Report:
        report = self.report
        if report.year is None:
            self.guess_year()
        for key, _ in SECTIONS:
            found = self.section_head.get(key)
            if found is None:
                report.labels.append(LabelNote("missing", dict(SECTIONS)[key], None, "section"))
                continue
            m, p = found
            report.labels.append(LabelNote(m.status, m.expected, p.text.strip(), "section", p.place))
            report.sections[key] = Section(key, p.text.strip(), "\n".join(self.section_text[key]), p.place)
        cells: dict[str, Cell] = {}
        unread: dict[str, str] = {}
        self.t2.emit(cells, report.labels, unread)
        self.t3.emit(cells, report.labels, unread)
        report.notes += self.t3.notes
        if self.t4.note:
            report.notes.append(self.t4.note)
        self.t4.emit(cells, report.labels, unread)
        report.t2_format = self.t2.version()
        report.t3_format = self.t3.version()
        report.has_t4 = self.t4.found
        order = cell_addresses(report.t2_format, report.t3_format)
        report.cells = {a: cells[a] for a in order if a in cells}
        report.unread = {a: unread[a] for a in order if a in unread and a not in cells}
        return report

    def guess_year(self) -> None:
        for p in self.before_first_section + [p for _, p in self.section_head.values()]:
            m = _TITLE.match(squeeze(p.text))
            if m:
                self.report.year = int(m.group("year"))
                return
        # The statistical period (本报告中所列数据统计期限为2025年1月1日至……), in the preamble or a section.
        texts = [p.text for p in self.before_first_section] + [t for lines in self.section_text.values() for t in lines]
        for text in texts:
            m = _YEAR_IN_TEXT.search(squeeze(text))
            if m:
                self.report.year = int(m.group(1))
                return


_KINDS: dict[str, Kind] = {}


def _kind(text: str) -> Kind:
    """The value kind of a cell's text (cached: the same few texts recur in every report)."""
    kind = _KINDS.get(text)
    if kind is None:
        if len(_KINDS) > 50000:
            _KINDS.clear()
        kind = _KINDS[text] = parse_value(text).kind
    return kind


def _dedupe(cells: tuple[TextCell, ...]) -> list[TextCell]:
    """Drop cells repeated horizontally by a column span (same origin as a cell already kept)."""
    out: list[TextCell] = []
    seen: set[tuple[int, int]] = set()
    for c in cells:
        if c.origin is not None:
            if c.origin in seen:
                continue
            seen.add(c.origin)
        out.append(c)
    return out
