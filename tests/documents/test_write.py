"""render() dispatches every output format and refuses unknown ones."""

from __future__ import annotations

import pytest

from tests.documents.write_fixtures import literal_report
from xxgk.documents.json_format import report_from_json
from xxgk.documents.write import EXTENSIONS, FORMATS, MEDIA_TYPES, UnknownFormat, render


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("html", b"<!DOCTYPE html>"),
        ("docx", b"PK"),
        ("pdf", b"%PDF-"),
        ("md", "# 勍香镇".encode()),
        ("txt", "勍香镇2022年".encode()),
        ("json", b"{"),
        ("cells", b"address,value\n"),
    ],
)
def test_each_format_renders_its_kind_of_document(fmt, start):
    assert render(literal_report(), fmt).startswith(start)


def test_every_format_has_an_extension_and_a_media_type():
    assert set(EXTENSIONS) == set(FORMATS) == set(MEDIA_TYPES)
    assert EXTENSIONS["cells"] == ".cells.csv"


def test_text_formats_are_utf8():
    report = literal_report()
    assert report_from_json(render(report, "json").decode("utf-8")) == report


@pytest.mark.parametrize("fmt", ["xlsx", "", "HTML"])
def test_unknown_format_is_refused_with_a_chinese_message(fmt):
    with pytest.raises(UnknownFormat) as caught:
        render(literal_report(), fmt)
    assert "不支持的输出格式" in caught.value.message_zh
