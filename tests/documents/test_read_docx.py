"""Reading DOCX: merged cells (gridSpan, vMerge), body order, nested tables, pages, damaged files."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.documents.fixtures_docx import report_docx
from tests.documents.fixtures_report import ALL_VALUES, OTHER, T3_SPANS, T3_VALUES, TITLE
from xxgk.core.report.layout import T3_COLUMNS, T3_ROWS
from xxgk.core.report.model import Place
from xxgk.documents.errors import EmptyDocument, UnsupportedDocument
from xxgk.documents.read_docx import read_docx
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SPAN2, SPAN_JUNK = '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="x"/>'
RESTART, CONTINUE = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
BEFORE1 = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'


def make_docx(body: str, *, main: str = "word/document.xml", content_type: str = "document.main") -> bytes:
    """A minimal DOCX package around a w:body's inner XML."""
    xml = f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"><w:body>{body}</w:body></w:document>'
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{main}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'wordprocessingml.{content_type}+xml"/></Types>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{main}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr(main, xml)
    return buffer.getvalue()


def p(text: str = "", inner: str = "") -> str:
    """A w:p with one run of text (and optional extra run content before it)."""
    return f'<w:p><w:r>{inner}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, props: str = "") -> str:
    """A w:tc with properties and one paragraph."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def grid(stream: Stream, table: int) -> dict[tuple[int, int], TextCell]:
    """The cells of one table keyed by (row, column) of their place."""
    rows = [r for r in stream.items if isinstance(r, TableRow) and r.table == table]
    return {(c.place.row, c.place.column): c for r in rows for c in r.cells}


def texts(stream: Stream) -> list[list[str]]:
    """Every table row's cell texts."""
    return [[c.text for c in r.cells] for r in stream.items if isinstance(r, TableRow)]


@pytest.fixture(scope="module")
def report() -> Stream:
    """The official-layout report built with python-docx merges."""
    return read_docx(report_docx(), "report.docx")


@pytest.mark.parametrize(("slots", "text", "origin"), T3_SPANS)
def test_table3_merges_expand_with_origins(report: Stream, slots: list, text: str, origin: tuple | None) -> None:
    cells = grid(report, 2)
    for slot in slots:
        assert (cells[slot].text, cells[slot].origin) == (text, origin), slot


def test_table3_values_and_places(report: Stream) -> None:
    cells = grid(report, 2)
    for i, row in enumerate(T3_ROWS):
        for j, (col, _) in enumerate(T3_COLUMNS):
            cell = cells[(4 + i, 4 + j)]
            assert cell.text == T3_VALUES[f"t3.{row.key}.{col}"]
            assert cell.place == Place(page=None, table=2, row=4 + i, column=4 + j)


def test_body_order_interleaves_paragraphs_and_tables(report: Stream) -> None:
    kinds = [it.text if isinstance(it, Paragraph) else f"table{it.table}" for it in report.items]
    compact = [k for i, k in enumerate(kinds) if i == 0 or k != kinds[i - 1]]
    assert compact[:6] == [TITLE, "一、总体情况", compact[2], "二、主动公开政府信息情况", "table1", compact[5]]
    assert compact[compact.index("table2") - 1] == "三、收到和处理政府信息公开申请情况"
    assert compact[-1] == OTHER
    assert report.source == "report.docx" and report.source_type == "docx"


def test_table4_is_fifteen_wide(report: Stream) -> None:
    rows = [r for r in report.items if isinstance(r, TableRow) and r.table == 3]
    assert [len(r.cells) for r in rows] == [15] * 4
    assert grid(report, 3)[(3, 1)].origin == (2, 1) and grid(report, 3)[(1, 15)].text == "行政诉讼"


def test_without_breaks_pages_are_unknown(report: Stream) -> None:
    assert report.pages is None
    assert {it.place.page for it in report.items} == {None}


