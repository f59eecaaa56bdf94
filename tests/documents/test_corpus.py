"""Every real report of the corpus reads to exactly its printed values (tests/data/corpus/*.cells.csv).

No value is missing, none is at a wrong address and none is extra. The one exception is stated here
cell by cell: rows of run-together text whose digits split in more than one way that no constraint of
the format tells apart. They are left unread with the reason "有多种拆法", never guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.core.report.model import DECODED, READ
from xxgk.core.report.rules import ERROR, FAIL, check
from xxgk.documents.cells import cells_from_csv
from xxgk.documents.read import read_report

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SOURCES = sorted(p for p in CORPUS.iterdir() if not p.name.endswith(".csv"))

# Table 二 rows whose run-together digits have several splits and no constraint of the format
# (table 二 has no identities): e.g. 行政规范性文件 ``8855698`` is 88|55|698 or 8|85|5698 or …
_NORMATIVE = ("t2.normative_documents.issued", "t2.normative_documents.repealed", "t2.normative_documents.in_force")
_T2_2019 = tuple(
    f"t2_2019.{row}.{col}"
    for row, cols in (
        ("normative_documents", ("made", "published", "total_public")),
        ("licensing", ("previous_items", "change", "decisions")),
        ("other_services", ("previous_items", "change", "decisions")),
        ("punishment", ("previous_items", "change", "decisions")),
        ("coercion", ("previous_items", "change", "decisions")),
        ("fees", ("previous_items", "change")),
        ("procurement", ("projects", "amount")),
    )
    for col in cols
)
# pingtan-2022 states both counts in its text (现行有效…698件, 本年度制发…88件), which decides 8855698;
# pingtan-2023 states 现行有效…393件 while its table prints 470, so no split agrees with the text.
AMBIGUOUS = {"pingtan-2019.txt": _T2_2019, "pingtan-2023.txt": _NORMATIVE}


def _expected(source: Path) -> dict[str, str]:
    stem = source.name.split(".")[0]
    return cells_from_csv((CORPUS / f"{stem}.cells.csv").read_text(encoding="utf-8"))


def test_the_corpus_holds_every_kind_of_source():
    assert {p.suffix for p in SOURCES} == {".pdf", ".txt", ".html"}
    assert len(SOURCES) == 6


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_corpus_file_reads_to_exactly_its_printed_cells(source: Path) -> None:
    if source.suffix == ".pdf":
        pytest.importorskip("pdfplumber")
    report = read_report(source)
    expected = _expected(source)
    got = {address: cell.value for address, cell in report.cells.items()}
    wrong = {a: (v, expected[a]) for a, v in got.items() if a in expected and v != expected[a]}
    extra = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    assert wrong == {} and extra == []
    assert missing == sorted(AMBIGUOUS.get(source.name, ()))
    for address in missing:
        assert "有多种拆法" in report.unread[address]
    assert report.unit and report.year == int(source.stem.split("-")[-1])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_error_is_reported_for_a_corpus_report_that_prints_none(source: Path) -> None:
    if source.suffix == ".pdf":
        pytest.importorskip("pdfplumber")
    results = check(read_report(source))
    assert [r.message for r in results if r.status == FAIL and r.severity == ERROR] == []


@pytest.mark.parametrize("name", ["pingtan-2019.txt", "pingtan-2022.txt", "pingtan-2023.txt"])
def test_run_together_crawler_text_is_read_as_a_report_with_decoded_cells(name: str) -> None:
    report = read_report(CORPUS / name)
    assert report.title and report.title.startswith("平潭综合实验区") and report.unit == "平潭综合实验区"
    counts = report.provenance_counts()
    assert counts[DECODED] >= 170 and counts[READ] + counts[DECODED] == len(report.cells)
    assert all(c.provenance == DECODED for a, c in report.cells.items() if a.startswith("t3."))
    assert any("连写" in note and "仍独立核对" in note for note in report.notes)
    # The crawler header and the page's metadata are not report text.
    texts = " ".join(s.text for s in report.sections.values())
    assert "原文链接" not in texts and "https:" not in texts and "links.tsv" not in texts
    assert {"overview", "table3", "problems", "other"} <= report.sections.keys()


def test_the_2023_text_and_html_of_one_report_read_the_same_table_three_and_four():
    text = read_report(CORPUS / "pingtan-2023.txt")
    html = read_report(CORPUS / "pingtan-2023.html")
    for address, cell in html.cells.items():
        if address.startswith(("t3.", "t4.")):
            assert text.cells[address].value == cell.value, address
