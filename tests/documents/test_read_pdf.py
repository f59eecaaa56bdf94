"""Tests for the PDF reader: the stream of two real reports, generated PDFs, and bad input."""

from __future__ import annotations

import csv
import io
import logging
import re
from functools import cache
from pathlib import Path

import pytest
from PIL import Image

from xxgk.documents.errors import NoTextLayer, ReadError
from xxgk.documents.read_pdf import read_pdf
from xxgk.documents.stream import Paragraph, Stream, TableRow

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
REPORTS = ["huaian-city-2024", "huaian-hongze-2024"]
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# Row labels of table 二 as printed → the cell-key prefix of the flat export (spec §2).
T2_ROWS = {"规章": "t2.regulations", "行政规范性文件": "t2.normative_documents", "行政许可": "t2.licensing",
           "行政处罚": "t2.punishment", "行政强制": "t2.coercion", "行政事业性收费": "t2.fees"}  # fmt: skip
NUMBER = re.compile(r"\d+(\.\d+)?")


@cache
def corpus_stream(name: str) -> Stream:
    return read_pdf((CORPUS / f"{name}.pdf").read_bytes(), f"{name}.pdf")


def corpus_cells(name: str) -> dict[str, str]:
    with (CORPUS / f"{name}.cells.csv").open(encoding="utf-8") as handle:
        return {row["address"]: row["value"] for row in csv.DictReader(handle)}


def rows(stream: Stream) -> list[TableRow]:
    return [item for item in stream.items if isinstance(item, TableRow)]


def paragraphs(stream: Stream) -> list[str]:
    return [item.text for item in stream.items if isinstance(item, Paragraph)]


def printed(row: TableRow) -> list[str]:
    """The row's cells once each: covered slots of a merged cell (same origin as the cell before) dropped."""
    out, previous = [], None
    for cell in row.cells:
        if cell.origin is None or cell.origin != previous:
            out.append(cell.text)
        previous = cell.origin
    return out


# --- the stream of real reports -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_table_three_value_rows_carry_the_printed_numbers(name: str) -> None:
    cells = corpus_cells(name)
    expected: dict[str, list[str]] = {}
    for address, value in cells.items():
        if address.startswith("t3."):
            expected.setdefault(address.split(".")[1], []).append(value)
    value_rows = [
        [c.text for c in row.cells[-7:]]
        for row in rows(corpus_stream(name))
        if len(row.cells) >= 10
        and all(NUMBER.fullmatch(c.text) for c in row.cells[-7:])
        and not NUMBER.fullmatch(row.cells[0].text)  # table 四's value row is all numbers
    ]
    assert value_rows == list(expected.values())


@pytest.mark.parametrize("name", REPORTS)
def test_table_four_value_row_has_fifteen_printed_numbers(name: str) -> None:
    expected = [value for address, value in corpus_cells(name).items() if address.startswith("t4.")]
    value_rows = [
        [c.text for c in row.cells]
        for row in rows(corpus_stream(name))
        if len(row.cells) == 15 and all(NUMBER.fullmatch(c.text) for c in row.cells)
    ]
    assert value_rows == [expected]


@pytest.mark.parametrize("name", REPORTS)
def test_table_two_rows_carry_the_printed_numbers(name: str) -> None:
    cells = corpus_cells(name)
    found: dict[str, list[str]] = {}
    for row in rows(corpus_stream(name)):
        texts = printed(row)
        if texts[0] in T2_ROWS:
            found[T2_ROWS[texts[0]]] = texts[1:]
    expected = {prefix: [v for a, v in cells.items() if a.startswith(prefix + ".")] for prefix in T2_ROWS.values()}
    assert found == expected


@pytest.mark.parametrize("name", REPORTS)
def test_numbers_are_never_split_or_merged(name: str) -> None:
    texts = [cell.text for row in rows(corpus_stream(name)) for cell in row.cells]
    assert not [t for t in texts if re.search(r"\d[\s\n]+\d", t)]
    assert not [t for t in texts if re.fullmatch(r"\d+", t) and len(t) > 9]  # no two numbers run together


@pytest.mark.parametrize("name", REPORTS)
def test_every_cell_has_its_place(name: str) -> None:
    for row in rows(corpus_stream(name)):
        assert row.place.page and row.place.table == row.table
        for column, cell in enumerate(row.cells, 1):
            assert (cell.place.page, cell.place.table, cell.place.row, cell.place.column) == (
                row.place.page, row.table, row.place.row, column)  # fmt: skip


@pytest.mark.parametrize("name", REPORTS)
def test_merged_cells_repeat_their_text_with_the_same_origin(name: str) -> None:
    header = rows(corpus_stream(name))
    joined = [row for row in header if row.cells[0].text.startswith("（本列数据的勾稽关系")]
    assert joined, "table 三's top-left cell not found"
    first, second = joined[0], header[header.index(joined[0]) + 1]
    assert first.cells[0].origin == first.cells[1].origin == second.cells[0].origin == (1, 1)
    assert second.cells[0].text == first.cells[0].text
    assert second.cells[3].text == "自然人" and second.cells[3].origin == (2, 4)


