"""The report workspace: drafts from the data, checks before submission, freeze, approval, publication, 更正."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from tests.apps.reports.ledger_data import import_rows
from xxgk.apps.cases.models import Case
from xxgk.apps.reports import clock
from xxgk.apps.reports.checks import warning_key
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.reports.selectors import changes_since_frozen, live_report, report_build, version_report
from xxgk.apps.reports.services import (
    ReportRefused,
    report_act,
    report_correct,
    report_publish,
    report_save,
    report_submit,
    report_workspace,
)

pytestmark = pytest.mark.django_db
PUBLISHED_ON = dt.date(2026, 1, 20)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: PUBLISHED_ON)


def _url(unit, name="report", year=2025, **kwargs):
    return reverse(f"reports:{name}", kwargs={"unit_id": unit.pk, "year": year, **kwargs})


def _messages(html: str) -> list[str]:
    return re.findall(r'class="message message--\w+">([^<]*)<', html)


def _acknowledge_all(annual):
    from xxgk.apps.reports.checks import run_checks
    from xxgk.apps.reports.selectors import previous_report
    from xxgk.apps.reports.services import untouched_sections

    report = live_report(annual.unit, annual.year, annual)
    findings = run_checks(report, previous_report(annual.unit, annual.year), untouched_sections(annual))
    return [warning_key(w) for w in findings.to_acknowledge]


def _submit(annual, who):
    return report_submit(annual=annual, actor=who, acknowledged=_acknowledge_all(annual))


def test_the_generated_overview_states_the_applications_received_equal_to_the_cell(unit, calendar, client_for):
    import_rows(unit, calendar)
    html = client_for("handler").get(_url(unit)).content.decode()
    assert "新收政府信息公开申请7件" in html
    assert re.search(r'data-address="t3.new_received.total"[^>]*>(?:<a [^>]*>)?7<', html)
    for topic in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"):
        assert topic in html
    other = re.search(r"name=\"section_other\"[^>]*>([^<]*)<", html).group(1)
    assert "信息处理费" in other, other


def test_an_edited_number_blocks_submission_naming_the_sentence_and_the_cell(unit, calendar, client_for, people):
    import_rows(unit, calendar)
    client = client_for("handler")
    page = client.get(_url(unit)).content.decode()
    overview = re.search(r'name="section_overview"[^>]*>([^<]*)<', page).group(1)
    edited = overview.replace("新收政府信息公开申请7件", "新收政府信息公开申请8件")
    response = client.post(_url(unit, "save"), {"section_overview": edited, "lock": "0"}, follow=True)
    assert "已保存。" in _messages(response.content.decode())
    annual = AnnualReport.objects.get(unit=unit, year=2025)
    with pytest.raises(ReportRefused) as refused:
        report_submit(annual=annual, actor=people["handler"], acknowledged=_acknowledge_all(annual))
    assert "正文与表格不符" in refused.value.message_zh
    text_numbers = [w for w in refused.value.findings.blocking if w.rule == "TEXT-NUMBERS"]
    assert text_numbers and "新收政府信息公开申请8件" in text_numbers[0].message
    assert text_numbers[0].cells == ["t3.new_received.total"]
    assert not ReportVersion.objects.exists()


def test_warnings_must_be_acknowledged_and_the_acknowledgement_is_recorded(unit, calendar, people, client_for):
    import_rows(unit, calendar)
    annual = report_workspace(unit=unit, year=2025)
    with pytest.raises(ReportRefused) as refused:
        report_submit(annual=annual, actor=people["handler"])
    assert "警告尚未确认" in refused.value.message_zh
    rules = {w.rule for w in refused.value.findings.to_acknowledge}
    assert "SECTION-DRAFT" in rules  # the untouched drafts
    version = _submit(annual, people["handler"])
    assert {a["rule"] for a in version.acknowledged} == rules
    annual.refresh_from_db()
    assert annual.state == "submitted"


def test_an_error_blocks_submission_whatever_is_acknowledged(unit, calendar, people, monkeypatch):
    from xxgk.apps.reports import services
    from xxgk.core.report.model import Cell

    import_rows(unit, calendar)
    real = services.live_report

    def broken(unit, year, annual=None):
        report = real(unit, year, annual)
        report.cells["t3.granted.natural_person"] = Cell.of(99)
        return report

    monkeypatch.setattr(services, "live_report", broken)
    annual = report_workspace(unit=unit, year=2025)
    with pytest.raises(ReportRefused) as refused:
        report_submit(annual=annual, actor=people["handler"], acknowledged=["x"] * 50)
    assert "错误" in refused.value.message_zh and refused.value.findings.errors


def test_submission_freezes_the_numbers_and_the_workspace_says_what_changed(unit, calendar, people, client_for):
    import_rows(unit, calendar)
    annual = report_workspace(unit=unit, year=2025)
    _submit(annual, people["handler"])
    Case.objects.create(
        unit=unit,
        number="2025-0099",
        receipt_date=dt.date(2025, 12, 30),
        applicant_type="natural_person",
        applicant_name="吴九",
        channel="online",
    )
    frozen = report_build(unit=unit, year=2025)
    assert frozen.cell("t3.new_received.total").value == "7"
    assert live_report(unit, 2025).cell("t3.new_received.total").value == "8"
    changes = changes_since_frozen(frozen, live_report(unit, 2025))
    assert "t3.new_received.total" in {c.address for c in changes}
    html = client_for("reviewer").get(_url(unit)).content.decode()
    assert 'id="changes"' in html and 'data-address="t3.new_received.total"' in html
    with pytest.raises(ReportRefused):
        report_save(annual=AnnualReport.objects.get(pk=annual.pk), actor=people["handler"], sections={}, t2={}, lock=1)


def test_only_a_reviewer_or_unit_admin_approves_and_publishes(unit, calendar, people):
    import_rows(unit, calendar)
    annual = report_workspace(unit=unit, year=2025)
    _submit(annual, people["handler"])
    with pytest.raises(ReportRefused) as refused:
        report_act(annual=annual, actor=people["handler"], action="approve")
    assert "审核人或单位管理员" in refused.value.message_zh
    with pytest.raises(ReportRefused):
        report_publish(annual=annual, actor=people["reviewer"], today=PUBLISHED_ON)  # not approved yet
    report_act(annual=annual, actor=people["reviewer"], action="approve")
    version = report_publish(annual=annual, actor=people["reviewer"], today=PUBLISHED_ON)
    annual.refresh_from_db()
    assert annual.state == "published" and annual.first_published_on == PUBLISHED_ON
    assert version.published_on == PUBLISHED_ON and version.approved_by == people["reviewer"]


def test_the_published_report_is_on_the_public_column_with_date_and_downloads(unit, calendar, people, client):
    import_rows(unit, calendar)
    annual = report_workspace(unit=unit, year=2025)
    _submit(annual, people["handler"])
    report_act(annual=annual, actor=people["reviewer"], action="approve")
    assert client.get(reverse("reports_public:detail", args=[unit.pk, 2025])).status_code == 404
    report_publish(annual=annual, actor=people["reviewer"], today=PUBLISHED_ON)
    listing = client.get(reverse("reports_public:list", args=[unit.pk])).content.decode()
    assert "2026年1月20日" in listing and "勍香镇人民政府2025年政府信息公开工作年度报告" in listing
    page = client.get(reverse("reports_public:detail", args=[unit.pk, 2025])).content.decode()
    assert "新收政府信息公开申请7件" in page and "六、其他需要报告的事项" in page
    docx = client.get(reverse("reports_public:file", args=[unit.pk, 2025, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "新收政府信息公开申请7件" in text
    pdf = client.get(reverse("reports_public:file", args=[unit.pk, 2025, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("reports_public:file", args=[unit.pk, 2025, "json"])).status_code == 404


def test_a_correction_is_a_new_version_and_the_old_one_is_kept(unit, calendar, people, client):
    import_rows(unit, calendar)
    annual = report_workspace(unit=unit, year=2025)
    _submit(annual, people["handler"])
    report_act(annual=annual, actor=people["reviewer"], action="approve")
    report_publish(annual=annual, actor=people["reviewer"], today=PUBLISHED_ON)
    with pytest.raises(ReportRefused):
        report_correct(annual=annual, actor=people["reviewer"], note="   ")
    report_correct(annual=annual, actor=people["reviewer"], note="补录一件12月的申请")
    annual.refresh_from_db()
    # while the correction is drafted, the published version stays public
    assert (
        "新收政府信息公开申请7件" in client.get(reverse("reports_public:detail", args=[unit.pk, 2025])).content.decode()
    )
    annual = report_save(
        annual=annual,
        actor=people["handler"],
        sections={"problems": "存在的主要问题：更正后的说明。"},
        t2={},
        lock=annual.version_lock,
    )
    _submit(annual, people["handler"])
    report_act(annual=annual, actor=people["reviewer"], action="approve")
    report_publish(annual=annual, actor=people["reviewer"], today=dt.date(2026, 3, 2))
    assert list(annual.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    page = client.get(reverse("reports_public:detail", args=[unit.pk, 2025])).content.decode()
    assert "更正后的说明" in page and "第1版" in page and "第2版" in page
    old = client.get(reverse("reports_public:detail", args=[unit.pk, 2025]) + "?version=1").content.decode()
    assert "更正后的说明" not in old and "已被新版本取代" in old
    annual.refresh_from_db()
    assert annual.first_published_on == PUBLISHED_ON  # the first publication decides lateness


def test_a_stale_form_is_refused_and_the_first_save_is_kept(unit, calendar, people, client_for):
    import_rows(unit, calendar)
    first, second = client_for("handler"), client_for("reviewer")
    first.post(_url(unit, "save"), {"section_problems": "第一位同事写的问题。", "lock": "0"})
    response = second.post(_url(unit, "save"), {"section_problems": "第二位同事写的问题。", "lock": "0"}, follow=True)
    assert any("他人已在您打开页面后保存过" in m for m in _messages(response.content.decode()))
    assert AnnualReport.objects.get(unit=unit).sections["problems"] == "第一位同事写的问题。"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("section_overview", "<script>alert(1)</script>正文", "不能包含网页标记"),
        ("section_other", "字" * 20_001, "不能超过20000字"),
        ("t2.licensing.decisions", "-1", "不小于0的整数"),
        ("t2.punishment.decisions", "1.5", "不小于0的整数"),
        ("t2.fees.amount", "很多", "不小于0的数"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(unit, client_for, field, value, message):
    from xxgk.apps.catalogue.models import UnitYearFigures

    response = client_for("reviewer").post(_url(unit, "save"), {field: value, "lock": "0"}, follow=True)
    assert any(message in m for m in _messages(response.content.decode()))
    annual = AnnualReport.objects.get(unit=unit)
    assert annual.sections == {} and not UnitYearFigures.objects.exists()


def test_table2_figures_entered_appear_in_the_report(unit, people):
    annual = report_workspace(unit=unit, year=2025)
    report_save(
        annual=annual,
        actor=people["reviewer"],
        sections={},
        t2={"t2.fees.amount": "12.35", "t2.licensing.decisions": "4"},
        lock=0,
    )
    report = live_report(unit, 2025, AnnualReport.objects.get(pk=annual.pk))
    assert report.cell("t2.fees.amount").value == "12.35" and report.cell("t2.licensing.decisions").value == "4"
    assert report.cell("t2.punishment.decisions").value == "0"


def test_a_handler_cannot_enter_table2_figures(unit, people):
    annual = report_workspace(unit=unit, year=2025)
    with pytest.raises(ReportRefused) as refused:
        report_save(annual=annual, actor=people["handler"], sections={}, t2={"t2.fees.amount": "1"}, lock=0)
    assert "审核人或单位管理员" in refused.value.message_zh


def test_the_catalogue_counts_fill_table2_and_the_overview_draft(unit, people):
    from tests.apps.catalogue.test_selectors import _publish

    _publish(unit, dt.date(2025, 3, 2), kind="行政规范性文件", effective_on=dt.date(2025, 3, 1))
    report = live_report(unit, 2025)
    assert report.cell("t2.normative_documents.issued").value == "1"
    assert "制发行政规范性文件1件" in report.sections["overview"].text
    assert "主动公开政府信息1条" in report.sections["overview"].text


def test_a_supervisor_or_stranger_cannot_edit_or_submit(unit, client_for):
    for who in ("supervisor", "stranger"):
        assert client_for(who).post(_url(unit, "save"), {"lock": "0"}).status_code == 403
        assert client_for(who).post(_url(unit, "act", action="submit")).status_code == 403


def test_the_workspace_submits_through_the_page_after_acknowledging(unit, calendar, client_for):
    import_rows(unit, calendar)
    client = client_for("handler")
    response = client.post(_url(unit, "act", action="submit"), follow=True)
    assert any("警告尚未确认" in m for m in _messages(response.content.decode()))
    keys = re.findall(r'name="acknowledge" value="([^"]+)"', response.content.decode())
    assert keys
    response = client.post(_url(unit, "act", action="submit"), {"acknowledge": keys}, follow=True)
    html = response.content.decode()
    assert "年度报告已提交审核，数字已冻结。" in _messages(html)
    assert 'data-state="submitted"' in html
    version = ReportVersion.objects.get()
    assert version_report(version).cell("t3.new_received.total").value == "7"


def test_the_web_upload_imports_a_readable_report_and_shows_what_was_read(unit, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = Path("tests/data/seed-qinxiang-2022.txt").read_bytes()
    client = client_for("reviewer")
    response = client.post(_url(unit, "import", year=2022), {"file": SimpleUploadedFile("勍香镇2022年报.txt", data)})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="import-result"' in html
    assert "表三“一、本年新收政府信息公开申请数量”行“总计”列：0" in html and "TEXT-FEES" in html
    assert ReportVersion.objects.get().report.imported
    # the imported report is the previous year of 2023: the cross-year rules run
    page = client.get(_url(unit, year=2023)).content.decode()
    assert 'data-rule="X-CARRY"' in page


def test_a_file_the_engine_cannot_read_stores_nothing(unit, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for("reviewer").post(
        _url(unit, "import", year=2022), {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken" + b"\x00" * 50)}
    )
    assert response.status_code == 400 and "无法读取该文件" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_the_public_column_of_a_unit_without_reports_says_so(unit, client):
    html = client.get(reverse("reports_public:list", args=[unit.pk])).content.decode()
    assert "本单位尚未公布政府信息公开工作年度报告" in html
    assert client.get(reverse("reports_public:list", args=[99999])).status_code == 404


def test_table2_counted_cells_drill_down_to_the_catalogue_entries(unit, client_for):
    from tests.apps.catalogue.test_selectors import _publish

    _publish(unit, dt.date(2025, 3, 2), kind="行政规范性文件", effective_on=dt.date(2025, 3, 1), title="甲文件")
    _publish(unit, dt.date(2024, 3, 2), kind="行政规范性文件", effective_on=dt.date(2024, 3, 1), title="乙文件")
    client = client_for("reviewer")
    html = client.get(_url(unit)).content.decode()
    link = _url(unit, "cell", address="t2.normative_documents.issued")
    assert f'href="{link}"' in html
    issued = client.get(link).content.decode()
    assert "甲文件" in issued and "乙文件" not in issued and "共 1 条" in issued
    in_force = client.get(_url(unit, "cell", address="t2.normative_documents.in_force")).content.decode()
    assert "甲文件" in in_force and "乙文件" in in_force
    # entered figures have no entries behind them
    assert client.get(_url(unit, "cell", address="t2.licensing.decisions")).status_code == 404
