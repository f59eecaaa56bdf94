"""Odd table headers never drop a printed value silently (spec annual-report.md §2–§4, rule FORMAT-LABELS)."""

from __future__ import annotations

import pytest

from xxgk.core.report.model import LabelNote, Place, Report
from xxgk.core.report.rules.values import check_format_labels
from xxgk.documents.interpret import interpret
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

T2_HEAD = "二、主动公开政府信息情况"
T3_HEAD = "三、收到和处理政府信息公开申请情况"
T4_HEAD = "四、政府信息公开行政复议、行政诉讼情况"
T3_NEW = "一、本年新收政府信息公开申请数量"
T3_KEYS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")


def row(number: int, *texts: str) -> TableRow:
    """A table row of table 1 on page 1, cells numbered from 1."""
    cells = tuple(TextCell(t, Place(page=1, table=1, row=number, column=i + 1)) for i, t in enumerate(texts))
    return TableRow(1, cells, Place(page=1, table=1, row=number))


def read(heading: str, *rows: TableRow) -> Report:
    return interpret(Stream(items=[Paragraph(heading, Place(page=1)), *rows]))


def notes(report: Report, where: str, *statuses: str) -> set[tuple[str, str, str | None]]:
    """The (status, expected, found) of the notes at ``where`` whose status is one of ``statuses``."""
    return {(n.status, n.expected, n.found) for n in report.labels if n.where == where and n.status in statuses}


def numbers(report: Report, prefix: str, keys: tuple[str, ...]) -> list[int | None]:
    return [int(n) if (n := report.number(f"{prefix}.{k}")) is not None else None for k in keys]


# --- table 二 -----------------------------------------------------------------------------------------

T2_KEYS = ("issued", "repealed", "in_force")


@pytest.mark.parametrize(
    ("header", "values", "cells", "expected_notes"),
    [
        pytest.param(
            ("信息内容", "甲项", "乙项", "丙项"),
            ("1", "2", "3"),
            [1, 2, 3],
            {
                ("misspelled", "本年制发件数", "甲项"),
                ("misspelled", "本年废止件数", "乙项"),
                ("misspelled", "现行有效件数", "丙项"),
            },
            id="all-labels-unmatched-official-width",
        ),
        pytest.param(
            ("信息内容", "本年制发件数", "作废", "现行有效件数"),
            ("1", "2", "3"),
            [1, 2, 3],
            {("misspelled", "本年废止件数", "作废")},
            id="one-label-unmatched",
        ),
        pytest.param(
            ("信息内容", "甲项", "乙项"),
            ("1", "2", "3"),
            [1, 2, 3],
            set(),
            id="unmatched-header-of-other-width-but-official-values",
        ),
        pytest.param(
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "备注数"),
            ("1", "2", "3", "9"),
            [1, 2, 3],
            {("unmapped", "本年制发件数、本年废止件数、现行有效件数", "备注数")},
            id="extra-unknown-column-is-named",
        ),
        pytest.param(
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            ("1", "2", "3"),
            [1, 2, 3],
            set(),
            id="official-header-holds",
        ),
    ],
)
def test_table_two_header_labels(
    header: tuple[str, ...], values: tuple[str, ...], cells: list[int], expected_notes: set
) -> None:
    report = read(T2_HEAD, row(1, *header), row(2, "规章", *values))
    assert numbers(report, "t2.regulations", T2_KEYS) == cells
    assert notes(report, "t2.column", "misspelled", "unmapped") == expected_notes


def test_an_unmapped_table_two_column_fails_format_labels_with_its_name() -> None:
    report = read(
        T2_HEAD,
        row(1, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "备注数"),
        row(2, "规章", "1", "2", "3", "9"),
    )
    (result,) = check_format_labels(report)
    assert result.status == "fail"
    assert "表二列标题“备注数”无法对应到规定的栏目" in result.message
    assert "（第1页 表1 第1行 第5列）" in result.message


# --- table 三 -----------------------------------------------------------------------------------------

