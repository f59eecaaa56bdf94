"""Reading HTML: rowspan/colspan grids, saved web pages, NBSP, split and truncated tables."""

from __future__ import annotations

import pytest

from tests.documents.fixtures_html import report_fragment, report_page
from tests.documents.fixtures_report import ALL_VALUES, OTHER, T3_SPANS, T3_VALUES, TITLE
from xxgk.core.report.layout import T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_RESULTS
from xxgk.core.report.model import Place
from xxgk.documents.errors import EmptyDocument, ReadError
from xxgk.documents.read_html import read_html
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell


def grid(stream: Stream, table: int) -> dict[tuple[int, int], TextCell]:
    """The cells of one table keyed by (row, column) of their place."""
    return {
        (c.place.row, c.place.column): c
        for r in stream.items
        if isinstance(r, TableRow) and r.table == table
        for c in r.cells
    }


def paragraphs(stream: Stream) -> list[str]:
    """The paragraph texts in order."""
    return [p.text for p in stream.items if isinstance(p, Paragraph)]


@pytest.fixture(scope="module")
def page() -> Stream:
    """The whole report inside a saved government web page."""
    return read_html(report_page(), "report.html")


def test_page_tables_are_the_three_report_tables_in_order(page: Stream) -> None:
    tables = [r.table for r in page.items if isinstance(r, TableRow)]
    assert sorted(set(tables)) == [1, 2, 3]
    assert tables == sorted(tables), "tables must come in document order"
    assert page.source == "report.html" and page.source_type == "html"


def test_page_layout_table_and_navigation_make_no_table_rows(page: Stream) -> None:
    texts = {c.text for r in page.items if isinstance(r, TableRow) for c in r.cells}
    assert not texts & {"首页", "政务公开", "栏目导航", "政府信息公开年报", "广告"}


@pytest.mark.parametrize("skipped", ["互动交流", "广告", "_hmt", "font-family", "请开启浏览器的脚本功能", "模板内容"])
def test_page_skips_nav_script_style_noscript_template(page: Stream, skipped: str) -> None:
    assert not [p for p in paragraphs(page) if skipped in p]


def test_page_paragraphs_keep_document_order_around_tables(page: Stream) -> None:
    kinds = [it.text if isinstance(it, Paragraph) else f"table{it.table}" for it in page.items]
    order = [
        TITLE,
        "一、总体情况",
        "二、主动公开政府信息情况",
        "table1",
        "三、收到和处理政府信息公开申请情况",
        "table2",
    ]
    order += ["四、政府信息公开行政复议、行政诉讼情况", "table3", "五、存在的主要问题及改进情况", OTHER]
    positions = [kinds.index(x) for x in order]
    assert positions == sorted(positions)
    # each heading sits immediately before its table (the layout cell text around it comes out in order)
    assert kinds[kinds.index("table1") - 1] == "二、主动公开政府信息情况"
    assert "版权所有：示例县人民政府办公室   网站标识码：0000000001" in kinds  # &nbsp; kept as a space


def test_paragraph_places_are_source_lines(page: Stream) -> None:
    title = next(p for p in page.items if isinstance(p, Paragraph) and p.text == TITLE)
    assert title.place.line is not None and title.place.line > 20


@pytest.mark.parametrize(("slots", "text", "origin"), T3_SPANS)
def test_table3_spans_expand_with_origins(page: Stream, slots: list[tuple[int, int]], text: str, origin: tuple) -> None:
    cells = grid(page, 2)
    for slot in slots:
        assert cells[slot].text == text, slot
        assert cells[slot].origin == origin, slot


def test_table3_values_land_in_their_columns(page: Stream) -> None:
    cells = grid(page, 2)
    assert max(r for r, _ in cells) == 28 and max(c for _, c in cells) == 10
    for i, row in enumerate(T3_ROWS):
        for j, (col, _) in enumerate(T3_COLUMNS):
            cell = cells[(4 + i, 4 + j)]
            assert cell.text == T3_VALUES[f"t3.{row.key}.{col}"]
            assert cell.origin is None
            assert cell.place == Place(table=2, row=4 + i, column=4 + j)


