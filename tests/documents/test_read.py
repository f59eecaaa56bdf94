"""The read entry point: type detection, decoding, errors, the seed and the corpus."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED
from xxgk.core.report.model import Kind
from xxgk.documents.errors import BinaryJunk, EmptyDocument, NotAReport, NoTextLayer, ReadError, UnsupportedDocument
from xxgk.documents.read import decode_text, detect_type, read_bytes, read_report

SMALL = (
    "某街道2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本年度新收政府信息公开申请2件。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议\t行政诉讼\n"
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
)


def test_the_seed_reads_completely(seed_path: Path) -> None:
    report = read_report(seed_path)
    assert (report.unit, report.year) == ("勍香镇", 2022)
    assert report.title == "勍香镇2022年政府信息公开工作年度报告"
    assert (report.format, report.t2_format, report.t3_format, report.has_t4) == ("2021", "2021", "2021", True)
    assert len(report.cells) == 200
    assert {c.kind for c in report.cells.values()} == {Kind.NUMBER}
    assert {c.number for c in report.cells.values()} == {0}
    assert all(c.place is not None and c.place.line for c in report.cells.values())
    assert list(report.sections) == ["overview", "table2", "table3", "table4", "problems", "other"]
    assert report.sections["overview"].heading == "总体情况"
    assert report.sections["overview"].text.startswith("2022年，勍香镇人民政府严格按照")
    assert report.sections["other"].text == "无"
    assert (report.source, report.source_type) == (str(seed_path), "text")
    odd = [(n.status, n.expected, n.where) for n in report.labels if n.status != "exact"]
    assert odd == [("misspelled", "一、总体情况", "section")]


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8 with BOM"),
        (lambda t: t.encode("gbk"), "gbk"),
        (lambda t: t.encode("gb18030"), "gb18030"),
        (lambda t: t.encode("utf-16"), "utf-16 with BOM"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le without BOM"),
    ],
)
def test_text_in_any_chinese_encoding(encode, name: str) -> None:
    report = read_bytes(encode(SMALL), name=name)
    assert (report.unit, report.year, report.source, report.source_type) == ("某街道", 2023, name, "text")
    assert report.number("t4.review.upheld") == 1


def test_gbk_seed_decodes_like_utf8() -> None:
    data = SEED.read_text(encoding="utf-8").encode("gb18030")
    assert decode_text(data) == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyDocument),
        (b" \n\t\r\n ", EmptyDocument),
        (b"\xef\xbb\xbf\n", EmptyDocument),
        (bytes(range(256)) * 8, BinaryJunk),
        (b"\x00\x01\x02\x03garbage\x04\x05" * 50, BinaryJunk),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedDocument),
        (b"PK\x03\x04 broken zip", BinaryJunk),
        ("关于开展春季植树活动的通知\n各单位：请于3月12日前报名。\n".encode(), NotAReport),
    ],
)
def test_bad_input_gets_a_clear_error(data: bytes, error: type[ReadError]) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name="x")
    assert caught.value.message_zh


def test_legacy_doc_says_to_save_as_docx() -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "DOCX" in caught.value.message_zh


def test_a_zip_that_is_not_docx_is_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert detect_type(buffer.getvalue()) == "zip"
    with pytest.raises(UnsupportedDocument):
        read_bytes(buffer.getvalue())


@pytest.mark.parametrize("image", ["GIF", "TIFF", "BMP", "WEBP"])
def test_a_scanned_image_says_it_has_no_text_layer(image: str) -> None:
    """PNG and JPEG are read by OCR (tests/documents/test_read_ocr.py); other picture formats are refused."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (200, 100), "white")
    ImageDraw.Draw(picture).text((10, 10), "2022", fill="black")
    buffer = io.BytesIO()
    picture.save(buffer, format=image)
    with pytest.raises(NoTextLayer) as caught:
        read_bytes(buffer.getvalue(), name="scan")
    assert "没有文字层" in caught.value.message_zh and image in caught.value.message_zh


@pytest.mark.parametrize("text", ["BM", "BMW 2022年度报告", "GIF 动图", "II 类"])
def test_text_beginning_like_an_image_signature_is_still_text(text: str) -> None:
    assert detect_type(text.encode()) == "text"


def test_a_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_report(tmp_path / "nope.txt")
    assert "找不到文件" in caught.value.message_zh


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc"),
        (b"plain text", "text"),
    ],
)
def test_detect_type_from_content(data: bytes, kind: str) -> None:
    assert detect_type(data) == kind


def test_markdown_is_detected_by_its_pipe_tables() -> None:
    md = (
        "# 某街道2023年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n"
        "| 行政复议 | 行政诉讼 |\n|---|---|\n"
        "| 结果维持 | 结果纠正 |\n"
        "| 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    report = read_bytes(md.encode(), "r.md")
    assert report.source_type == "markdown" and report.number("t4.review.total") == 2


def test_html_is_detected_by_its_tags() -> None:
    html = (
        "<html><body><h1>某街道2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
        "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
        "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
        "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
        "<tr>" + "<td>3</td>" * 15 + "</tr></table></body></html>"
    )
    report = read_bytes(html.encode("utf-8"), "r.html")
    assert report.source_type == "html" and report.unit == "某街道"
    assert report.number("t4.litigation_after_review.total") == 3


def test_json_goes_to_the_json_reader(seed_path: Path) -> None:
    from xxgk.documents.json_format import report_to_json

    seed = read_report(seed_path)
    report = read_bytes(report_to_json(seed).encode(), "r.json")
    assert report.source_type == "json" and report.cells.keys() == seed.cells.keys()


@pytest.mark.parametrize("pdf", sorted(CORPUS.glob("*.pdf")), ids=lambda p: p.stem)
def test_corpus_pdfs_match_their_cells_csv(pdf: Path) -> None:
    pytest.importorskip("xxgk.documents.read_pdf")
    with (pdf.with_suffix("").with_suffix(".cells.csv")).open(encoding="utf-8") as f:
        expected = {row["address"]: row["value"] for row in csv.DictReader(f)}
    report = read_report(pdf)
    assert {a: c.value for a, c in report.cells.items()} == expected
    assert report.year == 2024 and report.unit and report.unit.startswith("淮安市")