T3_PARENT = ("", "自然人", "法人或其他组织", "总计")
T3_CHILD = ("", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


@pytest.mark.parametrize(
    ("headers", "values", "cells", "expected_notes"),
    [
        pytest.param(
            [T3_PARENT, ("", "", "商业企", "科研机构", "社会公益组织", "法律服务机构", "其他")],
            ("1", "2", "3", "4", "5", "6", "21"),
            [1, 2, 3, 4, 5, 6, 21],
            {("misspelled", "商业企业", "商业企")},
            id="one-typo-column-by-position",
        ),
        pytest.param(
            [T3_PARENT, (*T3_CHILD, "法人小计")],
            ("4", "1", "2", "0", "0", "0", "3", "7"),
            [4, 1, 2, 0, 0, 0, 7],
            set(),
            id="legal-person-subtotal-skipped",
        ),
        pytest.param(
            [T3_PARENT, (*T3_CHILD, "合计")],
            ("4", "1", "2", "0", "0", "0", "3", "7"),
            [4, 1, 2, 0, 0, 0, 7],
            set(),
            id="total-inside-legal-persons-is-a-subtotal",
        ),
        pytest.param(
            [("申请人情况", "个人", "公司", "研究所", "公益团体", "律所", "别的", "共计")],
            ("1", "2", "3", "4", "5", "6", "21"),
            [1, 2, 3, 4, 5, 6, 21],
            {
                ("misspelled", "自然人", "个人"),
                ("misspelled", "商业企业", "公司"),
                ("misspelled", "科研机构", "研究所"),
                ("misspelled", "社会公益组织", "公益团体"),
                ("misspelled", "法律服务机构", "律所"),
                ("misspelled", "其他", "别的"),
                ("misspelled", "总计", "共计"),
            },
            id="official-order-unknown-words",
        ),
        pytest.param(
            [T3_PARENT, (*T3_CHILD, "外籍")],
            ("1", "2", "3", "4", "5", "6", "99", "21"),
            [1, 2, 3, 4, 5, 6, 21],
            {("unmapped", "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计", "外籍")},
            id="extra-unknown-column-is-named",
        ),
        pytest.param(
            [T3_PARENT, T3_CHILD],
            ("1", "2", "3", "4", "5", "6", "21"),
            [1, 2, 3, 4, 5, 6, 21],
            set(),
            id="official-header-holds",
        ),
    ],
)
def test_table_three_header_labels(
    headers: list[tuple[str, ...]], values: tuple[str, ...], cells: list[int], expected_notes: set
) -> None:
    rows = [row(i + 1, *h) for i, h in enumerate(headers)]
    report = read(T3_HEAD, *rows, row(len(rows) + 1, T3_NEW, *values))
    assert numbers(report, "t3.new_received", T3_KEYS) == cells
    assert notes(report, "t3.column", "misspelled", "unmapped") == expected_notes
    assert not notes(report, "t3.column", "missing")


# --- table 四 -----------------------------------------------------------------------------------------

T4_VALUES = tuple(str(i) for i in range(1, 16))
T4_ADDRESSES = [
    f"t4.{g}.{r}"
    for g in ("review", "litigation_direct", "litigation_after_review")
    for r in ("upheld", "corrected", "other", "pending", "total")
]


@pytest.mark.parametrize(
    ("groups", "results", "expected_notes"),
    [
        pytest.param(
            ("行政复议", "行政诉讼", "直接起诉", "复议后起诉"),
            ("维持", "纠正", "其他", "审结", "合计"),
            {("misspelled", "未经复议直接起诉", "直接起诉"), ("misspelled", "尚未审结", "审结")},
            id="shortened-labels-by-position",
        ),
        pytest.param(
            ("复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "再审诉讼"),
            ("维持", "纠正", "其他", "尚未审结", "合计"),
            {
                ("unmapped", "行政复议、未经复议直接起诉、复议后起诉", "复议"),
                ("unmapped", "行政复议、未经复议直接起诉、复议后起诉", "再审诉讼"),
            },
            id="unread-labels-of-another-count-are-named",
        ),
        pytest.param(
            ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"),
            ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
            set(),
            id="official-header-holds",
        ),
    ],
)
def test_table_four_header_labels(groups: tuple[str, ...], results: tuple[str, ...], expected_notes: set) -> None:
    report = read(T4_HEAD, row(1, *groups), row(2, *(results * 3)), row(3, *T4_VALUES))
    assert [int(report.number(a) or 0) for a in T4_ADDRESSES] == list(range(1, 16))
    assert notes(report, "t4.column", "misspelled", "unmapped") == expected_notes


def test_label_note_keeps_the_place_of_the_unread_header() -> None:
    report = read(T3_HEAD, row(1, *T3_PARENT), row(2, *T3_CHILD, "外籍"), row(3, T3_NEW, *("1",) * 8))
    unmapped = [n for n in report.labels if n.status == "unmapped"]
    assert unmapped == [
        LabelNote(
            "unmapped",
            "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计",
            "外籍",
            "t3.column",
            Place(page=1, table=1, row=2, column=8),
        )
    ]
