"""``xxgk report audit`` end to end: outputs, exit status, Ctrl-C and resuming in a real process."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import SEED
from tests.documents.test_audit import folder, zip_of  # noqa: F401 (fixture)
from xxgk.apps.reports.audit_output import COLUMNS
from xxgk.cli import main

XXGK = Path(sys.executable).with_name("xxgk")


def audit(capsys, *argv) -> tuple[int, str, str]:
    status = main(["report", "audit", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_csv_of_a_folder_equals_csv_of_its_zip(capsys, folder: Path, tmp_path: Path) -> None:  # noqa: F811
    status, _, err = audit(capsys, folder, "-o", tmp_path / "a.csv")
    assert status == 2 and "已核查 5 个文件" in err and "1 个无法读取" in err  # 损坏.docx
    audit(capsys, zip_of(folder, tmp_path / "r.zip"), "-o", tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    rows = list(csv.reader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 6
    seed = next(r for r in rows if r[0] == "勍香镇-2022.txt")
    assert seed[1:5] == ["勍香镇", "2022", "纯文本", "文字"] and seed[9] == "0"
    assert not (tmp_path / "a.csv.state.jsonl").exists()  # removed once the audit is complete


def test_xlsx_and_html_hold_the_same_rows(capsys, folder: Path, tmp_path: Path) -> None:  # noqa: F811
    audit(capsys, folder, "-o", tmp_path / "a.csv")
    audit(capsys, folder, "-o", tmp_path / "a.xlsx", "--workers", "2")
    audit(capsys, folder, "-o", tmp_path / "a.html")
    expected = list(csv.reader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    sheet = load_workbook(tmp_path / "a.xlsx")["核查结果"]
    got = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert got == expected
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<svg" in html and "按规则" in html and "按单位" in html and "按年度" in html
    assert all(row[0] in html for row in expected[1:])


def test_an_error_in_a_report_sets_exit_status_1(capsys, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "ok.txt").write_text(text, encoding="utf-8")
    status, out, _ = audit(capsys, tmp_path / "ok.txt")
    assert status == 0 and out.startswith("文件,单位")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nothing-here"], "找不到文件或目录"),
        (["{seed}", "-o", "out.pdf"], "无法从扩展名判断输出格式"),
        (["{seed}", "--workers", "0"], "--workers 应在 1 到 64 之间"),
    ],
)
def test_bad_arguments_exit_2_in_chinese(capsys, tmp_path: Path, argv, words) -> None:
    os.chdir(tmp_path)
    status, _, err = audit(capsys, *[a.replace("{seed}", str(SEED)) for a in argv])
    assert status == 2 and words in err and "Traceback" not in err


def test_an_empty_folder_says_there_is_nothing_to_audit(capsys, tmp_path: Path) -> None:
    status, _, err = audit(capsys, tmp_path)
    assert status == 2 and "没有找到可核查的报告文件" in err


@pytest.mark.skipif(not XXGK.exists(), reason="the xxgk script is not installed in this environment")
def test_ctrl_c_stops_the_audit_and_the_same_command_resumes_it(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(40):  # distinct contents: each is a separate file to read
        (reports / f"{n:02d}.txt").write_text(text + f"\n（附{n}）\n", encoding="utf-8")
    out = tmp_path / "audit.csv"
    state = tmp_path / "audit.csv.state.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [str(XXGK), "report", "audit", str(reports), "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 600  # a loaded machine starts the command slowly
    while time.monotonic() < deadline and (not state.exists() or len(state.read_bytes().splitlines()) < 2):
        assert process.poll() is None, process.communicate()[1].decode()
        time.sleep(0.05)
    assert state.exists(), "the audit wrote no state in time"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=300)
    finished = len(state.read_text(encoding="utf-8").splitlines())
    assert process.returncode == 130 and "核查已中断" in err.decode() and 2 <= finished < 40
    assert not out.exists()
    again = subprocess.run(command, capture_output=True, env=env, timeout=600)
    assert again.returncode == 0
    assert f"其中 {finished} 个沿用上次中断前的结果" in again.stderr.decode()
    assert len(list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))) == 41
