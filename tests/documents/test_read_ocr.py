"""OCR of scanned reports: image-only PDFs, mixed PDFs and page images read to the printed cells, sure or silent."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import pytest
from PIL import Image

from tests.documents.scans import mixed, page_images, rasterise
from xxgk.cli import main
from xxgk.core.report.model import OCR, READ, Place
from xxgk.documents import read_ocr
from xxgk.documents.cells import cells_from_csv, report_to_cells_csv
from xxgk.documents.errors import NoTextLayer, ReadError
from xxgk.documents.read import read_bytes
from xxgk.documents.stream import TextCell

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
HONGZE = "huaian-hongze-2024"


def printed(name: str) -> dict[str, str]:
    return cells_from_csv((CORPUS / f"{name}.cells.csv").read_text(encoding="utf-8"))


def compare(report, expected: dict[str, str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(values at an address that differ from the printed one, addresses left unread)."""
    got = cells_from_csv(report_to_cells_csv(report))
    wrong = [(a, v, got.get(a, "")) for a, v in expected.items() if a not in report.unread and got.get(a) != v]
    return wrong, [a for a in expected if a in report.unread]


def test_a_mixed_pdf_reads_its_scanned_page_by_ocr_and_the_others_from_the_text_layer() -> None:
    scan = mixed((CORPUS / f"{HONGZE}.pdf").read_bytes(), scanned={2}, dpi=175)
    report = read_bytes(scan, "mixed.pdf")
    wrong, unread = compare(report, printed(HONGZE))
    assert wrong == [] and unread == []
    by_page = {address: cell for address, cell in report.cells.items() if cell.place is not None}
    ocr = [a for a, c in by_page.items() if c.provenance == OCR]
    assert ocr and all(by_page[a].place.page == 2 for a in ocr)
    assert all(read_ocr.CONFIDENCE_THRESHOLD <= by_page[a].confidence <= 1 for a in ocr)
    assert {c.provenance for a, c in by_page.items() if c.place.page != 2} == {READ}
    assert any("第2页" in note and "文字识别（OCR）" in note for note in report.notes)


def test_a_png_of_a_table_page_is_read_by_ocr_and_the_check_says_so(capsys, tmp_path) -> None:
    text_report = read_bytes((CORPUS / f"{HONGZE}.pdf").read_bytes(), "text.pdf")
    on_page_2 = {a for a, c in text_report.cells.items() if c.place and c.place.page == 2}
    image = page_images((CORPUS / f"{HONGZE}.pdf").read_bytes(), dpi=150, pages=[2])[0]
    path = tmp_path / "第2页.png"
    image.save(path, format="PNG", dpi=(150, 150))
    report = read_bytes(path.read_bytes(), str(path))
    assert report.source_type == "image"
    expected = {a: v for a, v in printed(HONGZE).items() if a in on_page_2}
    wrong, unread = compare(report, expected)
    assert wrong == [] and unread == [] and len(expected) == 7
    assert all(report.cells[a].provenance == OCR for a in expected)
    main(["report", "check", str(path)])
    out = capsys.readouterr().out
    assert "该报告是图片，已用文字识别（OCR）读取" in out and "经文字识别（OCR）读取" in out


def test_a_value_below_the_threshold_or_across_a_rule_is_left_unread_with_a_note() -> None:
    cell = TextCell("0", Place(page=1, table=1, row=3, column=4))
    unsure = [{"text": "0", "confidence": 0.41, "box": 7}]
    marked = read_ocr._mark(cell, unsure, straddles=False, empty_value=False)
    assert marked.provenance == OCR and marked.confidence == pytest.approx(0.41)
    assert marked.doubt is not None and "置信度 0.41" in marked.doubt and "“0”" in marked.doubt
    sure = read_ocr._mark(cell, [{"text": "0", "confidence": 0.97, "box": 8}], straddles=False, empty_value=False)
    assert sure.doubt is None and sure.confidence == pytest.approx(0.97)
    across = read_ocr._mark(cell, [{"text": "0", "confidence": 0.99, "box": 9}], straddles=True, empty_value=False)
    assert across.doubt is not None and "跨越了表格框线" in across.doubt
    missed = read_ocr._mark(TextCell("", cell.place), [], straddles=False, empty_value=True)
    assert missed.doubt is not None and "未识别出内容" in missed.doubt


def test_a_box_running_into_the_next_cell_marks_both_cells() -> None:
    cells = {(1, 1): [{"box": 1}, {"box": 2}], (1, 2): [{"box": 2}], (2, 1): [{"box": 3}]}
    assert read_ocr._straddling(cells) == {(1, 1), (1, 2)}


def test_a_blank_image_is_refused_as_having_no_text() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, format="PNG")
    with pytest.raises(NoTextLayer) as caught:
        read_bytes(buffer.getvalue(), "blank.png")
    assert "文字识别（OCR）也未识别出文字" in caught.value.message_zh


def test_a_damaged_image_is_refused_in_chinese() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "broken.png")
    assert "图片文件已损坏" in caught.value.message_zh


def test_an_image_over_the_pixel_limit_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(read_ocr, "MAX_PIXELS", 10_000)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, format="JPEG")
    with pytest.raises(ReadError) as caught:
        read_bytes(buffer.getvalue(), "big.jpg")
    assert "图片过大" in caught.value.message_zh


def test_scanned_pages_over_the_page_limit_are_not_read(monkeypatch) -> None:
    monkeypatch.setattr(read_ocr, "MAX_PAGES", 0)
    scan = rasterise((CORPUS / f"{HONGZE}.pdf").read_bytes(), dpi=150, pages=[1])
    with pytest.raises(NoTextLayer):
        read_bytes(scan, "scan.pdf")


def test_the_engine_loads_its_models_from_the_wheel_without_the_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(read_ocr, "_engine", None)
    engine = read_ocr._ocr_engine()
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert {p.name for p in models.glob("*.onnx")} >= {"ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"}
    assert engine is read_ocr._ocr_engine()


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="reads files only: run once, on the SQLite pass"
)
@pytest.mark.parametrize(("name", "dpi"), [("huaian-hongze-2024", 150), ("huaian-city-2024", 200)])
def test_a_rasterised_corpus_pdf_reads_by_ocr_with_no_value_at_a_wrong_address(name: str, dpi: int) -> None:
    scan = rasterise((CORPUS / f"{name}.pdf").read_bytes(), dpi=dpi)
    report = read_bytes(scan, f"{name}.scan.pdf")
    expected = printed(name)
    wrong, unread = compare(report, expected)
    assert wrong == []
    assert len(expected) - len(unread) >= 0.97 * len(expected)
    assert all(cell.provenance == OCR for cell in report.cells.values())