@pytest.mark.parametrize("name", REPORTS)
def test_words_broken_inside_a_cell_keep_the_line_break_without_spaces(name: str) -> None:
    texts = [cell.text for row in rows(corpus_stream(name)) for cell in row.cells]
    commercial = [t for t in texts if t.replace("\n", "") == "商业企业"]
    assert commercial and all("\n" in t and " " not in t for t in commercial)
    assert "总 计" not in texts and "总计" in texts


@pytest.mark.parametrize("name", REPORTS)
def test_section_headings_stay_their_own_paragraphs(name: str) -> None:
    texts = paragraphs(corpus_stream(name))
    assert [t for t in texts if t in HEADINGS] == HEADINGS


@pytest.mark.parametrize("name", REPORTS)
def test_running_text_is_merged_into_paragraphs_in_reading_order(name: str) -> None:
    stream = corpus_stream(name)
    texts = paragraphs(stream)
    assert len(texts) < 30  # lines were merged: each report has well over 60 lines of running text
    assert not [t for t in texts if re.fullmatch(r"[-—\s\d]+", t)]  # page numbers dropped
    assert any(re.search(r"政府信息公开申请\d+件", t) for t in texts)  # a sentence broken over lines, joined
    kinds = ["P" if isinstance(i, Paragraph) else "T" for i in stream.items]
    heading_three = stream.items.index(next(i for i in stream.items if getattr(i, "text", "") == HEADINGS[2]))
    assert kinds[heading_three + 1] == "T"  # table 三 follows its heading
    pages = [item.place.page for item in stream.items]
    assert pages == sorted(pages) and stream.pages == pages[-1]


def test_hongze_prints_a_single_other_handling_row() -> None:
    labels = ["".join(printed(row)[:2]) for row in rows(corpus_stream("huaian-hongze-2024"))]
    assert any("（六）其他处理" in label for label in labels)
    assert not any("申请人无正当理由逾期不补正" in label for label in labels)


# --- bad input ---------------------------------------------------------------------------------------------------


def image_only_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buffer, "PDF")
    return buffer.getvalue()


def hand_made_pdf(trailer: bytes = b"") -> bytes:
    """A minimal one-page PDF with a line of text, written object by object (trailer entries added verbatim)."""
    content = b"BT /F1 12 Tf 20 100 Td (Hello 2024) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


ENCRYPT = b"/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "


def test_a_hand_made_pdf_is_read() -> None:
    assert paragraphs(read_pdf(hand_made_pdf())) == ["Hello 2024"]


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (image_only_pdf(), NoTextLayer, "没有文字层"),
        (hand_made_pdf(ENCRYPT), ReadError, "已加密"),
        ((CORPUS / "huaian-city-2024.pdf").read_bytes()[:50_000], ReadError, "已损坏"),
        ((CORPUS / "huaian-city-2024.pdf").read_bytes()[:-200], ReadError, "已损坏"),
        (b"%PDF-1.7\n%%EOF\n", ReadError, "已损坏"),
        (b"", ReadError, "已损坏"),
    ],
    ids=["scan", "encrypted", "truncated-half", "truncated-end", "no-objects", "empty"],
)
def test_unreadable_pdfs_raise_a_clear_error(data: bytes, error: type[ReadError], words: str) -> None:
    with pytest.raises(error) as raised:
        read_pdf(data, "bad.pdf")
    assert words in raised.value.message_zh and raised.value.reason
    if error is ReadError:
        assert not isinstance(raised.value, NoTextLayer)


# --- PDFs made by WeasyPrint -------------------------------------------------------------------------------------

CSS = """@page { size: A4; margin: 20mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; }
h2 { font-size: 15pt; font-family: "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: 0 0 0.4em; text-align: justify; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 0.6pt solid #000; padding: 2pt 6pt; font-weight: normal; }
thead { display: table-header-group; }
table.tight td { padding: 0; width: 20mm; }
"""
LONG_TEXT = "本年新收政府信息公开申请１２件，上年结转3件，全部在法定期限内办结。" * 4
SPLIT_ROWS = 70  # enough rows to run over two A4 pages


@cache
def weasy_stream(body: str) -> Stream:
    weasyprint = pytest.importorskip("weasyprint")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{body}</body></html>"
    return read_pdf(weasyprint.HTML(string=html).write_pdf(), "made.pdf")


def split_table_stream() -> Stream:
    body_rows = "".join(f"<tr><td>第{i}项</td><td>{i * 7}</td><td>{i * 1000 + 3}</td></tr>" for i in range(1, 71))
    return weasy_stream(
        f"<h2>三、收到和处理政府信息公开申请情况</h2><p>{LONG_TEXT}</p>"
        "<table><thead><tr><th>项目</th><th>商业<br>企业</th><th>总计</th></tr></thead>"
        f"<tbody>{body_rows}</tbody></table><p>表后的一段文字。</p>"
    )