def test_row_places_match_their_cells(page: Stream) -> None:
    for row in (r for r in page.items if isinstance(r, TableRow)):
        assert row.place == Place(table=row.table, row=row.place.row)
        assert [c.place.column for c in row.cells] == list(range(1, len(row.cells) + 1))
        assert {c.place.row for c in row.cells} == {row.place.row}


@pytest.mark.parametrize(
    ("slot", "text", "origin"),
    [
        ((1, 1), "行政复议", (1, 1)),
        ((1, 5), "行政复议", (1, 1)),
        ((1, 6), "行政诉讼", (1, 6)),
        ((1, 15), "行政诉讼", (1, 6)),
        ((2, 1), "结果维持", (2, 1)),
        ((3, 1), "结果维持", (2, 1)),
        ((3, 5), "总计", (2, 5)),
        ((2, 6), "未经复议直接起诉", (2, 6)),
        ((2, 10), "未经复议直接起诉", (2, 6)),
        ((2, 11), "复议后起诉", (2, 11)),
        ((3, 6), "结果维持", None),
        ((3, 15), "总计", None),
        ((4, 1), "40", None),
        ((4, 15), "54", None),
    ],
)
def test_table4_header_rows_expand(page: Stream, slot: tuple[int, int], text: str, origin: tuple | None) -> None:
    assert grid(page, 3)[slot].text == text
    assert grid(page, 3)[slot].origin == origin


def test_table4_is_fifteen_wide_on_every_row(page: Stream) -> None:
    rows = [r for r in page.items if isinstance(r, TableRow) and r.table == 3]
    assert [len(r.cells) for r in rows] == [15, 15, 15, 15]
    assert [c.text for c in rows[2].cells[5:10]] == [label for _, label in T4_RESULTS]


def test_table2_one_value_blocks_merge_over_three_columns(page: Stream) -> None:
    cells = grid(page, 1)
    licensing = next(r for (r, c), cell in cells.items() if c == 1 and cell.text == "行政许可")
    assert [cells[(licensing, c)].text for c in (2, 3, 4)] == ["7", "7", "7"]
    assert {cells[(licensing, c)].origin for c in (2, 3, 4)} == {(licensing, 2)}
    assert cells[(1, 4)].text == T2_BLOCKS[0].caption and cells[(1, 4)].origin == (1, 1)
    assert [cells[(2, c)].text for c in (1, 2, 3, 4)] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def test_nbsp_cells_read_as_the_same_grid() -> None:
    plain, nbsp = read_html(report_page()), read_html(report_page(nbsp=True))
    for table in (1, 2, 3):
        assert {k: (c.text, c.origin) for k, c in grid(nbsp, table).items()} == {
            k: (c.text, c.origin) for k, c in grid(plain, table).items()
        }


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<table><tr><td>a&nbsp;&nbsp;b</td></tr></table>", "a  b"),
        ("<table><tr><td>\n  1\n  2 </td></tr></table>", "1 2"),
        ("<table><tr><td>商业\n   企业</td></tr></table>", "商业企业"),
        ("<table><tr><td>商业<br>企业</td></tr></table>", "商业\n企业"),
        ("<table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>", "第一段\n第二段"),
        ("<table><tr><td>&nbsp;</td></tr></table>", ""),
        ("<table><tr><td>1<script>var x=2;</script><style>p{}</style></td></tr></table>", "1"),
        ("<table><tr><td><span>1</span><!-- 2 --><b>0</b></td></tr></table>", "10"),
    ],
)
def test_cell_text_as_printed(html: str, expected: str) -> None:
    (row,) = [r for r in read_html(html).items if isinstance(r, TableRow)]
    assert row.cells[0].text == expected


