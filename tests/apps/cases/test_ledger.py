"""Ledger import and export against the database (applications.md §10–§11)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests.ledger_rows import ledger_row
from xxgk.apps.cases.ledger import (
    LedgerFileError,
    case_import_ledger,
    export_cases,
    read_ledger_file,
    validate_ledger,
    write_ledger,
)
from xxgk.apps.cases.models import Case, CaseEvent, Fee
from xxgk.apps.cases.selectors import report_from_cases
from xxgk.core.cases.ledger import HEADERS
from xxgk.core.report.rules import ERROR, FAIL, check

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)

GOOD = [
    ledger_row(
        编号="2025-0001",
        收到日期="2025-03-02",
        申请方式="网络",
        申请人类型="自然人",
        申请人="张三",
        申请内容="某路拆迁公告",
        办结日期="2025-03-20",
        办理结果="（一）予以公开",
    ),
    ledger_row(
        编号="2025-0002",
        收到日期="2025-05-06",
        申请方式="信函",
        申请人类型="商业企业",
        申请人="某公司",
        申请内容="征地批复",
        补正告知日期="2025-05-08",
        办结日期="2025-06-30",
        办理结果="other_no_supplement",
    ),
    ledger_row(
        编号="2025-0003",
        收到日期="2025-12-20",
        申请方式="当面",
        申请人类型="自然人",
        申请人="李四",
        申请内容="低保名单",
        征求意见发出日期="2025-12-22",
        征求意见答复日期="2026-01-09",
        延期工作日="10",
        办结日期="2026-02-10",
        办理结果="4.保护第三方合法权益",
    ),
    ledger_row(
        编号="2025-0004",
        收到日期="2025-07-01",
        申请方式="电子邮件",
        申请人类型="法律服务机构",
        申请人="某律所",
        申请内容="处罚决定",
        收费通知日期="2025-07-03",
        缴费日期="2025-07-10",
        收费金额="200",
        办结日期="2025-07-20",
        办理结果="（二）部分公开",
    ),
    ledger_row(
        编号="2026-0001",
        收到日期="2026-10-08",
        申请方式="网络",
        申请人类型="其他",
        申请人="某协会",
        申请内容="规划文本",
    ),
]


def csv_file(tmp_path, rows, *, encoding="utf-8", headers=HEADERS):
    path = tmp_path / "ledger.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_a_good_ledger_imports_whole_and_gives_tables_that_pass_every_rule(tmp_path, unit, calendar, encoding):
    table = read_ledger_file(csv_file(tmp_path, GOOD, encoding=encoding))
    result = validate_ledger(unit, table, calendar=calendar, today=TODAY)
    assert result.ok, [r.errors for r in result.refused]
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    assert Case.objects.filter(unit=unit).count() == 5
    assert Fee.objects.get(case__number="2025-0004").amount == 200
    assert CaseEvent.objects.filter(case__number="2025-0003", kind="consultation_sent").exists()
    for year in (2025, 2026):
        failures = [r for r in check(report_from_cases(unit, year)) if r.severity == ERROR and r.status == FAIL]
        assert failures == []
    report = report_from_cases(unit, 2025)
    assert report.number("t3.new_received.total") == 4
    assert report.number("t3.carried_forward.natural_person") == 1
    assert report.number("t3.partially_granted.legal_services") == 1
    assert report_from_cases(unit, 2026).number("t3.withheld_third_party.total") == 1


def test_a_ledger_with_a_bad_row_imports_nothing_and_names_the_line(tmp_path, unit, calendar):
    bad = [*GOOD[:2], [*GOOD[2][:3], "个体户", *GOOD[2][4:]], *GOOD[3:]]
    result = validate_ledger(unit, read_ledger_file(csv_file(tmp_path, bad)), calendar=calendar, today=TODAY)
    assert not result.ok
    assert [(r.line, r.errors) for r in result.refused] == [
        (4, ("未知的申请人类型“个体户”（可选：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",))
    ]
    with pytest.raises(ValueError):
        case_import_ledger(actor=None, unit=unit, rows=result.rows)
    assert not Case.objects.exists()


def test_long_open_and_late_rows_are_flagged_not_refused(tmp_path, unit, calendar):
    rows = [GOOD[4], [*GOOD[0][:14], "2025-05-20", GOOD[0][15]], ["2025-0009", "2025-01-06", *GOOD[4][2:]]]
    result = validate_ledger(unit, read_ledger_file(csv_file(tmp_path, rows)), calendar=calendar, today=TODAY)
    assert result.ok
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    assert set(Case.objects.filter(late=True).values_list("number", flat=True)) == {"2025-0001"}
    assert set(Case.objects.filter(long_open=True).values_list("number", flat=True)) == {"2025-0009", "2026-0001"}


def test_a_number_already_in_the_unit_is_refused(tmp_path, unit, calendar):
    path = csv_file(tmp_path, GOOD[:1])
    case_import_ledger(
        actor=None, unit=unit, rows=validate_ledger(unit, read_ledger_file(path), calendar=calendar, today=TODAY).rows
    )
    again = validate_ledger(unit, read_ledger_file(path), calendar=calendar, today=TODAY)
    assert again.refused[0].errors == ("编号“2025-0001”在本单位已存在",)


def test_xlsx_ledger_with_real_dates_is_read(tmp_path, unit, calendar):
    book = Workbook()
    book.active.append(list(HEADERS))
    row = list(GOOD[0])
    row[1], row[14] = dt.datetime(2025, 3, 2), dt.datetime(2025, 3, 20)
    book.active.append(row)
    path = tmp_path / "台账.xlsx"
    book.save(path)
    result = validate_ledger(unit, read_ledger_file(path), calendar=calendar, today=TODAY)
    assert result.ok and result.rows[0].row.received_on == dt.date(2025, 3, 2)


@pytest.mark.parametrize(("content", "message"), [(b"", "文件为空"), (b"\xff\xfe\x00\xd8broken", "编码")])
def test_unreadable_files_get_a_chinese_error(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(LedgerFileError, match=message):
        read_ledger_file(path)


def test_export_masks_the_applicant_and_reimports_into_another_unit(tmp_path, unit, calendar):
    from tests.factories import UnitFactory

    result = validate_ledger(unit, read_ledger_file(csv_file(tmp_path, GOOD)), calendar=calendar, today=TODAY)
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    records = export_cases(unit)
    assert [r["申请人"] for r in records][:2] == ["张*", "某**"]
    assert [r["编号"] for r in export_cases(unit, 2025)] == ["2025-0001", "2025-0002", "2025-0004", "2025-0003"]
    out = tmp_path / "out.csv"
    write_ledger(records, out)
    other = UnitFactory(name="某县人民政府")
    again = validate_ledger(other, read_ledger_file(out), calendar=calendar, today=TODAY)
    assert again.ok
    case_import_ledger(actor=None, unit=other, rows=again.rows)
    assert report_from_cases(other, 2025).cells == report_from_cases(unit, 2025).cells


def test_export_writes_the_due_date_of_open_cases_after_the_outcome(tmp_path, unit, calendar):
    result = validate_ledger(unit, read_ledger_file(csv_file(tmp_path, GOOD)), calendar=calendar, today=TODAY)
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    out = tmp_path / "out.csv"
    write_ledger(export_cases(unit), out)
    with out.open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames[-2:] == ["办理结果", "答复期限"]
        due = {r["编号"]: r["答复期限"] for r in reader}
    open_case = Case.objects.get(unit=unit, number="2026-0001")
    assert due["2026-0001"] == open_case.due_date.isoformat() == "2026-11-04"
    assert due["2025-0001"] == ""  # concluded: no due date to state


def test_an_imported_due_date_is_recomputed_never_trusted(tmp_path, unit, calendar):
    headers = (*HEADERS, "答复期限")
    path = csv_file(tmp_path, [[*GOOD[4], "2030-01-01"]], headers=headers)
    result = validate_ledger(unit, read_ledger_file(path), calendar=calendar, today=TODAY)
    assert result.ok
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    assert Case.objects.get(unit=unit, number="2026-0001").due_date == dt.date(2026, 11, 4)


def test_an_imported_case_keeps_its_due_date_when_recomputed_from_its_events(tmp_path, unit, calendar):
    from xxgk.apps.cases.services import case_recompute_deadline

    result = validate_ledger(unit, read_ledger_file(csv_file(tmp_path, GOOD)), calendar=calendar, today=TODAY)
    case_import_ledger(actor=None, unit=unit, rows=result.rows)
    for case in Case.objects.filter(unit=unit):
        imported = case.due_date
        case_recompute_deadline(case, calendar)
        assert case.due_date == imported, case.number
