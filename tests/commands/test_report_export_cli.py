"""``xxgk report export`` and ``xxgk report new``, and the colour and progress bar of ``check``."""

from __future__ import annotations

import io
import json

import pytest

from tests.conftest import SEED
from xxgk.cli import main
from xxgk.commands.report_output import Palette, Progress, use_colour


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("txt", ["勍香镇2022年政府信息公开工作年度报告", "（七）总计"]),
        ("html", ["<table", "勍香镇2022年政府信息公开工作年度报告", "申请人情况"]),
        ("md", ["|", "三、收到和处理政府信息公开申请情况"]),
        ("cells", ["address,value\n", "t3.granted.natural_person,0\n", "t4.litigation_after_review.total,0"]),
    ],
)
def test_export_writes_text_formats_to_stdout(capsys, fmt, expected):
    assert main(["report", "export", str(SEED), "--to", fmt]) == 0
    out = capsys.readouterr().out
    for text in expected:
        assert text in out


def test_export_json_to_stdout_keeps_unit_year_and_every_cell(capsys):
    assert main(["report", "export", str(SEED), "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["unit"], data["year"]) == ("勍香镇", 2022)
    assert len(data["cells"]) == 200


@pytest.mark.parametrize(("fmt", "magic"), [("docx", b"PK\x03\x04"), ("pdf", b"%PDF")])
def test_export_writes_binary_formats_to_a_file(capsys, tmp_path, fmt, magic):
    out = tmp_path / f"seed.{fmt}"
    assert main(["report", "export", str(SEED), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_of_a_binary_format_without_output_file_asks_for_o(capsys, fmt):
    assert main(["report", "export", str(SEED), "--to", fmt]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "请用 -o 指定输出文件" in err


def test_export_of_an_unreadable_file_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["report", "export", str(empty), "--to", "txt"]) == 2
    assert "文件为空" in capsys.readouterr().err


def test_export_to_an_unwritable_place_exits_2(capsys, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.txt"
    assert main(["report", "export", str(SEED), "--to", "txt", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "无法写入输出文件" in err and "Traceback" not in err


def test_new_then_check_then_export(capsys, tmp_path):
    blank = tmp_path / "blank.json"
    assert main(["report", "new", "--unit", "测试镇", "--year", "2024", "-o", str(blank)]) == 0
    data = json.loads(blank.read_text(encoding="utf-8"))
    assert (data["unit"], data["year"], len(data["cells"])) == ("测试镇", 2024, 200)
    capsys.readouterr()
    assert main(["report", "check", str(blank)]) == 0  # every total 0 balances; only TEXT-FEES warns
    assert "[警告] TEXT-FEES" in capsys.readouterr().out
    assert main(["report", "export", str(blank), "--to", "txt"]) == 0
    assert "测试镇2024年政府信息公开工作年度报告" in capsys.readouterr().out


def test_new_writes_the_format_named_by_the_extension(tmp_path):
    target = tmp_path / "blank.docx"
    assert main(["report", "new", "--unit", "测试镇", "--year", "2024", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"PK\x03\x04")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--unit", " ", "--year", "2024", "-o", "x.json"], "单位名称不能为空"),
        (["--unit", "测试镇", "--year", "1999", "-o", "x.json"], "报告年度 1999 不合理"),
        (["--unit", "测试镇", "--year", "2024", "-o", "x.xyz"], "无法从扩展名判断输出格式"),
        (["--unit", "测试镇", "--year", "2024", "-o", "exists.json"], "已存在"),
    ],
)
def test_new_refuses_bad_input_and_does_not_overwrite(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists.json").write_text("keep")
    assert main(["report", "new", *argv]) == 2
    assert words in capsys.readouterr().err
    assert (tmp_path / "exists.json").read_text() == "keep"


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    ("tty", "no_color", "expected"), [(True, None, True), (True, "1", False), (False, None, False)]
)
def test_colour_only_on_a_terminal_without_no_color(monkeypatch, tty, no_color, expected):
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    stream = FakeTerminal() if tty else io.StringIO()
    assert use_colour(stream) is expected
    assert ("\033[" in Palette(expected).red("错误")) is expected


@pytest.mark.parametrize(
    ("stream", "files", "shown"), [(FakeTerminal, 3, True), (io.StringIO, 3, False), (FakeTerminal, 1, False)]
)
def test_progress_bar_only_for_several_files_on_a_terminal(stream, files, shown):
    err = stream()
    progress = Progress(files, err)
    progress.step(1, "/a/b/seed.txt")
    progress.close()
    assert ("检查中 [" in err.getvalue() and "1/3 seed.txt" in err.getvalue()) is shown