def test_a_table_split_over_pages_becomes_fragments_that_repeat_the_header() -> None:
    stream = split_table_stream()
    table_rows = rows(stream)
    fragments = sorted({row.table for row in table_rows})
    assert len(fragments) >= 2 and stream.pages is not None and stream.pages >= 2
    for number in fragments:
        first = next(row for row in table_rows if row.table == number)
        assert [c.text for c in first.cells] == ["项目", "商业\n企业", "总计"] and first.place.row == 1
    body = [[c.text for c in row.cells] for row in table_rows if row.place.row != 1]
    assert body == [[f"第{i}项", str(i * 7), str(i * 1000 + 3)] for i in range(1, SPLIT_ROWS + 1)]
    assert {row.place.page for row in table_rows} == set(range(1, len(fragments) + 1))


def test_running_text_around_a_split_table_keeps_order_and_drops_page_numbers() -> None:
    stream = split_table_stream()
    assert paragraphs(stream) == ["三、收到和处理政府信息公开申请情况", LONG_TEXT, "表后的一段文字。"]
    kinds = ["P" if isinstance(item, Paragraph) else "T" for item in stream.items]
    assert kinds[:2] == ["P", "P"] and kinds[-1] == "P" and set(kinds[2:-1]) == {"T"}


def test_merged_cells_become_covered_slots_with_the_spanning_text() -> None:
    stream = weasy_stream(
        "<table><tr><td rowspan='2'>（三）不予公开</td><td colspan='2'>申请人情况</td></tr>"
        "<tr><td>１２</td><td>3</td></tr></table>"
    )
    first, second = rows(stream)
    assert [(c.text, c.origin) for c in first.cells] == [
        ("（三）不予公开", (1, 1)), ("申请人情况", (1, 2)), ("申请人情况", (1, 2))]  # fmt: skip
    assert [(c.text, c.origin) for c in second.cells] == [("（三）不予公开", (1, 1)), ("１２", None), ("3", None)]


def test_numbers_in_touching_cells_are_not_merged() -> None:
    stream = weasy_stream(
        "<table class='tight'><tr><td style='text-align:right'>123456</td><td style='text-align:left'>789</td>"
        "<td style='text-align:right'>0</td><td style='text-align:left'>10</td></tr></table>"
    )
    assert [[c.text for c in row.cells] for row in rows(stream)] == [["123456", "789", "0", "10"]]


def test_frames_and_white_backgrounds_are_not_tables() -> None:
    stream = weasy_stream(
        "<div style='border: 0.8pt solid #000; padding: 2pt'>框内的说明文字。</div>"
        "<div style='background: #fff; padding: 4pt'>白底上的文字。</div>"
        "<table><tr><td>规章</td><td>1</td></tr></table>"
    )
    assert paragraphs(stream) == ["框内的说明文字。", "白底上的文字。"]
    assert [[c.text for c in row.cells] for row in rows(stream)] == [["规章", "1"]]


def test_a_merged_cell_cut_by_a_page_break_keeps_its_text_in_the_table() -> None:
    body_rows = "".join(f"<tr><td>第{i}项</td><td>{i}</td></tr>" for i in range(2, SPLIT_ROWS + 1))
    stream = weasy_stream(
        f"<table><tr><td rowspan='{SPLIT_ROWS}'>三、本年度办理结果</td><td>第1项</td><td>1</td></tr>{body_rows}</table>"
    )
    assert paragraphs(stream) == []
    first = rows(stream)[0]
    assert first.cells[0].text == "三、本年度办理结果" and first.cells[0].origin == (1, 1)
    assert [[c.text for c in row.cells[1:]] for row in rows(stream)] == [
        [f"第{i}项", str(i)] for i in range(1, SPLIT_ROWS + 1)]  # fmt: skip


# --- end to end: the interpreter gets exactly the printed cells --------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_read_report_gives_exactly_the_printed_cells(name: str) -> None:
    read = pytest.importorskip("xxgk.documents.read")
    report = read.read_report(CORPUS / f"{name}.pdf")
    assert {address: cell.value for address, cell in report.cells.items()} == corpus_cells(name)
    assert all(cell.place is not None and cell.place.page for cell in report.cells.values())


@pytest.mark.slow
@pytest.mark.parametrize("name", REPORTS)
def test_a_pdf_written_by_the_project_reads_back_to_the_same_cells(name: str) -> None:
    read = pytest.importorskip("xxgk.documents.read")
    write_pdf = pytest.importorskip("xxgk.documents.write_pdf")
    report = read.read_report(CORPUS / f"{name}.pdf")
    again = read.read_bytes(write_pdf.report_pdf(report), name=f"{name}-again.pdf")
    assert {a: c.value for a, c in again.cells.items()} == {a: c.value for a, c in report.cells.items()}
    assert (again.unit, again.year, again.t3_format) == (report.unit, report.year, report.t3_format)
