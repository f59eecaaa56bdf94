"""The online application: a valid one becomes a case; bad input is refused with Chinese messages and no case."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.apps.portal.conftest import PDF_BYTES, VALID_CREDIT_CODE
from xxgk.apps.cases.models import Case, CaseEvent
from xxgk.apps.portal.models import OnlineApplication
from xxgk.apps.units.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_list_names_every_unit_with_its_office(client, county) -> None:
    page = client.get("/apply/").content.decode()
    for unit in (county.gov, county.qinxiang, county.qingshi):
        assert unit.name in page
        assert f"/apply/{unit.pk}/" in page
    assert "示例县勍香镇政府路1号党政办" in page and "0755-12345678" in page
    assert "xxgk@qinxiang.example.gov.cn" in page and "工作日 8:30-12:00" in page


def test_a_valid_application_becomes_a_case_of_the_unit(client, county, apply_as, post_data) -> None:
    response = apply_as(county.qinxiang, post_data())
    assert response.status_code == 302 and response["Location"] == "/apply/done/"
    case = Case.objects.get()
    assert case.unit == county.qinxiang
    assert case.channel == "online"
    assert case.applicant_type == "natural_person"
    assert case.applicant_name == "李四" and case.identity_number == "11010519491231002X"
    assert case.requested_form == "电子" and case.requested_channel == "电子邮件"
    assert [i.description for i in case.items.order_by("pk")] == [
        "2025年勍香镇财政预算执行情况（文号：勍政发〔2025〕3号）",
        "和平街道路改造工程招标文件",
    ]
    assert case.due_date is not None
    assert "待与申请人确认" in case.receipt_evidence
    assert CaseEvent.objects.filter(case=case, kind="received").count() == 1
    online = OnlineApplication.objects.get(case=case)
    assert online.declaration and not online.receipt_confirmed
    assert online.identity_file_type == "image/png"
    assert online.identity_file.name.startswith("portal/identity/") and online.identity_file.name.endswith(".png")
    assert AuditEntry.objects.filter(action="portal.apply", object_id=str(case.pk)).exists()


def test_the_receipt_is_shown_once_and_mailed(
    client, county, apply_as, post_data, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        apply_as(county.qinxiang, post_data())
    case = Case.objects.get()
    page = client.get("/apply/done/")
    text = page.content.decode()
    assert case.number in text and f"/apply/track/{case.tracking_token}/" in text
    assert page["Referrer-Policy"] == "no-referrer"
    assert client.get("/apply/done/").status_code == 302  # shown once
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lisi@example.cn"]
    assert case.number in mail.outbox[0].subject
    assert f"/apply/track/{case.tracking_token}/" in mail.outbox[0].body


def test_no_mail_without_an_address(client, county, apply_as, post_data, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        apply_as(county.qinxiang, post_data(email="", requested_channel="邮寄", requested_form="纸质"))
    assert Case.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("applicant_type", "label"),
    [
        ("commercial", "商业企业"),
        ("research", "科研机构"),
        ("social_welfare", "社会公益组织"),
        ("legal_services", "法律服务机构"),
        ("other_org", "其他"),
    ],
)
def test_an_organisation_applies_under_its_type(client, county, apply_as, post_data, applicant_type, label) -> None:
    data = post_data(
        applicant_type=applicant_type,
        name="",
        identity_number="",
        organisation_name="示例科技有限公司",
        credit_code=VALID_CREDIT_CODE.lower(),
        legal_representative="王五",
        contact_person="赵六",
        identity_file=None,
    )
    data["identity_file"] = SimpleUploadedFile("licence.pdf", PDF_BYTES, content_type="application/pdf")
    assert apply_as(county.qinxiang, data).status_code == 302
    case = Case.objects.get()
    assert case.applicant_type == applicant_type and case.get_applicant_type_display() == label
    assert case.applicant_name == "示例科技有限公司"
    assert (case.identity_type, case.identity_number) == ("统一社会信用代码", VALID_CREDIT_CODE)
    online = case.online_application
    assert (online.legal_representative, online.contact_person) == ("王五", "赵六")
    assert online.identity_file_type == "application/pdf"
