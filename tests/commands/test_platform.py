"""The platform commands: units import, demo and manage (run in-process on the test database)."""

from __future__ import annotations

import pytest

from xxgk.apps.units.models import Unit
from xxgk.cli import main
from xxgk.core.units import org_code_check_digit

pytestmark = pytest.mark.django_db


def _csv(tmp_path, rows, encoding="utf-8"):
    path = tmp_path / "units.csv"
    path.write_bytes("\n".join(rows).encode(encoding))
    return path


def _code(body):
    return body + org_code_check_digit(body)


def test_units_import_good_gbk_file(tmp_path, capsys):
    path = _csv(
        tmp_path,
        [
            "名称,简称,组织机构代码,类型,上级",
            f"示例县人民政府,示例县,{_code('21000001')},人民政府,",
            f"勍香镇人民政府,勍香镇,{_code('21000002')},人民政府,示例县人民政府",
        ],
        encoding="gbk",
    )
    assert main(["units", "import", str(path)]) == 0
    assert "已导入 2 个单位" in capsys.readouterr().out
    assert Unit.objects.count() == 2


def test_units_import_bad_file_exits_2_and_names_lines(tmp_path, capsys):
    path = _csv(
        tmp_path,
        [
            "名称,简称,组织机构代码,类型,上级",
            f"示例县人民政府,示例县,{_code('21000001')},人民政府,",
            "勍香镇人民政府,勍香镇,123,乡镇,示例县人民政府",
        ],
    )
    assert main(["units", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "未导入任何单位" in err and "第3行：组织机构代码应为9位" in err and "第3行：类型“乡镇”无效" in err
    assert "Traceback" not in err
    assert Unit.objects.count() == 0


def test_units_import_missing_file(tmp_path, capsys):
    assert main(["units", "import", str(tmp_path / "nope.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_demo_prints_the_accounts_and_runs_twice(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "qx_chengban" in out and "xxgk-demo-2026" in out and "系统管理员" in out
    count = Unit.objects.count()
    assert main(["demo"]) == 0
    assert Unit.objects.count() == count


def test_manage_passes_arguments_through(capsys):
    assert main(["manage", "showmigrations", "units"]) == 0
    assert "0001_initial" in capsys.readouterr().out


def test_manage_unknown_command_fails(capsys):
    assert main(["manage", "no_such_command"]) != 0
