"""``xxgk report check``: the seed, a changed total, unreadable files, several files, --previous and --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED
from xxgk.cli import main

XXGK = Path(sys.executable).with_name("xxgk")
RESULT_KEYS = {
    "rule", "severity", "status", "cells", "printed", "computed", "difference", "places", "message", "provenance"
}  # fmt: skip


def changed_seed(tmp_path: Path) -> Path:
    """A copy of the seed whose table 三 total of （七）总计 reads 3 instead of 0 (line 334)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[326] == "\t（七）总计" and lines[333].strip() == "0"
    lines[333] = "\t3"
    path = tmp_path / "changed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(capsys, *argv):
    status = main(["report", "check", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_seed_passes_with_exactly_its_two_warnings(capsys):
    status, out, err = run(capsys, SEED)
    assert status == 0, err
    assert "单位：勍香镇　年度：2022　格式：2021格式" in out
    assert "错误 0，警告 2，无法核对 0" in out
    assert out.count("[警告]") == 2 and "[错误]" not in out
    assert "[警告] FORMAT-LABELS" in out and "章节标题“一、总体情况”印作“总体情况”" in out
    assert "[警告] TEXT-FEES" in out and "未说明是否收取信息处理费" in out
    assert "\033[" not in out  # captured stdout is not a terminal: no colour


def test_the_installed_command_checks_the_seed_in_a_subprocess():
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([XXGK, "report", "check", SEED], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "FORMAT-LABELS" in done.stdout and "TEXT-FEES" in done.stdout and "Traceback" not in done.stderr


def test_a_changed_total_exits_1_naming_rule_cells_values_and_places(capsys, tmp_path):
    status, out, _ = run(capsys, changed_seed(tmp_path))
    assert status == 1
    assert "[错误] T3-OUTCOMES" in out and "[错误] T3-COLUMNS" in out and "[错误] T3-BALANCE" in out
    assert "表三“（七）总计”行“总计”列：印刷值 3，由各办理结果行合计为 0，相差 3" in out
    assert "印刷值：3　计算值：0　相差：3" in out
    assert "[t3.total_processed.total]  值 3  位置：第334行（文本）" in out
    assert "[t3.granted.total]  值 0  位置：第105行（文本）" in out


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\t\n", "文件为空"),
        ("junk.bin", bytes(range(256)) * 20, "不是可识别的文档"),
        ("prose.txt", "今天天气很好。\n我们去公园散步。\n".encode(), "不是政府信息公开工作年度报告"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "DOCX"),
    ],
)
def test_an_unreadable_file_exits_2_with_a_chinese_message_and_no_traceback(capsys, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    status, out, err = run(capsys, path)
    assert status == 2
    assert f"xxgk: {path}：" in err and words in err
    assert "Traceback" not in err + out


def test_a_missing_file_exits_2(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path / "nowhere.txt")
    assert status == 2 and "nowhere.txt" in err and "Traceback" not in err


def test_an_unexpected_reader_failure_is_reported_as_unreadable(capsys, monkeypatch):
    import xxgk.documents.read as read

    def explode(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(read, "read_report", explode)
    status, _, err = run(capsys, SEED)
    assert status == 2 and "读取时发生意外错误" in err and "Traceback" not in err


@pytest.mark.parametrize(("second", "expected"), [("seed", 0), ("changed", 1), ("junk", 2)])
def test_several_files_exit_with_the_worst_status(capsys, tmp_path, second, expected):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    other = {"seed": SEED, "changed": changed_seed(tmp_path), "junk": junk}[second]
    status, out, _ = run(capsys, SEED, other)
    assert status == expected
    assert out.count("文件：") == (1 if second == "junk" else 2)


def test_json_output_follows_the_documented_schema(capsys, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 20)
    status, out, _ = run(capsys, "--json", SEED, changed_seed(tmp_path), junk)
    assert status == 2
    seed, changed, bad = json.loads(out)
    assert set(seed) == {
        "file", "previous", "format", "unit", "year", "t2_format", "t3_format", "notes", "provenance", "unread",
        "results", "summary",
    }  # fmt: skip
    assert seed["notes"] == [] and seed["unread"] == []
    assert seed["provenance"] == {"read": 200, "decoded": 0, "ocr": 0}
    assert (seed["unit"], seed["year"], seed["format"], seed["t3_format"]) == ("勍香镇", 2022, "2021", "2021")
    assert seed["summary"] == {"total": 48, "pass": 46, "fail": 2, "errors": 0, "warnings": 2, "not_assessable": 0}
    for item in seed["results"] + changed["results"]:
        assert set(item) == RESULT_KEYS and len(item["places"]) == len(item["cells"]) == len(item["provenance"])
        assert set(item["provenance"]) <= {"read"}
    (outcome,) = [r for r in changed["results"] if r["rule"] == "T3-OUTCOMES" and r["status"] == "fail"]
    assert (outcome["printed"], outcome["computed"], outcome["difference"]) == ("3", "0", "3")
    assert outcome["places"][0] == {"line": 334}
    assert changed["summary"]["errors"] == 3
    assert set(bad) == {"file", "error"} and set(bad["error"]) == {"message", "reason"}
    assert "不是可识别的文档" in bad["error"]["message"]


def test_previous_year_runs_the_cross_year_rules(capsys, tmp_path):
    previous = tmp_path / "2021.json"
    assert main(["report", "new", "--unit", "勍香镇", "--year", "2021", "-o", str(previous)]) == 0
    capsys.readouterr()
    status, out, _ = run(capsys, "--json", "--previous", previous, SEED)
    assert status == 0
    (item,) = json.loads(out)
    cross = [r for r in item["results"] if r["rule"].startswith("X-")]
    assert {r["rule"] for r in cross} == {"X-CARRY", "X-IN-FORCE"} and len(cross) == 9
    assert all(r["status"] == "pass" for r in cross) and item["previous"] == str(previous)


def test_an_unreadable_previous_report_exits_2(capsys, tmp_path):
    empty = tmp_path / "prev.txt"
    empty.write_text("")
    status, _, err = run(capsys, "--previous", empty, SEED)
    assert status == 2 and "prev.txt" in err and "文件为空" in err


def test_a_blank_cell_is_listed_as_not_assessable_never_as_zero(capsys, tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    lines[333] = "\t"  # （七）总计 / 总计 left empty
    path = tmp_path / "blank.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    status, out, _ = run(capsys, path)
    assert status == 0
    assert "无法核对（数据不是数字或缺失，未作任何推断）" in out
    assert "T3-OUTCOMES：表三“（七）总计”行“总计”列：无法核对，因表三“（七）总计”行“总计”列空白" in out


def test_the_english_reason_goes_to_the_log(capsys, caplog, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with caplog.at_level("ERROR", logger="xxgk.commands.report"):
        assert run(capsys, empty)[0] == 2
    assert [r.getMessage() for r in caplog.records] == [f"{empty}: empty document"]


def test_output_piped_into_a_reader_that_stops_early_ends_without_a_traceback():
    """``xxgk report check --json … | head -1``: the closed pipe ends the command quietly."""
    command = [XXGK, "report", "check", "--json", *[SEED] * 6]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10)
        process.stdout.close()
        err = process.stderr.read().decode("utf-8")
        status = process.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert status == 141


@pytest.mark.parametrize("image", ["PDF", "PNG", "GIF"])
def test_a_scan_without_text_exits_2_saying_it_has_no_text_layer(capsys, tmp_path, image):
    from PIL import Image

    picture = Image.new("RGB", (400, 560), "white")  # a blank page: OCR (PDF, PNG) finds nothing either
    path = tmp_path / f"scan.{image.lower()}"
    picture.save(path, format=image)
    status, out, err = run(capsys, path)
    assert status == 2 and "没有文字层" in err and "Traceback" not in err + out


def _seed_without(first: str, last: str) -> str:
    """The seed text with the lines from ``first`` up to (not including) ``last`` cut out."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start, end = lines.index(first), lines.index(last)
    return "\n".join(lines[:start] + lines[end:])


def test_a_report_missing_table_three_reports_its_rules_as_not_assessable(capsys, tmp_path):
    path = tmp_path / "no-table-3.txt"
    text = _seed_without("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
    path.write_text(text, "utf-8")
    status, out, err = run(capsys, path)
    assert status == 0 and "Traceback" not in err
    assert "表三缺失" in out and "缺少表三（未找到该统计表）" in out
    for rule in ("T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS"):
        assert f"· {rule}：报告缺少表三，无法核对" in out


def test_truncated_html_is_read_as_far_as_it_goes(capsys, tmp_path):
    from xxgk.documents.read import read_report
    from xxgk.documents.write import render

    html = render(read_report(SEED), "html").decode("utf-8")
    path = tmp_path / "truncated.html"
    path.write_text(html[: html.index("（三）不予公开")], "utf-8")
    status, out, err = run(capsys, path)
    assert status == 0 and "Traceback" not in err
    assert "单位：勍香镇　年度：2022" in out and "缺少表四（未找到该统计表）" in out
    assert "· T4-GROUP：报告缺少表四，无法核对" in out and "无法核对 0" not in out
