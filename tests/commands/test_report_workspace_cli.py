"""``xxgk report build`` (whole report, frozen once submitted, ``--aggregate``) and ``xxgk report import``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.commands.test_cases_cli import ROWS, ledger
from tests.factories import UnitFactory
from tests.ledger_rows import ledger_row
from xxgk.apps.reports.checks import run_checks
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.reports.selectors import live_report, previous_report
from xxgk.cli import main
from xxgk.core.report.layout import SECTIONS, cell_addresses
from xxgk.core.report.rules import FAIL, PASS, check
from xxgk.core.units import UnitKind

pytestmark = pytest.mark.django_db
COUNTY, TOWN, BUREAU = "示例县人民政府", "勍香镇人民政府", "示例县教育局"
CARRIED = ledger_row(
    编号="2024-0009",
    收到日期="2024-12-20",
    申请方式="信函",
    申请人类型="自然人",
    申请人="王五",
    申请内容="旧城改造",
    办结日期="2025-01-10",
    办理结果="granted",
)
BUREAU_ROWS = [
    ledger_row(
        编号="2025-0101",
        收到日期="2025-05-02",
        申请方式="网络",
        申请人类型="商业企业",
        申请人="某公司",
        申请内容="招标文件",
        办结日期="2025-05-20",
        办理结果="partially_granted",
    )
]


@pytest.fixture
def units(db):
    county = UnitFactory(name=COUNTY, kind=UnitKind.GOVERNMENT.value)
    town = UnitFactory(name=TOWN, kind=UnitKind.GOVERNMENT.value, parent=county)
    bureau = UnitFactory(name=BUREAU, parent=county)
    return county, town, bureau


def _cells(text: str) -> dict[str, str]:
    return dict(csv.reader(io.StringIO(text)))


def _import_cases(tmp_path, unit_name, rows):
    assert main(["cases", "import", str(ledger(tmp_path, rows)), "--unit", unit_name]) == 0


def test_build_writes_all_six_sections_and_three_tables(tmp_path, units, capsys):
    _import_cases(tmp_path, TOWN, [CARRIED, *ROWS])
    capsys.readouterr()
    assert main(["report", "build", "--unit", TOWN, "--year", "2025", "--to", "txt"]) == 0
    text = capsys.readouterr().out
    for _, heading in SECTIONS:
        assert heading in text
    assert "新收政府信息公开申请3件" in text and "上年结转政府信息公开申请1件" in text


def test_build_writes_the_frozen_version_once_submitted(tmp_path, units, capsys):
    _import_cases(tmp_path, TOWN, ROWS)
    town = units[1]
    annual = AnnualReport.objects.create(unit=town, year=2025, state="submitted")
    frozen = live_report(town, 2025)
    from xxgk.documents.json_format import report_to_json

    ReportVersion.objects.create(
        report=annual, number=1, content=report_to_json(frozen), submitted_at="2026-01-05T09:00Z"
    )
    _import_cases(tmp_path, TOWN, [CARRIED])  # a case entered after submission
    capsys.readouterr()
    assert main(["report", "build", "--unit", TOWN, "--year", "2025", "--to", "cells"]) == 0
    assert _cells(capsys.readouterr().out)["t3.carried_over.total"] == "0"  # the frozen number, not 1


def test_aggregate_cells_are_the_sums_of_the_units_cells_and_pass_the_same_rules(tmp_path, units, capsys):
    _import_cases(tmp_path, TOWN, [CARRIED, *ROWS])
    _import_cases(tmp_path, BUREAU, BUREAU_ROWS)
    capsys.readouterr()
    own = {}
    for name in (COUNTY, TOWN, BUREAU):
        assert main(["report", "build", "--unit", name, "--year", "2025", "--to", "cells"]) == 0
        own[name] = _cells(capsys.readouterr().out)
    assert main(["report", "build", "--unit", COUNTY, "--year", "2025", "--to", "json", "--aggregate"]) == 0
    captured = capsys.readouterr()
    assert "汇总了 3 个单位" in captured.err
    data = json.loads(captured.out)
    for address in cell_addresses():
        expected = sum(float(own[name][address]) for name in own)
        assert float(data["cells"][address]["value"]) == expected, address
    assert data["cells"]["t3.new_received.total"]["value"] == "4"
    from xxgk.documents.json_format import report_from_json

    summary = report_from_json(captured.out)
    passing = {r.rule for r in check(summary) if r.status == PASS}
    assert {"T3-BALANCE", "T3-OUTCOMES", "T3-COLUMNS", "T4-GROUP", "VALUE-TYPE", "TEXT-NUMBERS"} <= passing
    assert not [r for r in check(summary) if r.status == FAIL and r.severity == "error"]


def test_import_stores_a_readable_report_and_shows_what_was_read(units, capsys):
    code = main(["report", "import", "tests/data/seed-qinxiang-2022.txt", "--unit", TOWN, "--year", "2022"])
    out = capsys.readouterr().out
    assert code == 0 and "已导入" in out and "TEXT-FEES" in out
    version = ReportVersion.objects.get(report__unit__name=TOWN, report__year=2022)
    assert version.report.imported and version.source_name == "seed-qinxiang-2022.txt"


@pytest.mark.parametrize(
    ("content", "year", "message"),
    [
        (b"\x00\x01\x02\x03garbage" * 100, "2022", "无法读取该文件"),
        (None, "2024", "与指定的2024年不符"),
    ],
)
def test_import_stores_nothing_from_a_file_it_cannot_use(tmp_path, units, capsys, content, year, message):
    path = tmp_path / "report.bin"
    if content is None:
        path.write_bytes(Path("tests/data/seed-qinxiang-2022.txt").read_bytes())
    else:
        path.write_bytes(content)
    assert main(["report", "import", str(path), "--unit", TOWN, "--year", year]) == 2
    assert message in capsys.readouterr().err
    assert not ReportVersion.objects.exists()


def test_import_refuses_to_overwrite_a_report_made_in_xxgk(units, capsys):
    AnnualReport.objects.create(unit=units[1], year=2022)
    assert main(["report", "import", "tests/data/seed-qinxiang-2022.txt", "--unit", TOWN, "--year", "2022"]) == 2
    assert "已在本系统中编写" in capsys.readouterr().err


@pytest.mark.parametrize(("carried_forward", "status", "exit_code"), [("1", PASS, 0), ("3", FAIL, 1)])
def test_x_carry_against_the_imported_previous_report(tmp_path, units, capsys, carried_forward, status, exit_code):
    _import_cases(tmp_path, TOWN, [CARRIED, *ROWS])
    capsys.readouterr()
    previous_file, current_file = tmp_path / "2024.json", tmp_path / "2025.json"
    assert main(["report", "build", "--unit", TOWN, "--year", "2024", "--to", "json", "-o", str(previous_file)]) == 0
    assert main(["report", "build", "--unit", TOWN, "--year", "2025", "--to", "json", "-o", str(current_file)]) == 0
    data = json.loads(previous_file.read_text())
    assert data["cells"]["t3.carried_forward.total"]["value"] == "1"
    data["cells"]["t3.carried_forward.natural_person"]["value"] = carried_forward
    data["cells"]["t3.carried_forward.total"]["value"] = carried_forward
    data["cells"]["t3.total_processed.natural_person"]["value"] = str(1 - int(carried_forward))
    previous_file.write_text(json.dumps(data, ensure_ascii=False))
    assert main(["report", "import", str(previous_file), "--unit", TOWN, "--year", "2024"]) == 0
    capsys.readouterr()
    assert main(["report", "check", str(current_file), "--previous", str(previous_file)]) == exit_code
    assert ("X-CARRY" in capsys.readouterr().out) is (status == FAIL)
    town = units[1]
    results = run_checks(live_report(town, 2025), previous_report(town, 2025), []).results
    statuses = {r.cells[0]: r.status for r in results if r.rule == "X-CARRY"}
    assert statuses["t3.carried_over.total"] == status and statuses["t3.carried_over.natural_person"] == status
    assert statuses["t3.carried_over.commercial"] == PASS
