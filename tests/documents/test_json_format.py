"""The JSON format: an exact round trip, clear errors on bad input, and a blank report to fill in."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Kind, LabelNote, Place, Section
from xxgk.documents.errors import EmptyDocument, ReadError
from xxgk.documents.json_format import (
    InvalidJson,
    JsonSchemaError,
    new_report,
    report_from_json,
    report_to_json,
)


def _rich_report():
    report = literal_report(t3_format="2019")
    report.source, report.source_type = "报告.pdf", "pdf"
    report.cells["t3.new_received.natural_person"] = Cell(
        Kind.NUMBER, "\u00a01,234", Decimal("1234"), Place(page=2, table=3, row=4, column=5)
    )
    report.cells["t3.new_received.commercial"] = Cell(Kind.BLANK, "\u00a0", None, Place(line=9))
    report.cells["t3.new_received.research"] = Cell(Kind.NA, "—")
    report.sections["overview"] = Section("overview", "总体情况", "第一段。\n第二段。", Place(page=1))
    report.labels = [
        LabelNote("variant", "（二）部分公开", "（二）部分公开（区分处理）", "t3.row", Place(page=1, row=5))
    ]
    return report


def test_round_trip_is_exact_including_blank_na_text_places_and_labels():
    report = _rich_report()
    back = report_from_json(report_to_json(report))
    assert back == report
    assert list(back.cells) == list(report.cells)
    assert back.cells["t3.new_received.natural_person"].raw == "\u00a01,234"
    assert back.format == "mixed"


def test_json_holds_the_documented_fields():
    data = json.loads(report_to_json(_rich_report()))
    assert data["schema"] == "xxgk.annual-report" and data["version"] == 1
    assert {
        "unit",
        "year",
        "title",
        "format",
        "t2_format",
        "t3_format",
        "has_t4",
        "sections",
        "cells",
        "labels",
    } <= set(data)
    assert data["cells"]["t2.fees.amount"] == {"kind": "number", "value": "12.35", "raw": "12.35", "place": None}
    assert data["cells"]["t3.new_received.research"] == {"kind": "na", "value": "NA", "raw": "—", "place": None}
    assert data["cells"]["t4.review.other"]["value"] == "见说明"
    assert data["sections"]["overview"]["heading"] == "总体情况"


def test_new_report_is_a_blank_2021_report_with_zeros():
    report = new_report("某某局", 2024)
    assert report.title == "某某局2024年政府信息公开工作年度报告"
    assert report.format == "2021" and report.has_t4
    assert list(report.cells) == cell_addresses()
    assert {c.value for c in report.cells.values()} == {"0"}
    assert [(s.heading, s.text) for s in report.sections.values()] == [(h, "") for _, h in SECTIONS]
    assert report_from_json(report_to_json(report)) == report


def _valid() -> dict:
    return json.loads(report_to_json(new_report("某某局", 2024)))


def _with(**changes) -> str:
    data = _valid()
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[part]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("", EmptyDocument, "为空"),
        ("{not json", InvalidJson, "不是有效的 JSON"),
        ("[1, 2]", JsonSchemaError, "schema"),
        (_with(schema="other"), JsonSchemaError, "schema"),
        (_with(version=2), JsonSchemaError, "版本"),
        (_with(cells=...), JsonSchemaError, "cells"),
        (_with(year="2024"), JsonSchemaError, "year"),
        (_with(has_t4="yes"), JsonSchemaError, "has_t4"),
        (_with(t3_format="2020"), JsonSchemaError, "t3_format"),
        (_with(**{"cells__t4.review.total": {"kind": "number", "value": "abc"}}), JsonSchemaError, "不是数字"),
        (_with(**{"cells__t4.review.total": {"kind": "zero", "value": "0"}}), JsonSchemaError, "未知"),
        (_with(**{"cells__t4.review.total": {"kind": "number"}}), JsonSchemaError, "value"),
        (
            _with(**{"cells__t4.review.total": {"kind": "number", "value": "1", "place": {"page": "1"}}}),
            JsonSchemaError,
            "page",
        ),
        (_with(**{"cells__t4.review.total": {"kind": "number", "value": "NaN"}}), JsonSchemaError, "不是数字"),
        (_with(labels=[{"status": "exact"}]), JsonSchemaError, "expected"),
    ],
)
def test_bad_input_raises_a_read_error_with_a_chinese_message(text, error, words):
    with pytest.raises(error) as caught:
        report_from_json(text)
    assert isinstance(caught.value, ReadError)
    assert words in caught.value.message_zh


@pytest.mark.parametrize(
    ("kind", "value", "raw", "expected"),
    [
        ("number", "7", None, Cell(Kind.NUMBER, "7", Decimal(7))),
        ("number", "0.5", "0.50", Cell(Kind.NUMBER, "0.50", Decimal("0.5"))),
        ("blank", "", None, Cell(Kind.BLANK, "")),
        ("na", "NA", "/", Cell(Kind.NA, "/")),
        ("text", "见附表", None, Cell(Kind.TEXT, "见附表")),
    ],
)
def test_cells_read_by_kind(kind, value, raw, expected):
    cell = {"kind": kind, "value": value}
    if raw is not None:
        cell["raw"] = raw
    report = report_from_json(_with(**{"cells__t4.review.total": cell}))
    assert report.cells["t4.review.total"] == expected


def test_the_documented_example_reads():
    doc = (Path(__file__).parents[2] / "docs" / "json-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.S)
    assert example is not None
    report = report_from_json(example.group(1))
    assert report.cell("t2.fees.amount").number == Decimal("12.35")
    assert report.cell("t3.carried_over.research").kind is Kind.BLANK
