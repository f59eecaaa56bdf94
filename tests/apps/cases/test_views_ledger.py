"""Ledger pages (applications.md §10–§11): upload → preview → confirm, all or nothing; masked export."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.apps.reports.ledger_data import EXPECTED_2025, ROWS, import_rows, ledger_csv
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.selectors import report_from_cases
from xxgk.core.cases.ledger import HEADERS
from xxgk.core.report.rules import ERROR, FAIL, check

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(unit, staff):
    """The unit's staff plus a unit admin, and a stranger from another unit."""
    made = dict(staff)
    made["unit_admin"] = UserFactory(username="unit_admin")
    MembershipFactory(user=made["unit_admin"], unit=unit, role="unit_admin")
    made["stranger"] = UserFactory(username="stranger")
    MembershipFactory(user=made["stranger"], unit=UnitFactory(name="别的镇人民政府"), role="reviewer")
    return made


def _as(people, who) -> Client:
    client = Client()
    client.force_login(people[who])
    return client


def _upload(client, data: bytes, name="台账.csv"):
    return client.post(reverse("cases_ledger:preview"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("who", "status"), [("reviewer", 200), ("unit_admin", 200), ("handler", 403), ("registrar", 403)]
)
def test_who_may_upload(people, who, status):
    assert _upload(_as(people, who), ledger_csv()).status_code == status


def test_a_stranger_cannot_confirm_an_import_into_the_unit(people, unit):
    reviewer = _as(people, "reviewer")
    _upload(reviewer, ledger_csv())
    stranger = _as(people, "stranger")
    session = stranger.session
    session["xxgk_ledger_upload"] = reviewer.session["xxgk_ledger_upload"]
    session.save()
    assert stranger.post(reverse("cases_ledger:confirm")).status_code == 403
    assert not Case.objects.exists()


def test_a_good_ledger_is_previewed_then_imported_and_its_tables_pass_every_rule(people, unit):
    client = _as(people, "reviewer")
    preview = _upload(client, ledger_csv())
    html = preview.content.decode()
    assert preview.status_code == 200 and 'id="ledger-confirm"' in html and "全部 8 行均可导入" in html
    assert "超期未办结" in html  # 2025-0007 is still open long after its deadline: flagged, not refused
    assert not Case.objects.exists()  # nothing is written by the preview
    response = client.post(reverse("cases_ledger:confirm"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:report", kwargs={"unit_id": unit.pk, "year": 2025})
    assert Case.objects.filter(unit=unit, imported=True).count() == len(ROWS)
    report = report_from_cases(unit, 2025)
    assert {a: report.number(a) for a in EXPECTED_2025} == EXPECTED_2025
    assert [r for r in check(report) if r.status == FAIL and r.severity == ERROR] == []
    assert client.post(reverse("cases_ledger:confirm")).status_code == 302  # nothing pending any more
    assert Case.objects.count() == len(ROWS)


def test_an_xlsx_ledger_is_accepted(people, unit):
    book = Workbook()
    book.active.append(list(HEADERS))
    for row in ROWS:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    client = _as(people, "unit_admin")
    assert 'id="ledger-confirm"' in _upload(client, buffer.getvalue(), "台账.xlsx").content.decode()
    client.post(reverse("cases_ledger:confirm"))
    assert Case.objects.count() == len(ROWS)


@pytest.mark.parametrize(
    ("line", "column", "value", "reason"),
    [
        (3, 3, "个体户", "未知的申请人类型“个体户”"),
        (4, 1, "2025/04/01", "收到日期"),
        (5, 15, "（九）不存在的结果", "办理结果"),
        (5, 6, "", "补正"),  # other_no_supplement without a 补正 notice
    ],
)
def test_a_bad_row_imports_nothing_and_its_line_is_named(people, line, column, value, reason):
    rows = [list(r) for r in ROWS]
    rows[line - 2][column] = value
    client = _as(people, "reviewer")
    html = _upload(client, ledger_csv(rows)).content.decode()
    assert 'id="ledger-confirm"' not in html and "未导入任何案件" in html
    assert f'data-line="{line}"' in html and reason in html
    assert client.post(reverse("cases_ledger:confirm")).status_code == 302
    assert not Case.objects.exists()


def test_a_ledger_that_became_invalid_before_confirmation_imports_nothing(people, unit, calendar):
    client = _as(people, "reviewer")
    _upload(client, ledger_csv())
    import_rows(unit, calendar, ROWS[:1])  # someone imports the first number in between
    response = client.post(reverse("cases_ledger:confirm"))
    assert response.status_code == 400 and "在本单位已存在" in response.content.decode()
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "empty.csv", "空文件"),
        (b"\xff\xfe\x00\xd8broken", "x.csv", "编码"),
        (b"a,b\n1,2\n", "x.txt", "扩展名"),
        (b"PK\x03\x04broken", "x.xlsx", "无法读取 XLSX"),
    ],
)
def test_an_unreadable_file_gets_a_chinese_error(people, data, name, error):
    response = _upload(_as(people, "reviewer"), data, name)
    assert response.status_code == 400 and error in response.content.decode()


def test_a_wrong_header_row_is_named(people):
    html = _upload(_as(people, "reviewer"), ledger_csv(headers=["编号", "日期"])).content.decode()
    assert "第1行（表头）" in html and 'id="ledger-confirm"' not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_masks_applicants(people, unit, calendar, fmt):
    import_rows(unit, calendar)
    response = _as(people, "handler").get(reverse("cases_ledger:export"), {"format": fmt, "year": "2025"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    if fmt == "csv":
        records = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        records = [dict(zip(header, r, strict=True)) for r in rows]
    assert [r["编号"] for r in records] == [f"2025-000{n}" for n in range(1, 8)]
    assert [r["申请人"] for r in records][:2] == ["张*", "李*"]
    assert not any(name in response.content.decode("utf-8", "ignore") for name in ("张三", "李四", "孙七"))


def test_export_is_for_the_units_viewers_only(people, unit, calendar):
    import_rows(unit, calendar)
    response = _as(people, "stranger").get(reverse("cases_ledger:export"), {"format": "csv"})
    assert "2025-0001" not in response.content.decode("utf-8", "ignore")  # the stranger's own unit is exported


@pytest.mark.parametrize("query", [{"format": "pdf"}, {"format": "csv", "year": "1800"}])
def test_a_bad_export_request_is_refused(people, query):
    assert _as(people, "reviewer").get(reverse("cases_ledger:export"), query).status_code == 400
