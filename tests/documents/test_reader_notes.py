"""Readers tell the user what they skipped: Stream.notes → Report.notes → JSON and `report check` output."""

from __future__ import annotations

import json

import pytest

from tests.documents.test_read_pdf_layouts import _pdf, _t3_page
from xxgk.commands.report_output import Palette, file_json, text_report
from xxgk.core.report.model import Report
from xxgk.documents.errors import ReadError
from xxgk.documents.interpret import interpret
from xxgk.documents.json_format import report_from_json, report_to_json
from xxgk.documents.read_pdf import read_pdf

SCANNED_3_5 = "第3、5页没有可读的文字层（可能是扫描页），已跳过；其中的表格无法核对。"
GARBLED_2 = "第2页的文字层是乱码（字体缺少编码表），已跳过；其中的表格无法核对。"


@pytest.mark.parametrize(
    ("pages", "notes"),
    [
        (["t3", "t3", None, "t3", None], [SCANNED_3_5]),
        (["t3", "garbled"], [GARBLED_2]),
        (["t3", "t3"], []),
    ],
)
def test_the_pdf_reader_notes_the_pages_it_skips(pages: list[str | None], notes: list[str]) -> None:
    contents = [None if p is None else _t3_page(font="F2" if p == "garbled" else "F1") for p in pages]
    stream = read_pdf(_pdf(contents))
    assert stream.notes == notes
    assert interpret(stream).notes == notes


@pytest.mark.parametrize("notes", [[SCANNED_3_5], []])
def test_notes_survive_the_json_format(notes: list[str]) -> None:
    report = Report(unit="勍香镇", year=2022, notes=list(notes))
    text = report_to_json(report)
    assert json.loads(text)["notes"] == notes
    assert report_from_json(text).notes == notes


def test_json_written_before_notes_existed_reads_as_no_notes() -> None:
    data = json.loads(report_to_json(Report(unit="勍香镇", year=2022)))
    del data["notes"]
    assert report_from_json(json.dumps(data)).notes == []


def test_notes_that_are_not_text_are_a_clear_error() -> None:
    data = json.loads(report_to_json(Report(unit="勍香镇", year=2022)))
    data["notes"] = [3]
    with pytest.raises(ReadError) as caught:
        report_from_json(json.dumps(data))
    assert "notes" in caught.value.message_zh


@pytest.mark.parametrize("notes", [[SCANNED_3_5, GARBLED_2], []])
def test_report_check_shows_the_notes(notes: list[str]) -> None:
    report = Report(unit="勍香镇", year=2022, notes=list(notes))
    text = text_report("a.pdf", report, [], None, Palette(False))
    assert [line.strip() for line in text.splitlines() if "读取说明" in line] == [f"读取说明：{n}" for n in notes]
    assert file_json("a.pdf", report, [], None)["notes"] == notes