def test_split_table_becomes_two_tables() -> None:
    stream = read_html(report_page(split=True))
    assert sorted({r.table for r in stream.items if isinstance(r, TableRow)}) == [1, 2, 3, 4]
    head, rest = grid(stream, 2), grid(stream, 3)
    assert max(r for r, _ in head) == 5
    assert rest[(1, 1)].text == "三、本年度办理结果" and rest[(22, 1)].origin == (1, 1)
    assert rest[(23, 1)].text == "四、结转下年度继续办理"
    assert rest[(1, 4)].text == T3_VALUES["t3.granted.natural_person"]


@pytest.mark.parametrize("cut_after", ["6.属于四类过程性信息", "<td", '<td rowspan="22"', "三、本年度办理结果</p>"])
def test_truncated_html_reads_what_is_there(cut_after: str) -> None:
    html = report_page()
    inside_table3 = html.index("二、上年结转政府信息公开申请数量")  # cut after the first value row of table 三
    stream = read_html(html[: html.index(cut_after, inside_table3) + len(cut_after)])
    assert grid(stream, 1)[(3, 2)].text == ALL_VALUES["t2.regulations.issued"]
    table3 = grid(stream, 2)
    assert table3[(4, 4)].text == T3_VALUES["t3.new_received.natural_person"]
    assert 3 not in {r.table for r in stream.items if isinstance(r, TableRow)}


def test_truncated_rowspan_is_clamped_to_the_rows_there() -> None:
    stream = read_html('<table><tr><td rowspan="9">a</td><td>1</td></tr><tr><td>2')
    assert [[c.text for c in r.cells] for r in stream.items if isinstance(r, TableRow)] == [["a", "1"], ["a", "2"]]


def test_fragment_without_html_or_body() -> None:
    stream = read_html(report_fragment())
    assert paragraphs(stream)[0] == TITLE
    assert grid(stream, 2)[(28, 10)].text == T3_VALUES["t3.carried_forward.total"]


@pytest.mark.parametrize(
    "prefix",
    ['<?xml version="1.0" encoding="gbk"?>\n', '\ufeff<?xml version="1.0" encoding="GB2312" ?>', "\ufeff", ""],
)
def test_encoding_declarations_in_decoded_text_are_ignored(prefix: str) -> None:
    html = prefix + report_page().replace('charset="utf-8"', 'charset="gbk"').replace("charset=utf-8", "charset=gb2312")
    stream = read_html(html)
    assert TITLE in paragraphs(stream)
    assert grid(stream, 2)[(3, 5)].text == "商业\n企业"


@pytest.mark.parametrize(
    ("html", "rows"),
    [
        ("<table><tr><td>a<td>b</table>", [["a", "b"]]),
        ("<table><tr><td colspan=0>a<td>b</table>", [["a", "b"]]),  # colspan 0 means 1
        ("<table><tr><td colspan='2x'>a<td>b</table>", [["a", "a", "b"]]),  # leading digits count, as browsers read
        ("<table><tr><td rowspan=0>a<td>b<tr><td>c</table>", [["a", "b"], ["a", "c"]]),  # 0: to the end
        ("<table><tr><td rowspan=2>a<td>b<tr><td>c<td>d</table>", [["a", "b"], ["a", "c", "d"]]),
        ("<table><tr><td>a<td rowspan=2>b<tr><td>c</table>", [["a", "b"], ["c", "b"]]),
        ("<table><tr><td>a<td>b<td rowspan=2>c<tr><td>d</table>", [["a", "b", "c"], ["d", "", "c"]]),  # hole
        ("<table><caption>表一</caption><thead><tr><th>h</thead><tbody><tr><td>v</tbody></table>", [["h"], ["v"]]),
        ("<table><tr><td>a<td rowspan=2>b<tr><td colspan=3>c</table>", [["a", "b"], ["c", "b", "c"]]),  # overlap
        ("<table></table><table><tr></tr></table>", []),
    ],
)
def test_grid_expansion(html: str, rows: list[list[str]]) -> None:
    stream = read_html(html)
    assert [[c.text for c in r.cells] for r in stream.items if isinstance(r, TableRow)] == rows


