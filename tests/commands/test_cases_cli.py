"""``xxgk cases import/export`` and ``report build`` from cases, run in-process on the test database."""

from __future__ import annotations

import argparse
import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import UnitFactory
from tests.ledger_rows import ledger_row
from xxgk.apps.cases.models import Case
from xxgk.cli import main
from xxgk.commands.cases import add_build_parser
from xxgk.core.cases.ledger import EXPORT_HEADERS, HEADERS

pytestmark = pytest.mark.django_db
UNIT = "勍香镇人民政府"
ROWS = [
    ledger_row(
        编号="2025-0001",
        收到日期="2025-03-02",
        申请方式="网络",
        申请人类型="自然人",
        申请人="张三",
        申请内容="拆迁公告",
        办结日期="2025-03-20",
        办理结果="granted",
    ),
    ledger_row(
        编号="2025-0002",
        收到日期="2025-03-03",
        申请方式="当面",
        申请人类型="自然人",
        申请人="李四",
        申请内容="低保名单",
        办结日期="2025-06-20",
        办理结果="granted",
    ),
    ledger_row(
        编号="2025-0003", 收到日期="2025-12-29", 申请方式="信函", 申请人类型="科研机构", 申请人="某所", 申请内容="规划"
    ),
]


@pytest.fixture
def unit(db):
    return UnitFactory(name=UNIT)


def ledger(tmp_path, rows, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    path = tmp_path / "台账.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_import_accepts_the_ledger_and_flags_late_and_long_open_cases(tmp_path, unit, capsys):
    assert main(["cases", "import", str(ledger(tmp_path, ROWS, "gbk")), "--unit", UNIT]) == 0
    out = capsys.readouterr().out
    assert f"已导入 3 件申请到“{UNIT}”" in out
    assert "第3行 编号 2025-0002：逾期答复" in out
    assert "第4行 编号 2025-0003：超期未办结" in out
    assert "第2行" not in out
    assert Case.objects.filter(unit=unit).count() == 3


def test_import_with_a_bad_row_imports_nothing_and_exits_2(tmp_path, unit, capsys):
    rows = [ROWS[0], [*ROWS[1][:14], "2025-02-01", "granted"], ROWS[2]]
    assert main(["cases", "import", str(ledger(tmp_path, rows)), "--unit", UNIT]) == 2
    err = capsys.readouterr().err
    assert "未导入任何案件" in err
    assert "第3行：办结日期（2025-02-01）早于收到日期（2025-03-03）" in err
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unit", "不存在的单位"], "找不到单位“不存在的单位”"),
        (["--unit", UNIT, "--missing"], None),
    ],
)
def test_import_refuses_an_unknown_unit(tmp_path, unit, capsys, argv, message):
    if message is None:
        with pytest.raises(SystemExit):
            main(["cases", "import", str(ledger(tmp_path, ROWS)), *argv])
        return
    assert main(["cases", "import", str(ledger(tmp_path, ROWS)), *argv]) == 2
    assert message in capsys.readouterr().err


def test_import_of_a_missing_file_is_a_chinese_error(tmp_path, unit, capsys):
    assert main(["cases", "import", str(tmp_path / "nope.csv"), "--unit", UNIT]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_export_masks_names_to_stdout_and_writes_xlsx(tmp_path, unit, capsys):
    main(["cases", "import", str(ledger(tmp_path, ROWS)), "--unit", UNIT])
    capsys.readouterr()
    assert main(["cases", "export", "--unit", UNIT, "--year", "2025"]) == 0
    records = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["申请人"] for r in records] == ["张*", "李*", "某*"]
    out = tmp_path / "export.xlsx"
    assert main(["cases", "export", "--unit", UNIT, "-o", str(out)]) == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(EXPORT_HEADERS) and sheet.max_row == 4


def build(argv):
    parser = argparse.ArgumentParser()
    add_build_parser(parser.add_subparsers())
    args = parser.parse_args(["build", *argv])
    return args.func(args)


def test_report_build_writes_table3_from_the_cases(tmp_path, unit, capsys):
    main(["cases", "import", str(ledger(tmp_path, ROWS)), "--unit", UNIT])
    capsys.readouterr()
    assert build(["--unit", UNIT, "--year", "2025", "--to", "cells"]) == 0
    cells = dict(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert cells["t3.new_received.total"] == "3"
    assert cells["t3.granted.natural_person"] == "2"
    assert cells["t3.carried_forward.research"] == "1"


def test_report_build_refuses_binary_output_to_a_terminal(unit, capsys):
    assert build(["--unit", UNIT, "--year", "2025", "--to", "docx"]) == 2
    assert "-o" in capsys.readouterr().err