@pytest.mark.parametrize("kind", ["page_breaks", "rendered_breaks"])
def test_pages_from_breaks(kind: str) -> None:
    stream = read_docx(report_docx(**{kind: True}))
    pages = {it.text: it.place.page for it in stream.items if isinstance(it, Paragraph)}
    assert pages[TITLE] == 1 and pages["二、主动公开政府信息情况"] == 1
    assert pages["三、收到和处理政府信息公开申请情况"] == 2
    assert pages["四、政府信息公开行政复议、行政诉讼情况"] == 3 and pages[OTHER] == 3
    assert {c.place.page for c in grid(stream, 2).values()} == {2}
    assert stream.pages == 3


def test_rendered_break_inside_a_split_row_counts_once() -> None:
    brk = "<w:lastRenderedPageBreak/>"
    row = f"<w:tr>{tc('1')}{tc('2')}</w:tr><w:tr><w:tc>{p('3', brk)}</w:tc><w:tc>{p('4', brk)}</w:tc></w:tr>"
    stream = read_docx(make_docx(f"{p('前')}<w:tbl>{row}</w:tbl>{p('后')}"))
    assert [r.place.page for r in stream.items if isinstance(r, TableRow)] == [1, 2]
    assert stream.items[-1].place.page == 2 and stream.pages == 2


def test_explicit_page_break_and_section_break() -> None:
    body = p("一") + p("", '<w:br w:type="page"/>') + p("二")
    body += "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>节末</w:t></w:r></w:p>" + p("三")
    body += "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>四</w:t></w:r></w:p>"
    stream = read_docx(make_docx(body))
    assert [(it.text, it.place.page) for it in stream.items] == [
        ("一", 1),
        ("二", 2),
        ("节末", 2),
        ("三", 3),
        ("四", 4),
    ]


@pytest.mark.parametrize(
    ("rows", "expected", "origins"),
    [
        # gridSpan across two columns
        (
            f"<w:tr>{tc('a', SPAN2)}{tc('b')}</w:tr><w:tr>{tc('1')}{tc('2')}{tc('3')}</w:tr>",
            [["a", "a", "b"], ["1", "2", "3"]],
            [[(1, 1), (1, 1), None], [None, None, None]],
        ),
        # vMerge restart + continue: the covered slot repeats the text above
        (
            f"<w:tr>{tc('a', RESTART)}{tc('b')}</w:tr><w:tr>{tc('', CONTINUE)}{tc('c')}</w:tr>",
            [["a", "b"], ["a", "c"]],
            [[(1, 1), None], [(1, 1), None]],
        ),
        # a merge both ways: gridSpan 2 with vMerge over two rows
        (
            f"<w:tr>{tc('x', SPAN2 + RESTART)}</w:tr><w:tr>{tc('', SPAN2 + CONTINUE)}</w:tr>",
            [["x", "x"], ["x", "x"]],
            [[(1, 1), (1, 1)], [(1, 1), (1, 1)]],
        ),
        # a continuation with nothing above is a cell of its own
        (f"<w:tr>{tc('z', CONTINUE)}</w:tr>", [["z"]], [[None]]),
        # gridBefore leaves empty slots at the start of the row
        (
            f"<w:tr>{tc('a')}{tc('b')}</w:tr><w:tr>{BEFORE1}{tc('c')}</w:tr>",
            [["a", "b"], ["", "c"]],
            [[None, None], [None, None]],
        ),
        # junk span values read as 1
        (f"<w:tr>{tc('a', SPAN_JUNK)}{tc('b')}</w:tr>", [["a", "b"]], [[None, None]]),
    ],
)
def test_merged_cells(rows: str, expected: list[list[str]], origins: list) -> None:
    stream = read_docx(make_docx(f"<w:tbl>{rows}</w:tbl>"))
    assert texts(stream) == expected
    assert [[c.origin for c in r.cells] for r in stream.items if isinstance(r, TableRow)] == origins


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>", "a\tb"),
        ("<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>", "商业\n企业"),
        ("<w:p><w:r><w:t>1</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del></w:p>", "1"),
        (
            "<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>",
            "新链接",
        ),
        ("<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>2</w:t></w:r></w:p>", "2"),
        (
            '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>甲</w:t></mc:Choice>'
            "<mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            "甲",
        ),
        ("<w:p><w:r><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t></w:r></w:p>", "a-b"),
    ],
)
def test_paragraph_text(paragraph: str, expected: str) -> None:
    (item,) = read_docx(make_docx(paragraph)).items
    assert isinstance(item, Paragraph) and item.text == expected


