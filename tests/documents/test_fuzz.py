"""Fuzzing the readers and the ledger importer: mutated input of every type ends in a result or a read error.

Hypothesis mutates a small valid file of each type (text, HTML, JSON, DOCX,
PDF, XLSX, CSV ledger) — flipped bytes, inserted runs, truncation — and the
reader must either read it or raise its own error with a Chinese message:
never another exception, never unbounded time. The number of examples is kept
small so the whole file runs in well under a minute; run with
``--hypothesis-seed`` to replay a failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.conftest import SEED
from tests.documents.bombs import pdf_stream_bomb
from tests.ledger_rows import ledger_row
from xxgk.apps.cases.ledger import LedgerFileError, read_ledger_bytes
from xxgk.core.calendar.seed import chinesecalendar_calendar
from xxgk.core.cases.ledger import HEADERS, parse_ledger
from xxgk.documents.errors import ReadError
from xxgk.documents.read import read_bytes

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@cache
def seeds() -> dict[str, bytes]:
    """One small valid file per type the readers take."""
    text = SEED.read_bytes()[:6000]
    html = b"<html><body><h1>" + text[:300] + b"</h1><table><tr><td>1</td><td>2</td></tr></table></body></html>"
    document = Document()
    document.add_paragraph(text[:400].decode("utf-8", "ignore"))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "收到申请数"
    table.cell(1, 1).text = "12"
    docx = io.BytesIO()
    document.save(docx)
    pdf_path = Path(tempfile.mkdtemp()) / "seed.pdf"
    book = Workbook()
    book.active.append(list(HEADERS))
    book.active.append(ledger_row(编号="2025-0001"))
    xlsx = io.BytesIO()
    book.save(xlsx)
    return {
        "text": text,
        "html": html,
        "json": json.dumps({"schema": "xxgk-annual-report", "version": 1, "cells": {"t3.a": 1}}).encode(),
        "docx": docx.getvalue(),
        "pdf": pdf_stream_bomb(pdf_path, size=4096).read_bytes(),  # a valid one-page PDF with a 4 KB stream
        "xlsx": xlsx.getvalue(),
    }


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    data = bytearray(seeds()[kind])
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 256))]
        elif action == "truncate":
            del data[at:]
        elif action == "repeat" and data:
            chunk = bytes(data[at : at + 32])
            data[at:at] = chunk * draw(st.integers(1, 200))
    return bytes(data)


@pytest.mark.parametrize("kind", ["text", "html", "json", "docx", "pdf"])
def test_every_reader_reads_or_refuses_mutated_input(kind):
    # a PDF without a text layer goes on to OCR, which takes seconds per example: fewer of them
    @settings(FUZZ, max_examples=6 if kind == "pdf" else 25)
    @given(data=mutated(kind))
    def run(data: bytes) -> None:
        try:
            read_bytes(data, f"fuzz.{kind}")
        except ReadError as error:
            assert error.message_zh

    run()


def test_deeply_wrapped_zip_entries_in_a_docx_are_refused_not_crashed():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("_rels/.rels", "<" * 100_000)
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ReadError):
        read_bytes(out.getvalue(), "bad.docx")


@cache
def _calendar():
    return chinesecalendar_calendar()


def _import(data: bytes, *, xlsx: bool) -> None:
    try:
        table = read_ledger_bytes(data, xlsx=xlsx)
    except LedgerFileError as error:
        assert str(error)
        return
    parse_ledger(table.records, headers=table.headers, calendar=_calendar(), today=dt.date(2026, 11, 28))


@FUZZ
@given(data=mutated("xlsx"))
def test_the_ledger_importer_reads_or_refuses_mutated_xlsx(data):
    _import(data, xlsx=True)


cell = st.one_of(st.text(max_size=30), st.sampled_from(["2025-03-02", "网络", "自然人", "=1+1", "9" * 40, ""]))


@FUZZ
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=len(HEADERS) + 3), max_size=12),
    encoding=st.sampled_from(["utf-8", "gb18030"]),
)
def test_the_ledger_importer_reads_or_refuses_any_csv(rows, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    _import(buffer.getvalue().encode(encoding, "replace"), xlsx=False)
