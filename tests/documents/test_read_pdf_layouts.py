"""The PDF reader on layouts real reports use: borderless and partly ruled tables, wrapped labels, rotated pages,
garbled or missing text layers, running heads and feet (PDFs built here with WeasyPrint or by hand)."""

from __future__ import annotations

import io
import logging
from functools import cache

import pytest

from tests.documents.fixtures_html import render_body
from tests.documents.fixtures_report import ALL_VALUES
from xxgk.documents.errors import GarbledText, NoTextLayer, ReadError
from xxgk.documents.interpret import interpret
from xxgk.documents.read_pdf import read_pdf
from xxgk.documents.read_pdf_lines import group_lines
from xxgk.documents.read_pdf_text_tables import segments
from xxgk.documents.stream import Paragraph, Stream, TableRow
from xxgk.documents.write_pdf import html_pdf

BASE_CSS = (
    "body { font-family: 'Noto Serif CJK SC'; font-size: 11pt; } "
    "table { border-collapse: collapse; width: 100%; font-size: 9pt; } "
    "td { padding: 2pt 3pt; vertical-align: middle; text-align: center; } "
)
NO_BORDERS = "td { border: none !important; } "
TIGHT = (
    "td { padding: 0 2pt !important; } td p { margin: 0; } table { line-height: 1.15; } "
    "tr td:first-child { width: 5em; } "
)
RUNNING = "@top-center { content: '示例县人民政府办公室'; font-size: 9pt; } @bottom-center { font-size: 9pt; content: "
# name → (table CSS, @page CSS)
LAYOUTS = {
    "borderless": (NO_BORDERS, "size: A4"),
    "three_line": (NO_BORDERS + "table { border-top: 1.5pt solid #000 !important; border-bottom: 1.5pt solid #000 "
                   "!important; } tr:first-child td { border-bottom: 0.75pt solid #000 !important; }", "size: A4"),
    "horizontal_rules_only": ("td { border: none !important; border-bottom: 0.5pt solid #000 !important; }",
                              "size: A4"),
    "outer_frame_only": (NO_BORDERS + "table { border: 1pt solid #000 !important; }", "size: A4"),
    "one_vertical_rule": (NO_BORDERS + "table { border-top: 1pt solid #000 !important; border-bottom: 1pt solid #000 "
                          "!important; } td:first-child { border-right: 0.6pt solid #000 !important; }", "size: A4"),
    "wrapped_labels_centred": (NO_BORDERS + TIGHT, "size: A4"),
    "wrapped_labels_top": (NO_BORDERS + TIGHT + "td { vertical-align: top !important; }", "size: A4"),
    "landscape": (NO_BORDERS, "size: A4 landscape"),
    "running_head_and_foot": (NO_BORDERS + "td p { margin: 0; }",
                              "size: A4; " + RUNNING + "'第 ' counter(page) ' 页，共 ' counter(pages) ' 页'; }"),
    "ruled": ("td { border: 0.6pt solid #000; }", "size: A4"),
}  # fmt: skip


@cache
def layout_pdf(name: str) -> bytes:
    table_css, page_css = LAYOUTS[name]
    style = f"@page {{ {page_css} }} {BASE_CSS} {table_css}"
    html = f"<html><head><style>{style}</style></head><body>{render_body()}</body></html>"
    return html_pdf(html)


@cache
def layout_stream(name: str) -> Stream:
    return read_pdf(layout_pdf(name), f"{name}.pdf")


def paragraphs(stream: Stream) -> list[str]:
    return [item.text for item in stream.items if isinstance(item, Paragraph)]


def rows(stream: Stream) -> list[list[str]]:
    return [[c.text for c in item.cells] for item in stream.items if isinstance(item, TableRow)]


# --- whole reports in many table layouts: every one of the 200 numbers at its address ---------------------------


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_value_is_read_at_its_address(name: str) -> None:
    report = interpret(layout_stream(name))
    got = {address: cell.raw for address, cell in report.cells.items()}
    assert {a: got.get(a) for a in ALL_VALUES} == ALL_VALUES


@pytest.mark.parametrize(
    "name",
    ["borderless", "three_line", "outer_frame_only", "wrapped_labels_centred", "landscape", "running_head_and_foot"],
)
def test_column_headers_without_ruling_are_found(name: str) -> None:
    report = interpret(layout_stream(name))
    columns = [note for note in report.labels if note.where.endswith(".column")]
    assert len(columns) == 5 + 7 + 8  # table 二: 5 column labels, 三: 7, 四: 3 groups and 5 results
    assert [(n.where, n.expected, n.found) for n in columns if n.status != "exact"] == []


