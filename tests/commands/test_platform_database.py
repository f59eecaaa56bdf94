"""The platform commands on a fresh, misconfigured or unreachable database: a Chinese error, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.core.units import org_code_check_digit

XXGK = [sys.executable, "-m", "xxgk.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment.pop("XXGK_PRODUCTION", None)
    environment["XXGK_DATA_DIR"] = str(data_dir)
    environment.update(extra)
    return environment


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*XXGK, *args], env=env, capture_output=True, text=True, timeout=120)


def _units_csv(directory: Path) -> Path:
    code = "31000001" + org_code_check_digit("31000001")
    path = directory / "units.csv"
    path.write_text(f"名称,简称,组织机构代码,类型,上级\n乙县人民政府,乙县,{code},人民政府,\n", encoding="utf-8")
    return path


def test_units_import_sets_up_a_fresh_database(tmp_path: Path) -> None:
    result = _run(_env(tmp_path / "var"), "units", "import", str(_units_csv(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "已导入 1 个单位" in result.stdout and "乙县人民政府" in result.stdout
    assert (tmp_path / "var" / "xxgk.sqlite3").is_file()


KEY = "Vq3xZ8-Lm2pR7sT1uW9yA4bC6dE0fG5hJ-kN3oP8qR2sT7uV1wX9yZ4aB6cD0eF"  # a production-length test key


@pytest.mark.parametrize(
    ("extra", "args", "message"),
    [
        ({"DATABASE_URL": "mysql://user@127.0.0.1/xxgk"}, ["deadline", "2026-09-18"], "不支持的数据库"),
        ({"DATABASE_URL": "nosuch://x"}, ["demo"], "DATABASE_URL 无法识别"),
        ({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/xxgk"}, ["units", "import", "CSV"], "无法读取数据库"),
        ({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/xxgk"}, ["serve", "--port", "1"], "无法读取数据库"),
        ({"XXGK_PRODUCTION": "1", "XXGK_SECRET_KEY": ""}, ["serve", "--port", "1"], "必须设置 XXGK_SECRET_KEY"),
        ({"XXGK_PRODUCTION": "1", "XXGK_SECRET_KEY": ""}, ["manage", "check"], "必须设置 XXGK_SECRET_KEY"),
        ({"XXGK_PRODUCTION": "1", "XXGK_SECRET_KEY": KEY, "XXGK_EMAIL_BACKEND": "smtp"}, ["demo"], "不能载入演示数据"),
        ({"XXGK_PRODUCTION": "1", "XXGK_SECRET_KEY": "k" * 60}, ["serve", "--port", "1"], "至少应有50个随机字符"),
        ({"XXGK_PRODUCTION": "1", "XXGK_SECRET_KEY": KEY}, ["serve", "--port", "1"], "XXGK_EMAIL_BACKEND"),
    ],
)
def test_bad_database_settings_get_a_chinese_error(
    tmp_path: Path, extra: dict[str, str], args: list[str], message: str
) -> None:
    args = [str(_units_csv(tmp_path)) if a == "CSV" else a for a in args]
    result = _run(_env(tmp_path / "var", **extra), *args)
    assert result.returncode == 1
    assert message in result.stderr and "错误：" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_in_production_creates_no_account(tmp_path: Path) -> None:
    env = _env(tmp_path / "var", XXGK_PRODUCTION="1", XXGK_SECRET_KEY=KEY, XXGK_EMAIL_BACKEND="smtp")
    assert _run(env, "demo").returncode == 1
    assert not (tmp_path / "var" / "xxgk.sqlite3").exists()
