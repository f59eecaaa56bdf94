"""Units import: CSV (UTF-8, GBK) and XLSX, all or nothing, bad rows named by line."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.factories import UnitFactory
from xxgk.apps.units.importing import UnitsImportError, import_units
from xxgk.apps.units.models import AuditEntry, Unit
from xxgk.core.units import org_code_check_digit

pytestmark = pytest.mark.django_db


def code(body: str) -> str:
    return body + org_code_check_digit(body)


GOOD = [
    ("名称", "简称", "组织机构代码", "类型", "上级"),
    ("勍香镇人民政府", "勍香镇", code("11000002"), "人民政府", "示例县人民政府"),  # parent comes later
    ("示例县人民政府", "示例县", code("11000001"), "人民政府", ""),
    ("示例县教育局", "教育局", code("11000003"), "部门", "示例县人民政府"),
    ("城关街道办事处", "城关", code("11000004"), "派出机构", "示例县人民政府"),
]


def write_csv(path, rows, encoding="utf-8"):
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding))
    return path


def write_xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


@pytest.mark.parametrize(
    "make",
    [
        lambda p: write_csv(p / "u.csv", GOOD),
        lambda p: write_csv(p / "u.csv", GOOD, encoding="gbk"),
        lambda p: write_csv(p / "u.csv", GOOD, encoding="utf-8-sig"),
        lambda p: write_xlsx(p / "u.xlsx", GOOD),
    ],
    ids=["utf8", "gbk", "utf8-bom", "xlsx"],
)
def test_good_file_imports_every_unit(tmp_path, make):
    result = import_units(make(tmp_path))
    assert sorted(result.created) == sorted(r[0] for r in GOOD[1:])
    assert Unit.objects.get(name="勍香镇人民政府").parent.name == "示例县人民政府"
    assert Unit.objects.get(name="城关街道办事处").is_street_office
    assert AuditEntry.objects.filter(action="unit.create").count() == 4


def test_parent_already_in_the_database(tmp_path):
    UnitFactory(name="示例县人民政府", org_code=code("11000001"))
    rows = [GOOD[0], GOOD[1]]
    assert import_units(write_csv(tmp_path / "u.csv", rows)).created == ["勍香镇人民政府"]


def test_importing_the_same_file_twice_skips_what_exists(tmp_path):
    path = write_csv(tmp_path / "u.csv", GOOD)
    import_units(path)
    result = import_units(path)
    assert result.created == [] and len(result.skipped) == 4
    assert Unit.objects.count() == 4


BAD = [
    *GOOD,
    ("", "无名", code("11000005"), "部门", "示例县人民政府"),  # line 6
    ("示例县财政局", "", "12345678", "部门", "示例县人民政府"),  # line 7: 8 characters
    ("示例县水利局", "", code("11000007")[:-1] + "Z", "部门", "示例县人民政府"),  # line 8: check digit
    ("示例县税务局", "", code("11000008"), "税务", "示例县人民政府"),  # line 9: kind
    ("某科室", "", code("11000009"), "部门", "示例县教育局"),  # line 10: department under a department
    ("示例县卫健局", "", code("11000010"), "部门", "不存在的政府"),  # line 11: parent unknown
    ("示例县教育局", "", code("11000011"), "部门", "示例县人民政府"),  # line 12: duplicate name
    ("示例县民政局", "", code("11000001"), "部门", "示例县人民政府"),  # line 13: duplicate code
]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_bad_rows_import_nothing_and_are_named(tmp_path, suffix):
    path = write_csv(tmp_path / "u.csv", BAD) if suffix == "csv" else write_xlsx(tmp_path / "u.xlsx", BAD)
    with pytest.raises(UnitsImportError) as info:
        import_units(path)
    lines = {e.line: e.reason for e in info.value.errors}
    assert set(lines) == {6, 7, 8, 9, 10, 11, 12, 13}
    assert "名称为空" in lines[6]
    assert "应为9位" in lines[7]
    assert "校验位" in lines[8]
    assert "类型“税务”无效" in lines[9]
    assert "不能设在" in lines[10]
    assert "不存在的政府" in lines[11]
    assert "与第4行重复" in lines[12]
    assert "与第3行重复" in lines[13]
    assert str(info.value.errors[0]).startswith("第6行：")
    assert Unit.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_cycle_is_refused(tmp_path):
    rows = [
        GOOD[0],
        ("甲镇人民政府", "", code("11000021"), "人民政府", "乙镇人民政府"),
        ("乙镇人民政府", "", code("11000022"), "人民政府", "甲镇人民政府"),
    ]
    with pytest.raises(UnitsImportError, match="循环"):
        import_units(write_csv(tmp_path / "u.csv", rows))


def test_existing_unit_with_different_data_is_refused(tmp_path):
    UnitFactory(name="示例县人民政府", org_code=code("11000099"))
    with pytest.raises(UnitsImportError, match="已存在"):
        import_units(write_csv(tmp_path / "u.csv", GOOD))
    assert Unit.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "文件是空的"), ("名称,类型\n甲,部门\n".encode(), "表头缺少"), (b"\xff\xfe\x00\x81\x30", "编码")],
)
def test_unreadable_files_are_refused(tmp_path, content, message):
    path = tmp_path / "u.csv"
    path.write_bytes(content)
    with pytest.raises(UnitsImportError, match=message):
        import_units(path)


def test_damaged_xlsx_is_refused(tmp_path):
    path = tmp_path / "u.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnitsImportError, match="无法读取 XLSX"):
        import_units(path)


def test_model_validation_errors_are_named_in_chinese(tmp_path):
    long_name = "很" * 101 + "局"
    rows = [GOOD[0], GOOD[2], (long_name, "", code("11000031"), "部门", "示例县人民政府")]
    with pytest.raises(UnitsImportError) as info:
        import_units(write_csv(tmp_path / "u.csv", rows))
    assert info.value.errors[0].line == 3 and info.value.errors[0].reason.startswith("全称：")
    assert Unit.objects.count() == 0