def test_cell_paragraphs_join_with_newlines_and_drop_empty_ones() -> None:
    cell = f"<w:tc>{p('第一段')}{p('')}{p('  第二段 ')}</w:tc>"
    assert texts(read_docx(make_docx(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"))) == [["第一段\n第二段"]]


def test_content_controls_are_opened() -> None:
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('控件')}<w:tbl><w:tr>{tc('1')}</w:tr></w:tbl></w:sdtContent></w:sdt>"
    stream = read_docx(make_docx(body))
    assert stream.items[0].text == "控件" and texts(stream) == [["1"]]


def test_layout_table_emits_inner_tables_in_order() -> None:
    stream = read_docx(report_docx(layout_table=True))
    assert stream.items[0] == Paragraph("栏目导航", Place())
    assert sorted({r.table for r in stream.items if isinstance(r, TableRow)}) == [1, 2, 3]
    assert not any("栏目导航" in c.text for r in stream.items if isinstance(r, TableRow) for c in r.cells)
    assert grid(stream, 2)[(28, 10)].text == T3_VALUES["t3.carried_forward.total"]


def test_nested_table_in_a_cell_of_a_small_layout_table() -> None:
    inner = f"<w:tbl><w:tr>{tc('内')}</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr>{tc('左')}<w:tc>{p('上')}{inner}{p('下')}</w:tc></w:tr></w:tbl>"
    items = read_docx(make_docx(body)).items
    assert [it.text if isinstance(it, Paragraph) else [c.text for c in it.cells] for it in items] == [
        "左",
        "上",
        ["内"],
        "下",
    ]


def _zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyDocument, "文件为空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, UnsupportedDocument, "旧版 Word（.doc）"),
        (b"%PDF-1.7 not a docx", UnsupportedDocument, "不是有效的 DOCX"),
        (b"PK\x03\x04" + b"\x00" * 40, UnsupportedDocument, "已损坏"),
        (report_docx()[:3000], UnsupportedDocument, "已损坏"),
        (_zip({"xl/workbook.xml": "<workbook/>"}), UnsupportedDocument, "不是 Word 文档"),
        (_zip({"word/document.xml": "<w:document><w:body>"}), UnsupportedDocument, "已损坏"),
        (_zip({"word/document.xml": "<document/>"}), UnsupportedDocument, "不是 Word 文档"),
    ],
)
def test_bad_files_raise_read_errors_with_chinese_messages(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        read_docx(data)
    assert message in caught.value.message_zh
    assert caught.value.reason  # an English reason for the log


def test_main_part_is_found_through_the_package_relationships() -> None:
    stream = read_docx(make_docx(p("别处"), main="content/main.xml"))
    assert [it.text for it in stream.items] == ["别处"]


def test_entities_are_not_expanded() -> None:
    doctype = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    xml = f'{doctype}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    stream = read_docx(_zip({"word/document.xml": xml}))
    assert "root:" not in "".join(it.text for it in stream.items if isinstance(it, Paragraph))


@pytest.mark.parametrize("variant", [{}, {"page_breaks": True}, {"rendered_breaks": True}, {"layout_table": True}])
def test_end_to_end_every_cell_is_read(variant: dict) -> None:
    from xxgk.documents.read import read_bytes

    report = read_bytes(report_docx(**variant), "report.docx")
    assert {address: cell.value for address, cell in report.cells.items()} == ALL_VALUES
    assert report.title == TITLE and report.year == 2023 and report.source_type == "docx"
    page = 2 if variant.get("page_breaks") or variant.get("rendered_breaks") else None
    assert report.cell("t3.carried_forward.total").place == Place(page=page, table=2, row=28, column=10)
