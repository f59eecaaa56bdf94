"""Reading Markdown: headings, paragraphs and pipe tables."""

from __future__ import annotations

from xxgk.documents.read_markdown import read_markdown
from xxgk.documents.stream import Paragraph, TableRow

DOC = """# 某县2022年政府信息公开工作年度报告

## 一、总体情况

本年度，**本机关**认真贯彻
《条例》。

## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | | 行政诉讼 |
|---|:---:|---:|
| 结果<br>维持 | 1 \\| 2 | 3 |
| 0 | `4` | |
"""


def test_headings_and_paragraphs() -> None:
    items = read_markdown(DOC, "r.md").items
    paragraphs = [i for i in items if isinstance(i, Paragraph)]
    assert [p.text for p in paragraphs] == [
        "某县2022年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度，本机关认真贯彻《条例》。",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert paragraphs[2].place.line == 5


def test_pipe_table_rows_skip_the_separator() -> None:
    rows = [i for i in read_markdown(DOC).items if isinstance(i, TableRow)]
    assert [[c.text for c in r.cells] for r in rows] == [
        ["行政复议", "", "行政诉讼"],
        ["结果\n维持", "1 | 2", "3"],
        ["0", "4", ""],
    ]
    assert {r.table for r in rows} == {1}
    assert rows[1].cells[2].place.line == 12 and rows[1].cells[2].place.column == 3


def test_two_tables_get_two_numbers() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n正文\n\n| c | d |\n| --- | --- |\n"
    rows = [i for i in read_markdown(text).items if isinstance(i, TableRow)]
    assert [r.table for r in rows] == [1, 1, 2]
    assert read_markdown(text).source_type == "markdown"