@pytest.mark.parametrize("name", ["borderless", "horizontal_rules_only", "wrapped_labels_top", "landscape"])
def test_table_rows_keep_every_number_in_its_own_cell(name: str) -> None:
    found = [row for row in rows(layout_stream(name)) if row and row[-1] in ("106", "2406", "12.35")]
    assert [row[-7:] for row in found if row[-1] != "12.35"] == [
        [str(n) for n in range(100, 107)],
        [str(n) for n in range(2400, 2407)],
    ]
    assert ["行政事业性收费", "12.35"] in [[r[0].replace("\n", ""), r[-1]] for r in found]


def test_a_label_wrapped_over_lines_stays_with_its_numbers() -> None:
    labelled = {r[-8].replace("\n", ""): r[-7:] for r in rows(layout_stream("wrapped_labels_top")) if len(r) >= 8}
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert labelled[label] == [str(n) for n in range(2100, 2107)]


def test_running_heads_feet_and_page_numbers_are_not_report_text() -> None:
    stream = layout_stream("running_head_and_foot")
    assert stream.pages is not None and stream.pages >= 2
    texts = paragraphs(stream)
    assert not [t for t in texts if t == "示例县人民政府办公室" or ("页" in t and "共" in t)]
    assert texts[0] == "示例县人民政府办公室2023年政府信息公开工作年度报告"


def test_running_text_with_numbers_stays_a_paragraph() -> None:
    html = (
        "<html><head><style>body { font-family: 'Noto Serif CJK SC'; font-size: 11pt; }</style></head><body>"
        "<p>一、总体情况</p><p>本年度共收到申请 12 件，办结 10 件，结转 2 件。</p><p>第 3 批 12 项</p>"
        "<p>2023 2024</p></body></html>"
    )
    stream = read_pdf(html_pdf(html))
    assert rows(stream) == []
    assert paragraphs(stream)[1:] == ["本年度共收到申请12件，办结10件，结转2件。", "第3批12项", "2023 2024"]


# --- hand-built PDFs: thin filled rectangles as rules, /Rotate, garbled and missing text layers -------------------

_T3 = [("一、本年新收政府信息公开申请数量", 100), ("二、上年结转政府信息公开申请数量", 200), ("（七）总计", 2400)]


def _pdf(pages: list[str | None], rotate: int = 0) -> bytes:
    """A PDF with one content stream per page (None: a page without text, as a scan), built by hand.

    Font F1 is STSong-Light in UniGB-UCS2-H (decodable Chinese); F2 has no ToUnicode map (garbled text).
    """
    objs: list[str] = []

    def add(body: str) -> int:
        objs.append(body)
        return len(objs)

    desc = add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
               "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")  # fmt: skip
    cid = add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
              f"/Ordering (GB1) /Supplement 2 >> /FontDescriptor {desc} 0 R /DW 1000 >>")  # fmt: skip
    f1 = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
             f"/DescendantFonts [{cid} 0 R] >>")  # fmt: skip
    junk = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Junk /CIDSystemInfo << /Registry (Adobe) "
               f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {desc} 0 R /DW 1000 >>")  # fmt: skip
    f2 = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /Junk /Encoding /Identity-H /DescendantFonts [{junk} 0 R] >>")
    pages_id = len(objs) + 1 + 2 * len(pages)
    kids = []
    for content in pages:
        data = content or ""
        stream = add(f"<< /Length {len(data)} >>\nstream\n{data}\nendstream")
        fonts = f"/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Rotate {rotate} "
                        f"/Resources << {fonts} >> /Contents {stream} 0 R >>"))  # fmt: skip
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    root = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _text(x: float, y: float, text: str, font: str = "F1", size: float = 9) -> str:
    # F2: glyph ids of a font without a ToUnicode map
    code = text.encode("utf-16-be").hex() if font == "F1" else "".join(f"{0x100 + ord(c) % 500:04x}" for c in text)
    return f"BT /{font} {size} Tf {x:.1f} {y:.1f} Td <{code}> Tj ET\n"


def _t3_page(font: str = "F1", rules: bool = False) -> str:
    """Heading and three value rows of table 三; with ``rules``, a grid of thin filled rectangles (an empty column)."""
    out = _text(60, 780, "三、收到和处理政府信息公开申请情况", font, 12)
    xs = [50, 230, *[230 + 40 * i for i in range(1, 9)]]  # label | 7 values | an empty last column
    for r, (label, base) in enumerate(_T3):
        y = 740 - 30 * r
        out += _text(55, y, label, font, 8)
        out += "".join(_text(xs[1] + 40 * j + 8, y, str(base + j), font) for j in range(7))
    if rules:
        top, bottom = 755, 755 - 30 * len(_T3)
        out += "0 0 0 rg\n"
        out += "".join(f"{x - 0.25:.2f} {bottom} 0.5 {top - bottom} re f\n" for x in xs)
        out += "".join(f"{xs[0]} {y - 0.25:.2f} {xs[-1] - xs[0]} 0.5 re f\n" for y in range(bottom, top + 1, 30))
    return out


