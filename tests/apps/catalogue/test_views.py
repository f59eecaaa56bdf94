"""The staff pages: draft with an attachment → submit → findings → send back → fix → approve → publish → withdraw."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.apps.catalogue.conftest import docx_bytes
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.catalogue.models import Entry, ScanFinding, UnitYearFigures
from xxgk.apps.units.models import Role

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "2024年度农村低保补贴发放情况",
        "summary": "公开低保补贴发放情况。",
        "body": "按照有关规定，现将补贴发放情况公开如下。",
        "formed_on": "2024-03-01",
        "publisher": "勍香镇人民政府",
        "theme": "民政、扶贫、救灾",
        "genre": "其他",
        "kind": "其他",
        "item": "20.11",
        "validity": "有效",
    }
    data.update(overrides)
    return data


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_review_journey_through_the_pages(unit: Any, author: Any, reviewer: Any) -> None:
    writer, checker = _client(author), _client(reviewer)
    response = writer.post("/catalogue/new/", _form())
    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == f"/catalogue/{entry.pk}/"
    upload = SimpleUploadedFile("补贴名单.docx", docx_bytes("补贴名单", f"王五 {ID}"))
    response = writer.post(f"/catalogue/{entry.pk}/attach/", {"file": upload}, follow=True)
    assert "附件已上传" in _messages(response)
    response = writer.post(f"/catalogue/{entry.pk}/action/submit/", {"lock_version": "1"}, follow=True)
    assert "已完成：提交审核" in _messages(response)

    page = checker.get(f"/catalogue/{entry.pk}/").content.decode()
    assert "身份证号码" in page and "110***********002X" in page and "附件“补贴名单.docx”第2行" in page
    assert ID not in page
    response = checker.post(f"/catalogue/{entry.pk}/action/approve/", {}, follow=True)
    assert "尚未逐项确认" in _messages(response)
    response = checker.post(
        f"/catalogue/{entry.pk}/action/send_back/", {"reason": "附件含身份证号码，请删除"}, follow=True
    )
    assert "已完成：退回修改" in _messages(response)

    page = writer.get(f"/catalogue/{entry.pk}/").content.decode()
    assert "附件含身份证号码，请删除" in page
    attachment = entry.versions.get().attachments.get()
    writer.post(f"/catalogue/attachments/{attachment.pk}/delete/")
    writer.post(f"/catalogue/{entry.pk}/action/submit/", {})
    page = checker.get(f"/catalogue/{entry.pk}/").content.decode()
    assert 'id="no-findings"' in page
    checker.post(f"/catalogue/{entry.pk}/action/approve/", {})
    response = checker.post(f"/catalogue/{entry.pk}/action/publish/", {}, follow=True)
    entry.refresh_from_db()
    assert entry.index_number and f"已发布，索引号 {entry.index_number}" in _messages(response)
    page = response.content.decode()
    assert re.search(r'id="index-number">' + re.escape(entry.index_number), page)
    assert "catalogue." not in page  # no internal codes in the audit trail

    response = checker.post(f"/catalogue/{entry.pk}/action/withdraw/", {"reason": ""}, follow=True)
    assert "请填写理由" in _messages(response)
    response = checker.post(f"/catalogue/{entry.pk}/action/withdraw/", {"reason": "数据需复核"}, follow=True)
    page = response.content.decode()
    assert 'id="withdrawal"' in page and "数据需复核" in page


def test_acknowledging_findings_on_the_page_allows_approval(unit: Any, author: Any, reviewer: Any) -> None:
    writer, checker = _client(author), _client(reviewer)
    writer.post("/catalogue/new/", _form(body="联系人手机：13812345678"))
    entry = Entry.objects.get()
    writer.post(f"/catalogue/{entry.pk}/action/submit/", {})
    finding = ScanFinding.objects.get()
    response = writer.post(f"/catalogue/findings/{finding.pk}/acknowledge/", {"note": "x"})
    assert ScanFinding.objects.get().acknowledged_at is None  # an author may not acknowledge
    checker.post(f"/catalogue/findings/{finding.pk}/acknowledge/", {"note": "单位公开电话，可以公开"})
    response = checker.post(f"/catalogue/{entry.pk}/action/approve/", {}, follow=True)
    assert "已完成：审核通过" in _messages(response)
    assert "单位公开电话，可以公开" in response.content.decode()


def test_an_author_cannot_approve_and_a_stranger_cannot_see(unit: Any, author: Any, reviewer: Any) -> None:
    writer = _client(author)
    writer.post("/catalogue/new/", _form())
    entry = Entry.objects.get()
    writer.post(f"/catalogue/{entry.pk}/action/submit/", {})
    response = writer.post(f"/catalogue/{entry.pk}/action/approve/", {}, follow=True)
    assert "只有本单位的审核人" in _messages(response)
    page = writer.get(f"/catalogue/{entry.pk}/").content.decode()
    assert 'data-action="approve"' not in page
    stranger = _client(MembershipFactory(unit=UnitFactory(), role=Role.REVIEWER).user)
    assert stranger.get(f"/catalogue/{entry.pk}/").status_code == 403
    assert stranger.post(f"/catalogue/{entry.pk}/action/approve/", {}).status_code == 403
    nobody = _client(UserFactory())
    assert nobody.get("/catalogue/").status_code == 403
    assert Client().get("/catalogue/").status_code == 302


def test_the_draft_form_refuses_a_normative_document_without_its_effective_date(unit: Any, author: Any) -> None:
    response = _client(author).post("/catalogue/new/", _form(kind="行政规范性文件"))
    assert response.status_code == 200 and "须填写生效日期" in response.content.decode()
    assert not Entry.objects.exists()


def test_a_stale_edit_is_refused_and_nothing_is_lost(unit: Any, author: Any) -> None:
    writer = _client(author)
    writer.post("/catalogue/new/", _form())
    entry = Entry.objects.get()
    writer.post(f"/catalogue/{entry.pk}/edit/", _form(title="第一次修改", lock_version="0"))
    response = writer.post(f"/catalogue/{entry.pk}/edit/", _form(title="过时的修改", lock_version="0"), follow=True)
    assert "已被他人修改" in _messages(response)
    assert entry.versions.get().title == "第一次修改"


def test_scheduled_publication_and_correction_from_the_page(unit: Any, author: Any, reviewer: Any) -> None:
    writer, checker = _client(author), _client(reviewer)
    writer.post("/catalogue/new/", _form())
    entry = Entry.objects.get()
    writer.post(f"/catalogue/{entry.pk}/action/submit/", {})
    checker.post(f"/catalogue/{entry.pk}/action/approve/", {})
    response = checker.post(f"/catalogue/{entry.pk}/action/schedule/", {"publish_at": "2000-01-01T09:00"}, follow=True)
    assert "应晚于当前时间" in _messages(response)
    response = checker.post(f"/catalogue/{entry.pk}/action/schedule/", {"publish_at": "2099-01-01T09:00"}, follow=True)
    assert "将于2099年1月1日 09:00自动发布" in response.content.decode()
    checker.post(f"/catalogue/{entry.pk}/action/publish/", {})
    response = writer.post(f"/catalogue/{entry.pk}/action/correct/", {}, follow=True)
    assert "已生成第2版更正稿" in _messages(response)
    page = writer.get(f"/catalogue/{entry.pk}/").content.decode()
    assert "第2版更正稿正在办理" in page and "第1版" in page
    assert 'data-action="withdraw"' not in page  # the author may not withdraw
    page = checker.get(f"/catalogue/{entry.pk}/").content.decode()
    assert 'data-action="withdraw"' in page and 'data-action="correct"' not in page


def test_figures_form_for_reviewers_and_table_2_shown(unit: Any, author: Any, reviewer: Any) -> None:
    data = {"year": "2024", "licensing": "7", "punishment": "2", "coercion": "1", "fees": "3.25", "source": "执法平台"}
    assert _client(author).post("/catalogue/figures/", data).status_code == 403
    response = _client(reviewer).post("/catalogue/figures/", data, follow=True)
    assert "2024年表二数据已保存" in _messages(response)
    page = response.content.decode()
    assert 'data-cell="t2.licensing.decisions">7<' in page and 'data-cell="t2.fees.amount">3.25<' in page
    assert "执法平台" in page
    assert UnitYearFigures.objects.get().updated_by == reviewer


def test_directory_import_and_coverage(unit: Any, author: Any, reviewer: Any) -> None:
    csv_text = (
        "公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会救助,最低生活保障,对象认定条件,《社会救助暂行办法》,信息形成或者变更之日起20个工作日内,乡镇人民政府,政府网站,全社会,主动,乡级\n"
        "社会救助,特困人员救助供养,救助供养标准,《社会救助暂行办法》,实时,乡镇人民政府,政府网站,全社会,主动,乡级\n"
    )
    bad = SimpleUploadedFile("坏.csv", "公开内容\n只有内容\n".encode())
    response = _client(reviewer).post(
        "/catalogue/directories/", {"area": "社会救助", "title": "社会救助目录", "file": bad}
    )
    assert "缺少列：公开事项（一级）" in response.content.decode()
    good = SimpleUploadedFile("社会救助.csv", csv_text.encode("gbk"))
    response = _client(reviewer).post(
        "/catalogue/directories/", {"area": "社会救助", "title": "社会救助目录", "file": good}, follow=True
    )
    assert "已导入“社会救助目录”，共2项" in _messages(response)
    line = unit.directories.get().lines.get(position=1)
    assert line.time_limit_days == 20
    page = _client(author).get("/catalogue/coverage/?year=2024").content.decode()
    assert page.count('data-missing="1"') == 2
    assert (
        _client(author)
        .post(
            "/catalogue/directories/",
            {"area": "x", "title": "y", "file": SimpleUploadedFile("a.csv", csv_text.encode())},
        )
        .status_code
        == 403
    )


def test_the_work_page_lists_drafts_due_soon(unit: Any, author: Any) -> None:
    _client(author).post("/catalogue/new/", _form(formed_on="2020-01-02"))
    page = _client(author).get(reverse("units:home")).content.decode()
    assert 'id="catalogue-work"' in page and "已逾期" in page


def test_every_page_renders_for_entries_made_by_the_system(unit: Any, reviewer: Any) -> None:
    from xxgk.apps.catalogue.demo import load_demo_catalogue

    load_demo_catalogue()
    client = _client(reviewer)
    for entry in Entry.objects.filter(unit=unit):
        response = client.get(f"/catalogue/{entry.pk}/")
        assert response.status_code == 200, entry
        assert "系统" in response.content.decode()
    for url in (
        "/catalogue/",
        "/catalogue/?list=withdrawn",
        "/catalogue/coverage/?year=2025",
        "/catalogue/figures/?year=2025",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get("/catalogue/coverage/?year=2025").content.decode()
    assert "逾期公开" in page or "已超过公开时限尚未发布" in page


def test_acknowledging_through_htmx_answers_with_the_updated_row(unit: Any, author: Any, reviewer: Any) -> None:
    writer, checker = _client(author), _client(reviewer)
    writer.post("/catalogue/new/", _form(body="机密★"))
    entry = Entry.objects.get()
    writer.post(f"/catalogue/{entry.pk}/action/submit/", {})
    finding = ScanFinding.objects.get()
    response = checker.post(
        f"/catalogue/findings/{finding.pk}/acknowledge/", {"note": "已解密"}, headers={"HX-Request": "true"}
    )
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith("<tr") and "确认：已解密" in row
    assert "shenhe" in row or reviewer.get_full_name() in row
