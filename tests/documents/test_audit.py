"""The batch audit: files, folders and ZIP archives, limits, parallel workers, resuming after an interruption."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED
from xxgk.documents import audit
from xxgk.documents.audit import AuditError, AuditRow, collect, run_audit


def seed_with(old: str, new: str) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Reports of several units and years: two real PDFs, the seed, a copy with an error, an unreadable file."""
    root = tmp_path / "reports"
    (root / "淮安").mkdir(parents=True)
    for pdf in sorted(CORPUS.glob("*.pdf")):
        shutil.copy(pdf, root / "淮安" / pdf.name)
    shutil.copy(CORPUS / "huaian-city-2024.cells.csv", root / "淮安" / "not-a-report.cells.csv")  # not audited
    (root / "勍香镇-2022.txt").write_bytes(SEED.read_bytes())
    (root / "勍香镇-2022-改.txt").write_bytes(seed_with("2022年", "2023年"))
    (root / "损坏.docx").write_bytes(b"PK\x03\x04 broken")
    return root


def zip_of(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def table(rows: list[AuditRow]) -> list[dict]:
    return [{k: v for k, v in row.to_json().items() if k != "seconds"} for row in rows]


def test_a_folder_and_a_zip_of_it_give_the_same_rows(folder: Path, tmp_path: Path) -> None:
    from_folder = run_audit(collect([folder])).rows
    from_zip = run_audit(collect([zip_of(folder, tmp_path / "reports.zip")])).rows
    assert table(from_folder) == table(from_zip)
    files = [row.file for row in from_folder]
    assert files == sorted(files) and "淮安/not-a-report.cells.csv" not in files and len(files) == 5
    city = next(r for r in from_folder if r.file == "淮安/huaian-city-2024.pdf")
    expected = ("淮安市人民政府", 2024, "pdf", ["text"], 200)
    assert (city.unit, city.year, city.format, city.how_read, city.cells_read) == expected
    broken = next(r for r in from_folder if r.file == "损坏.docx")
    assert broken.read_error and broken.unit == "" and broken.errors == 0


def test_a_row_counts_what_check_reports(folder: Path) -> None:
    from xxgk.core.report.rules import check
    from xxgk.core.report.rules.result import ERROR, FAIL, NOT_ASSESSABLE, WARNING
    from xxgk.documents.read import read_report

    row = audit.audit_bytes(SEED.read_bytes(), "seed.txt")
    results = check(read_report(SEED))
    assert row.errors == sum(1 for r in results if r.status == FAIL and r.severity == ERROR)
    assert row.warnings == sum(1 for r in results if r.status == FAIL and r.severity == WARNING) == 2
    assert row.not_assessable == sum(1 for r in results if r.status == NOT_ASSESSABLE)
    assert set(row.failing) == {r.rule for r in results if r.status == FAIL}


def test_two_workers_give_the_rows_of_one(folder: Path) -> None:
    assert table(run_audit(collect([folder]), workers=2).rows) == table(run_audit(collect([folder])).rows)


def test_an_interrupted_audit_resumed_reads_nothing_it_finished(folder: Path, tmp_path: Path, monkeypatch) -> None:
    state = tmp_path / "audit.state.jsonl"
    reads: list[str] = []
    real = audit.audit_bytes

    def counting(data: bytes, name: str) -> AuditRow:
        if len(reads) == 3:
            raise KeyboardInterrupt  # Ctrl-C while the fourth file is being read
        reads.append(name)
        return real(data, name)

    monkeypatch.setattr(audit, "audit_bytes", counting)
    with pytest.raises(KeyboardInterrupt):
        run_audit(collect([folder]), state=state)
    finished = list(reads)
    assert len(finished) == 3 and len(state.read_text(encoding="utf-8").splitlines()) == 3
    reads.clear()
    monkeypatch.setattr(audit, "audit_bytes", lambda data, name: (reads.append(name), real(data, name))[1])
    resumed = run_audit(collect([folder]), state=state)
    assert set(reads).isdisjoint(finished) and len(reads) == 2 and resumed.reused == 3
    monkeypatch.setattr(audit, "audit_bytes", real)
    assert table(resumed.rows) == table(run_audit(collect([folder])).rows)


def test_a_state_line_cut_short_by_the_interruption_is_read_again(folder: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.jsonl"
    first = run_audit(collect([folder / "勍香镇-2022.txt"]), state=state)
    state.write_text(state.read_text(encoding="utf-8") + '{"file": "x", "sha2', encoding="utf-8")
    again = run_audit(collect([folder]), state=state)
    seed = [row for row in again.rows if row.file == "勍香镇-2022.txt"]
    assert again.reused == 1 and table(seed) == table(first.rows)
    assert json.loads(state.read_text(encoding="utf-8").splitlines()[0])["unit"] == "勍香镇"


def test_an_unsafe_or_nested_archive_entry_is_a_row_with_a_reason_never_read(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "bad.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("../../etc/report.txt", SEED.read_bytes())
        archive.writestr("/abs/report.txt", SEED.read_bytes())
        archive.writestr("inner.zip", b"PK\x03\x04")
        archive.writestr("ok/seed.txt", SEED.read_bytes())
    monkeypatch.setattr(audit, "audit_bytes", lambda data, name: AuditRow(file=name, unit="读过"))
    rows = {row.file: row for row in run_audit(collect([target])).rows}
    assert "不安全" in rows["../../etc/report.txt"].read_error and rows["../../etc/report.txt"].unit == ""
    assert "不安全" in rows["/abs/report.txt"].read_error
    assert "不展开" in rows["inner.zip"].read_error
    assert rows["ok/seed.txt"].unit == "读过"


def test_archive_limits_on_entries_and_decompressed_size(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "many.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"{n}.txt", b"0" * 50_000)
    monkeypatch.setattr(audit, "MAX_ENTRIES", 2)
    with pytest.raises(AuditError) as caught:
        collect([target])
    assert "超过 2 个" in caught.value.message_zh
    monkeypatch.setattr(audit, "MAX_ENTRIES", 10)
    monkeypatch.setattr(audit, "MAX_ENTRY_BYTES", 10_000)  # the header says 50 000 but is not trusted anyway
    rows = run_audit(collect([target])).rows
    assert all("解压后过大" in row.read_error for row in rows)
    monkeypatch.setattr(audit, "MAX_TOTAL_BYTES", 100_000)
    with pytest.raises(AuditError) as caught:
        collect([target])
    assert "解压后超过" in caught.value.message_zh


def test_chinese_names_written_without_the_utf8_flag_are_read_as_gbk(tmp_path: Path) -> None:
    target = tmp_path / "gbk.zip"
    name = "勍香镇.txt".encode("gbk")
    placeholder = b"x" * (len(name) - 4) + b".txt"  # zipfile writes non-ASCII names as UTF-8: patch the bytes
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(placeholder.decode(), SEED.read_bytes())
    target.write_bytes(target.read_bytes().replace(placeholder, name))
    assert [s.name for s in collect([target])] == ["勍香镇.txt"]


def test_a_missing_path_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(AuditError) as caught:
        collect([tmp_path / "nothing"])
    assert "找不到" in caught.value.message_zh


def test_how_read_says_decoded_for_run_together_digits_and_text_for_a_web_page() -> None:
    decoded = audit.audit_bytes((CORPUS / "pingtan-2022.txt").read_bytes(), "pingtan-2022.txt")
    page = audit.audit_bytes((CORPUS / "pingtan-2023.html").read_bytes(), "pingtan-2023.html")
    assert "decoded" in decoded.how_read and decoded.unit == "平潭综合实验区" and decoded.year == 2022
    assert page.how_read == ["text"] and page.format == "html"