def _value_rows(stream: Stream) -> dict[str, list[str]]:
    return {r[0]: r[1:] for r in rows(stream) if r and r[0]}


def test_rules_drawn_as_thin_filled_rectangles_make_a_ruled_table() -> None:
    stream = read_pdf(_pdf([_t3_page(rules=True)]))
    found = _value_rows(stream)
    # A ruled grid keeps the empty last column; a table found from text positions could not see it.
    assert found["一、本年新收政府信息公开申请数量"] == [str(n) for n in range(100, 107)] + [""]
    assert found["（七）总计"] == [str(n) for n in range(2400, 2407)] + [""]


def test_a_borderless_table_drawn_by_hand_is_found_from_text_positions() -> None:
    found = _value_rows(read_pdf(_pdf([_t3_page()])))
    assert found == {label: [str(base + j) for j in range(7)] for label, base in _T3}


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_rotated_pages_are_read_upright(rotate: int) -> None:
    stream = read_pdf(_pdf([_t3_page()], rotate=rotate))
    assert paragraphs(stream) == ["三、收到和处理政府信息公开申请情况"]
    assert _value_rows(stream) == {label: [str(base + j) for j in range(7)] for label, base in _T3}


def test_a_garbled_text_layer_is_refused_with_a_chinese_message() -> None:
    with pytest.raises(GarbledText) as caught:
        read_pdf(_pdf([_t3_page(font="F2"), _t3_page(font="F2")]))
    assert isinstance(caught.value, ReadError)
    assert "乱码" in caught.value.message_zh


@pytest.mark.parametrize(
    ("pages", "error"),
    [([None, None], NoTextLayer), ([None, "garbled"], GarbledText)],
)
def test_no_readable_page_is_a_read_error(pages: list[str | None], error: type[ReadError]) -> None:
    contents = [_t3_page(font="F2") if p == "garbled" else p for p in pages]
    with pytest.raises(error):
        read_pdf(_pdf(contents))


@pytest.mark.parametrize("other", [None, "garbled"])
def test_pages_without_readable_text_are_skipped_and_logged(other: str | None, caplog) -> None:
    contents = [_t3_page(), _t3_page(font="F2") if other else None]
    with caplog.at_level(logging.WARNING, logger="xxgk.documents.read_pdf_checks"):
        stream = read_pdf(_pdf(contents))
    assert _value_rows(stream) == {label: [str(base + j) for j in range(7)] for label, base in _T3}
    assert not any("(cid:" in t for t in paragraphs(stream))
    assert "[2]" in caplog.text


def test_a_report_whose_tables_are_scanned_has_no_table_cells() -> None:
    heading = _text(60, 780, "一、总体情况", size=12) + _text(60, 750, "本年度政府信息公开工作有序开展。")
    report = interpret(read_pdf(_pdf([heading, None])))
    assert report.cells == {}
    assert "一、总体情况" in [s.heading for s in report.sections.values()]


# --- line splitting: numbers are never split or merged --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_text(50, 800, "规章") + _text(200, 800, "12") + _text(240, 800, "3"), ["规章", "12", "3"]),
        (_text(50, 800, "12.35"), ["12.35"]),
        (_text(50, 800, "共12件"), ["共12件"]),
        (_text(50, 800, "1") + _text(62, 800, "2"), ["1", "2"]),  # a visible gap between two numbers
        (_text(50, 800, "总") + _text(62, 800, "计"), ["总计"]),  # letter spacing inside a label
    ],
)
def test_segments_split_at_column_gaps_only(content: str, expected: list[str]) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_pdf([content]))) as pdf:
        (line,) = group_lines(pdf.pages[0].chars)
    assert [s.text for s in segments(line)] == expected


@pytest.mark.parametrize(
    ("footer", "dropped"),
    [("第 1 页，共 3 页", True), ("Page 1 of 3", True), ("- 1 -", True), ("1/3", True), ("第一章", False)],
)
def test_page_numbers_in_the_margin_are_dropped(footer: str, dropped: bool) -> None:
    stream = read_pdf(_pdf([_text(60, 700, "一、总体情况") + _text(280, 30, footer)]))
    assert (footer not in paragraphs(stream)) is dropped
