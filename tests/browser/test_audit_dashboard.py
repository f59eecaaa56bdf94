"""The audit's HTML dashboard opens in a browser: totals, charts and every file's row are visible."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CORPUS, SEED
from xxgk.cli import main


def test_the_audit_dashboard_shows_totals_charts_and_rows(page, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for pdf in CORPUS.glob("*.pdf"):
        shutil.copy(pdf, reports / pdf.name)
    shutil.copy(SEED, reports / "勍香镇.txt")
    (reports / "坏文件.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    out = tmp_path / "看板.html"
    assert main(["report", "audit", str(reports), "-o", str(out)]) == 2  # one file cannot be read
    page.goto(out.as_uri())
    assert page.title() == "政府信息公开工作年度报告批量核查"
    assert page.locator('[data-total="文件"] b').inner_text() == "4"
    assert page.locator('[data-total="无法读取"] b').inner_text() == "1"
    assert page.locator("svg.chart").count() == 3
    assert page.locator("svg.chart").first.is_visible()
    rows = page.locator("h2:has-text('逐个文件') + table tbody tr")
    assert rows.count() == 4
    assert page.get_by_role("cell", name="淮安市洪泽区人民政府", exact=True).first.is_visible()
    assert page.locator("tr.bad", has_text="坏文件.pdf").count() == 1
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the page still lays out
    assert page.locator("h1").is_visible()