@pytest.mark.parametrize(
    ("html", "rows", "after"),
    [
        # libxml2 nests the next row inside an unclosed <font>; browsers do not
        ("<table><tr><td><font>1<td><font>2<tr><td><font>3<td>4</table><p>后</p>", [["1", "2"], ["3", "4"]], ["后"]),
        ("<table><tr><td><a href=x>1<tr><td>2<tr><td>3</table>后", [["1"], ["2"], ["3"]], ["后"]),
        ("<table>" + "<tr><td><font color=red>0" * 200 + "</table><p>后</p>", [["0"]] * 200, ["后"]),
    ],
)
def test_rows_left_inside_unclosed_inline_tags_are_lifted(html: str, rows: list, after: list) -> None:
    stream = read_html(html)
    assert [[c.text for c in r.cells] for r in stream.items if isinstance(r, TableRow)] == rows
    assert paragraphs(stream) == after


def test_deep_nesting_is_read_or_refused_cleanly() -> None:
    stream = read_html("<div>" * 1500 + "深处" + "</div>" * 1500 + "<table><tr><td>1</td></tr></table>")
    assert paragraphs(stream) == ["深处"] and len([r for r in stream.items if isinstance(r, TableRow)]) == 1
    (row,) = [r for r in read_html("<table><tr><td>" + "<b>" * 1900 + "x<br>y").items if isinstance(r, TableRow)]
    assert row.cells[0].text == "xy"  # too deep to follow line breaks: the text is kept


def test_caption_becomes_a_paragraph_before_its_rows() -> None:
    stream = read_html("<table><caption>表一</caption><tr><td>v</td></tr></table>")
    assert isinstance(stream.items[0], Paragraph) and stream.items[0].text == "表一"


def test_nested_layout_tables_emit_inner_tables_only() -> None:
    html = (
        "<table><tr><td>左栏</td><td><p>前文</p><table><tr><td>1</td></tr></table>"
        "<p>中间</p><table><tr><td><table><tr><td>深</td></tr></table></td></tr></table>后文</td></tr></table>"
    )
    kinds = [it.text if isinstance(it, Paragraph) else (it.table, it.cells[0].text) for it in read_html(html).items]
    assert kinds == ["左栏", "前文", (1, "1"), "中间", (2, "深"), "后文"]


@pytest.mark.parametrize("text", ["", "   \n\t ", "\ufeff"])
def test_blank_input_is_an_empty_document(text: str) -> None:
    with pytest.raises(EmptyDocument) as caught:
        read_html(text)
    assert "文件为空" in caught.value.message_zh


@pytest.mark.parametrize(
    "junk", ["<", "<<<>>>", "\x00\x01\x02", "<table><tr><td", "<!-- only a comment -->", "\ud800x"]
)
def test_junk_never_raises_a_traceback(junk: str) -> None:
    try:
        stream = read_html(junk)
    except ReadError:
        return
    assert all(isinstance(it, Paragraph | TableRow) for it in stream.items)


def test_preformatted_text_keeps_its_lines() -> None:
    stream = read_html("<pre>一、总体情况\n  正文\t一行\n\n二、主动公开政府信息情况</pre>")
    assert paragraphs(stream) == ["一、总体情况", "正文 一行", "二、主动公开政府信息情况"]


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [({}, "utf-8"), ({"nbsp": True}, "utf-8"), ({"split": True}, "utf-8"), ({}, "gbk"), ({"split": True}, "gb18030")],
)
def test_end_to_end_every_cell_is_read(variant: dict, encoding: str) -> None:
    from xxgk.documents.read import read_bytes

    html = report_page(**variant).replace("charset=utf-8", f"charset={encoding}").replace('"utf-8"', f'"{encoding}"')
    report = read_bytes(html.encode(encoding), "report.html")
    assert {address: cell.value for address, cell in report.cells.items()} == ALL_VALUES
    assert report.title == TITLE and report.year == 2023
    expected = Place(table=3, row=1, column=4) if variant.get("split") else Place(table=2, row=6, column=4)
    assert report.cell("t3.granted.natural_person").place == expected
