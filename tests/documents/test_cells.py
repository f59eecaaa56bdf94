"""The flat cell export (spec annual-report.md §5): header, order and values exactly."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS
from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import cell_addresses
from xxgk.core.report.model import Report, parse_value
from xxgk.documents.cells import CellsCsvError, cells_from_csv, report_to_cells_csv


def test_export_is_exact():
    report = literal_report()
    text = report_to_cells_csv(report)
    lines = text.split("\n")
    assert lines[0] == "address,value"
    assert text.endswith("\n") and "\r" not in text
    assert [line.split(",")[0] for line in lines[1:-1]] == cell_addresses()
    assert "t2.fees.amount,12.35" in lines
    assert "t3.carried_over.research," in lines
    assert "t3.granted.research,NA" in lines
    assert "t4.review.other,见说明" in lines
    assert "t2.regulations.issued,0" in lines


@pytest.mark.parametrize(
    ("t2_format", "t3_format", "has_t4", "count"),
    [("2021", "2021", True, 10 + 175 + 15), ("2021", "2019", True, 10 + 161 + 15), (None, "2021", False, 175)],
)
def test_rows_follow_the_tables_the_report_prints(t2_format, t3_format, has_t4, count):
    report = Report(t2_format=t2_format, t3_format=t3_format, has_t4=has_t4)
    assert len(cells_from_csv(report_to_cells_csv(report))) == count


def test_text_with_a_comma_or_quote_survives():
    report = literal_report()
    report.cells["t4.review.other"] = parse_value('见"附表",第2页')
    assert cells_from_csv(report_to_cells_csv(report))["t4.review.other"] == '见"附表",第2页'


def test_corpus_export_reads_back_in_order():
    path = CORPUS / "huaian-city-2024.cells.csv"
    cells = cells_from_csv(path.read_text(encoding="utf-8"))
    assert list(cells)[:2] == ["t2.regulations.issued", "t2.regulations.repealed"]
    report = Report(cells={a: parse_value(v) for a, v in cells.items()})
    assert report_to_cells_csv(report) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    ["", "addr,val\nt4.review.total,0\n", "address,value\nt4.review.total\n", "address,value\nt4.x,1\nt4.x,2\n"],
)
def test_malformed_csv_raises_a_read_error(text):
    with pytest.raises(CellsCsvError) as caught:
        cells_from_csv(text)
    assert "CSV" in caught.value.message_zh
