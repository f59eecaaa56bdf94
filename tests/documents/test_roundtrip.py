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
    """Valid reports: either table's format 2021 or 2019, with or without table 四, random counts (signed in
    the 2019 ``本年增/减`` column), decimal amounts, a CJK unit name."""
    t2_format = draw(st.sampled_from(["2021", "2021", "2019"]))
    t3_format = draw(st.sampled_from(["2021", "2021", "2019"]))
    has_t4 = draw(st.sampled_from([True, True, False]))
    unit = draw(st.text(_CJK, min_size=2, max_size=8)) + draw(st.sampled_from(["镇人民政府", "局", "街道办事处"]))
    year = draw(st.integers(2019, 2030))
    report = Report(unit=unit, year=year, t2_format=t2_format, t3_format=t3_format, has_t4=has_t4)
    report.sections = {key: Section(key, heading, "") for key, heading in SECTIONS}
    report.sections["overview"] = Section("overview", "一、总体情况", f"{year}年，{unit}认真贯彻《条例》。")
    addresses = [a for a in cell_addresses(t2_format, t3_format) if has_t4 or not a.startswith("t4.")]
    counts = draw(st.lists(st.integers(0, 999_999), min_size=len(addresses), max_size=len(addresses)))
    report.cells = {address: Cell.of(count) for address, count in zip(addresses, counts, strict=True)}
    for address in addresses:
        if address.endswith(".change"):
            report.cells[address] = Cell.of(draw(st.integers(-9_999, 9_999)))
        elif address.endswith(".amount"):
            report.cells[address] = Cell.of(Decimal(draw(st.integers(0, 99_999_999))) / 100)
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
