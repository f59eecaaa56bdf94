"""Rules of the narrative against the tables: TEXT-NUMBERS and TEXT-FEES (spec annual-report.md §6).

Only unambiguous statements are read: a count right after its phrase
(``新收政府信息公开申请12件``), in the report's own year, not compared with
another year. Anything else is left alone rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from xxgk.core.report.layout import SECTIONS
from xxgk.core.report.model import Report
from xxgk.core.report.rules.numerals import NUMBER_PATTERN as N
from xxgk.core.report.rules.numerals import parse_count
from xxgk.core.report.rules.result import (
    FAIL,
    NOT_ASSESSABLE,
    PASS,
    Operands,
    RuleResult,
    cell_name,
    format_number,
    result,
)

__all__ = ["check_section_empty", "check_text_fees", "check_text_numbers", "find_statements"]

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# Sentences end at sentence punctuation or a blank line; a single line break is only a wrap (PDF, web copy).
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_WRAP = re.compile(r"\s*\n\s*")
_TOTAL = "共|共计|合计|总计|累计"
_APPLICATION = "(?:政府信息公开|信息公开|依申请公开)?(?:申请)"

_REVIEW = "t4.review.total"
_LITIGATION = ("t4.litigation_direct.total", "t4.litigation_after_review.total")

_NEW = ("t3.new_received.total",)
_NEW_AND_OVER = ("t3.new_received.total", "t3.carried_over.total")
_PROCESSED = ("t3.total_processed.total",)
_RECEIVE = "收到|接收|受理|接到"
_CONCLUDE = "办结|答复"

# (what the sentence states, the cells whose sum it must equal, pattern with one group: the count)
_STATEMENTS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (what, cells, re.compile(pattern))
    for what, cells, pattern in (
        (
            "新收申请",
            ("t3.new_received.total",),
            rf"新收(?:到)?(?:的)?{_APPLICATION}(?:{_TOTAL})?(?:数量|数)?(?:为)?:?({N})件",
        ),
        (
            "上年结转申请",
            ("t3.carried_over.total",),
            rf"上一?年度?结转(?:的)?{_APPLICATION}?(?:{_TOTAL})?(?:数量|数)?(?:为)?:?({N})件",
        ),
        (
            "结转下年度申请",
            ("t3.carried_forward.total",),
            rf"结转(?:至|到|入)?下一?年度?(?:继续办理)?(?:的)?{_APPLICATION}?(?:{_TOTAL})?(?:为)?:?({N})件",
        ),
        (
            "结转下年度申请",
            ("t3.carried_forward.total",),
            rf"({N})件{_APPLICATION}?(?:结转|顺延)(?:至|到|入)?下一?年",
        ),
        # 行政复议、行政诉讼共3件 is a sum of both: only a count right after its own word is read.
        ("行政复议", (_REVIEW,), rf"(?<!诉讼[、和及与])行政复议(?:案件|申请)?(?:{_TOTAL})?(?:为)?({N})(?:件|起)"),
        ("行政诉讼", _LITIGATION, rf"(?<!复议[、和及与])行政诉讼(?:案件)?(?:{_TOTAL})?(?:为)?({N})(?:件|起)"),
        ("行政复议", (_REVIEW,), rf"行政复议[、和及与]行政诉讼(?:案件)?(?:均|各)(?:为)?({N})(?:件|起)"),
        ("行政诉讼", _LITIGATION, rf"行政复议[、和及与]行政诉讼(?:案件)?(?:均|各)(?:为)?({N})(?:件|起)"),
    )
)
# Wordings of the whole year's work that real reports use for the counts of table 三. They are read only
# in a sentence about the whole unit (全市、全区、共…): a unit often states what one of its offices
# received. 收到/受理 N 件 means the new applications or, in many reports, new plus carried over: it
# agrees when it equals either.
_SCOPED: tuple[tuple[str, tuple[tuple[str, ...], ...], re.Pattern[str]], ...] = tuple(
    (what, alternatives, re.compile(pattern))
    for what, alternatives, pattern in (
        (
            "收到申请",
            (_NEW, _NEW_AND_OVER),
            rf"(?:{_RECEIVE})(?:[^,，。；]{{0,30}}?){_APPLICATION}(?:{_TOTAL})?(?:为)?:?({N})件",
        ),
        ("办结申请", (_PROCESSED,), rf"(?:{_CONCLUDE})(?:了)?(?:依申请公开|{_APPLICATION})?(?:{_TOTAL})?({N})件"),
    )
)
_WHOLE = re.compile(r"全[市区县镇乡省州盟旗局委办街]|全年|共|合计|累计|总计")
# A clause that speaks of another year or compares years is not an unambiguous statement of this year.
_OTHER_YEAR = re.compile(r"上一?年(?!结转)|去年|同比|较|相比|比上")
_YEAR = re.compile(r"(\d{4})年")
_CLAUSE_START = re.compile(r"[,，、:：]")
# Every statement pattern contains one of these words; other sentences are skipped cheaply.
_KEYWORDS = re.compile(r"新收|结转|顺延|行政复议|行政诉讼|收到|接收|受理|接到|办结|答复")


@dataclass(frozen=True)
class Statement:
    """A count stated in the narrative: section, sentence, what it counts, the count, its cells."""

    section: str
    sentence: str
    what: str
    count: int
    cells: tuple[str, ...]
    # Other cell sets the statement may mean (e.g. new + carried over): it agrees when it equals any of them.
    alternatives: tuple[tuple[str, ...], ...] = ()


def _sentences(text: str, keywords: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    """(original sentence, normalised sentence) pairs; normalised = NFKC without white space.

    With ``keywords``, only sentences containing one of them (white space ignored) are kept.
    """
    out = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if keywords is not None and not keywords.search(_SPACE.sub("", paragraph)):
            continue
        for match in _SENTENCE.finditer(paragraph):
            raw = match.group(0)
            compact = _SPACE.sub("", raw)
            if not compact or (keywords is not None and not keywords.search(compact)):
                continue
            out.append((_WRAP.sub("", raw).strip(), unicodedata.normalize("NFKC", compact)))
    return out


def _about_this_year(sentence: str, start: int, year: int | None) -> bool:
    """Whether the clause before ``start`` leaves the statement about the report year."""
    clause = _CLAUSE_START.split(sentence[:start])[-1]
    if _OTHER_YEAR.search(clause):
        return False
    return year is None or all(int(y) == year for y in _YEAR.findall(clause))


def find_statements(report: Report) -> list[Statement]:
    """The unambiguous counts the narrative states that have a cell, in reading order."""
    headings = dict(SECTIONS)
    found: list[Statement] = []
    for key, section in report.sections.items():
        name = section.heading or headings.get(key, key)
        for original, sentence in _sentences(section.text, _KEYWORDS):
            in_sentence: list[tuple[int, Statement]] = []
            for what, cells, pattern in _STATEMENTS:
                for match in pattern.finditer(sentence):
                    count = parse_count(match.group(1))
                    if count is None or not _about_this_year(sentence, match.start(), report.year):
                        continue
                    in_sentence.append((match.start(), Statement(name, original, what, count, cells)))
            for what, alternatives, pattern in _SCOPED:
                for match in pattern.finditer(sentence):
                    count = parse_count(match.group(1))
                    start = match.start()
                    if count is None or not _WHOLE.search(sentence[:start]):
                        continue
                    if not _about_this_year(sentence, start, report.year):
                        continue
                    first, *others = alternatives
                    statement = Statement(name, original, what, count, first, tuple(others))
                    in_sentence.append((start, statement))
            found += [statement for _, statement in sorted(in_sentence, key=lambda item: item[0])]
    return found


def _quote(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def _agreeing(report: Report, st: Statement) -> Statement:
    """The statement with the cell set it agrees with, among its alternatives (else its first meaning)."""
    for cells in (st.cells, *st.alternatives):
        ops = Operands(report, list(cells))
        if ops.complete and ops.total(list(cells)) == st.count:
            return Statement(st.section, st.sentence, st.what, st.count, cells)
    return st


def check_text_numbers(report: Report) -> list[RuleResult]:
    """TEXT-NUMBERS: each count the narrative states equals its cell (条例第五十条: the report is one account).

    One result per statement found; none when the narrative states no count.
    """
    out = []
    for st in find_statements(report):
        st = _agreeing(report, st)
        ops = Operands(report, list(st.cells))
        where = f"“{st.section}”中“{_quote(st.sentence)}”称{st.what} {st.count} 件"
        target = "、".join(cell_name(c) for c in st.cells)
        if not ops.complete:
            out.append(result("TEXT-NUMBERS", NOT_ASSESSABLE, report, ops.addresses, f"{where}，{ops.why()}"))
            continue
        printed, stated = ops.total(list(st.cells)), Decimal(st.count)
        shown = f"{target}{'合计' if len(st.cells) > 1 else ''}为 {format_number(printed)}"
        if printed == stated:
            status, message = PASS, f"{where}，{shown}，相符"
        else:
            status, message = FAIL, f"{where}，而{shown}，相差 {format_number(printed - stated)}"
        out.append(result("TEXT-NUMBERS", status, report, ops.addresses, message, printed=printed, computed=stated))
    return out


_FEE_TERM = re.compile(r"信息处理费|处理费|收费|费用")
_FEE_STATED = re.compile(
    r"未(?:曾|向[^,，。]*)?收取|没有收取|不收取|未收|免收|无收取|未产生|没有产生|未发生|没有发生|不涉及|未涉及"
    r"|收取[^。;]*?(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)(?:万)?元|(?<![\d.])0(?:\.0+)?元|零元"
    r"|^无|:无|无(?:信息处理费|收费|收取)"
)
_FEE_NOTICE = re.compile(r"收费通知|缴费通知|缴纳通知|收费决定")
_FEE_UNPAID = "t3.other_fee_unpaid.total"


def check_text_fees(report: Report) -> list[RuleResult]:
    """TEXT-FEES: section 六 states whether 信息处理费 was charged, and mentions fee notices when 表三 counts some.

    条例第四十二条；国办函〔2020〕109号；国办公开办函〔2021〕30号 第六部分.
    """
    section = report.sections.get("other")
    if section is None:
        message = "报告缺少“六、其他需要报告的事项”，未说明信息处理费的收取情况"
        return [result("TEXT-FEES", FAIL, report, [], message)]
    sentences = _sentences(section.text)
    stated = any(_FEE_TERM.search(s) and _FEE_STATED.search(s) for _, s in sentences)
    notice = any(_FEE_NOTICE.search(s) for _, s in sentences)
    if not stated:
        shown = _quote(_SPACE.sub("", section.text))
        said = f"仅写“{shown}”" if shown else "没有内容"
        message = f"“六、其他需要报告的事项”{said}，未说明是否收取信息处理费（如“未收取信息处理费”或收取金额）"
        return [result("TEXT-FEES", FAIL, report, [], message)]
    if _FEE_UNPAID not in report.cells or notice:
        message = "第六部分已说明信息处理费的收取情况" + ("并提及收费通知" if notice else "")
        return [result("TEXT-FEES", PASS, report, [], message)]
    ops = Operands(report, [_FEE_UNPAID])
    if not ops.complete:
        message = f"第六部分已说明信息处理费收取情况，但是否应提及收费通知{ops.why()}"
        return [result("TEXT-FEES", NOT_ASSESSABLE, report, [_FEE_UNPAID], message)]
    unpaid = ops.get(_FEE_UNPAID)
    if unpaid > 0:
        message = (
            f"{cell_name(_FEE_UNPAID)}为 {format_number(unpaid)}，即有申请人未按收费通知缴费，"
            "但第六部分未提及收费通知（发出件数及金额）"
        )
        return [result("TEXT-FEES", FAIL, report, [_FEE_UNPAID], message)]
    return [result("TEXT-FEES", PASS, report, [_FEE_UNPAID], "第六部分已说明信息处理费的收取情况")]


# The narrative sections the format requires to say something (国办公开办函〔2021〕30号 第一、五、六部分).
_NARRATIVE_SECTIONS = ("overview", "problems", "other")
_NOT_CONTENT = re.compile(r"[\s\u00a0\u3000\u200b\ufeff\W_]+")


def check_section_empty(report: Report) -> list[RuleResult]:
    """SECTION-EMPTY: sections 一, 五 and 六 have text under their heading (one result per section).

    A section whose heading was not found is not assessable (FORMAT-LABELS reports the heading).
    """
    headings = dict(SECTIONS)
    out = []
    for key in _NARRATIVE_SECTIONS:
        section = report.sections.get(key)
        name = headings[key]
        if section is None:
            message = f"未找到章节“{name}”的标题，无法判断其内容是否为空"
            out.append(result("SECTION-EMPTY", NOT_ASSESSABLE, report, [], message))
        elif _NOT_CONTENT.sub("", section.text):
            out.append(result("SECTION-EMPTY", PASS, report, [], f"“{name}”有正文"))
        else:
            where = f"（{section.place.describe()}）" if section.place is not None else ""
            message = f"“{name}”{where}标题之下没有任何内容；该部分是年度报告必须填写的内容"
            out.append(result("SECTION-EMPTY", FAIL, report, [], message))
    return out
