"""Reading plain text copied out of a web page (both table layouts)."""

from __future__ import annotations

import pytest

from xxgk.documents.read_text import read_text
from xxgk.documents.stream import Paragraph, TableRow

SEED_STYLE = (
    "二、主动公开政府信息情况\n"  # line 1
    "\t第二十条第（一）项\n"  # 2
    "\n"
    "\t信息内容\n"  # 4
    "\t本年制发\n"  # 5
    "件数\n"  # 6: continues the cell above
    "\t\n"  # 7: an empty cell
    "\n"
    "\t规章\n"  # 9
    "\t\u00a00\n"  # 10
    "\n"
    "\n"
    "三、收到和处理政府信息公开申请情况\n"  # 13
    "\t一、本年新收政府信息公开申请数量\n"  # 14
    "\t3\n"
)

ROW_STYLE = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议\t行政诉讼\n"
    "\t\t1.属于国家秘密\t0\t0\n"
    "五、存在的主要问题及改进情况\n"
)


def test_seed_layout_cells_rows_and_tables() -> None:
    items = read_text(SEED_STYLE, "x.txt").items
    rows = [i for i in items if isinstance(i, TableRow)]
    assert [[c.text for c in r.cells] for r in rows] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发\n件数", ""],
        ["规章", "\u00a00"],
        ["一、本年新收政府信息公开申请数量", "3"],
    ]
    assert [r.table for r in rows] == [1, 1, 1, 2]
    assert [c.place.line for c in rows[1].cells] == [4, 5, 7]
    assert rows[2].place.line == 9


def test_paragraphs_keep_their_line() -> None:
    paragraphs = [i for i in read_text(SEED_STYLE).items if isinstance(i, Paragraph)]
    assert [(p.text, p.place.line) for p in paragraphs] == [
        ("二、主动公开政府信息情况", 1),
        ("三、收到和处理政府信息公开申请情况", 13),
    ]


def test_row_per_line_layout_splits_on_tabs() -> None:
    items = read_text(ROW_STYLE).items
    rows = [i for i in items if isinstance(i, TableRow)]
    assert [[c.text for c in r.cells] for r in rows] == [
        ["行政复议", "行政诉讼"],
        ["", "", "1.属于国家秘密", "0", "0"],
    ]
    assert rows[1].cells[3].place.column == 4 and rows[1].cells[3].place.line == 3
    # A heading right after a row is running text, not a continuation of the last cell.
    assert isinstance(items[-1], Paragraph) and items[-1].text == "五、存在的主要问题及改进情况"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\t规章\n一句很长的正文，这一句显然不是被拆开的表格单元格而是表格之后的正文段落，因为它很长。\n", 2),
        ("\t规章\n已办结。\n", 2),
        ("\t规章\n文件\n", 1),
    ],
)
def test_only_short_lines_continue_a_cell(text: str, expected: int) -> None:
    assert len(read_text(text).items) == expected


def test_crlf_and_source_type() -> None:
    stream = read_text("标题\r\n\t规章\r\n\t0\r\n", "a.txt")
    assert stream.source_type == "text" and stream.source == "a.txt"
    assert [c.text for c in stream.items[1].cells] == ["规章", "0"]
