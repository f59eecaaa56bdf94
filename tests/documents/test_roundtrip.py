"""Write → read gives the same cells, for every document format the project writes (issue 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from xxgk.core.report.layout import SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Report, Section
from xxgk.documents.cells import report_addresses
from xxgk.documents.read import read_bytes
from xxgk.documents.write import EXTENSIONS, render

TEXT_FORMATS = ("html", "docx", "md", "txt")

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Valid reports: 2021 format (some with a 2019 table 三), random counts, a decimal fee, a CJK unit name."""
    t3_format = draw(st.sampled_from(["2021", "2021", "2019"]))
    unit = draw(st.text(_CJK, min_size=2, max_size=8)) + draw(st.sampled_from(["镇人民政府", "局", "街道办事处"]))
    year = draw(st.integers(2019, 2030))
    report = Report(unit=unit, year=year, t2_format="2021", t3_format=t3_format, has_t4=True)
    report.sections = {key: Section(key, heading, "") for key, heading in SECTIONS}
    report.sections["overview"] = Section("overview", "一、总体情况", f"{year}年，{unit}认真贯彻《条例》。")
    addresses = cell_addresses("2021", t3_format)
    counts = draw(st.lists(st.integers(0, 999_999), min_size=len(addresses), max_size=len(addresses)))
    report.cells = {address: Cell.of(count) for address, count in zip(addresses, counts, strict=True)}
    cents = draw(st.integers(0, 99_999_999))
    report.cells["t2.fees.amount"] = Cell.of(Decimal(cents) / 100)
    return report


def _values(report: Report) -> dict[str, str]:
    return {address: report.cell(address).value for address in report_addresses(report)}


def _read_back(report: Report, fmt: str) -> Report:
    return read_bytes(render(report, fmt), f"report{EXTENSIONS[fmt]}")


def _assert_same_cells(report: Report, back: Report) -> None:
    assert (back.t2_format, back.t3_format, back.has_t4) == (report.t2_format, report.t3_format, report.has_t4)
    assert {address: cell.value for address, cell in back.cells.items()} == _values(report)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_write_then_read_gives_the_same_cells(fmt, report):
    _assert_same_cells(report, _read_back(report, fmt))


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_pdf_write_then_read_gives_the_same_cells(report):
    _assert_same_cells(report, _read_back(report, "pdf"))


@pytest.fixture(scope="module")
def seed() -> Report:
    return read_bytes(SEED.read_bytes(), SEED.name)


@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "pdf", "json"])
def test_seed_read_render_read_gives_identical_cells(seed, fmt):
    assert len(seed.cells) == 200
    back = _read_back(seed, fmt)
    assert {a: c.value for a, c in back.cells.items()} == {a: c.value for a, c in seed.cells.items()}


def test_round_trip_would_notice_a_changed_cell(seed):
    changed = Report(**{**seed.__dict__, "cells": dict(seed.cells)})
    changed.cells["t3.granted.total"] = Cell.of(1)
    back = _read_back(changed, "txt")
    assert back.cell("t3.granted.total").value == "1" != seed.cell("t3.granted.total").value
