"""Staff case pages: registering, the case list and work lists, the case page, personal data (§1, §2, §11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import Case, CaseEvent
from xxgk.apps.units.models import AuditEntry

TODAY = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The pages' "today" is 2026-07-01 (a Wednesday in the 2026 schedule)."""
    for module in ("xxgk.apps.cases.forms", "xxgk.apps.cases.views", "xxgk.apps.cases.views_actions"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


@pytest.fixture
def other_township(db):
    """A handler of another township."""
    other = UnitFactory(name="邻乡人民政府")
    user = UserFactory(username="neighbour")
    MembershipFactory(user=user, unit=other, role="handler")
    return user


@pytest.fixture
def supervisor(unit):
    """A member of the county government who supervises the township, read-only."""
    county = UnitFactory(name="某县人民政府")
    unit.parent = county
    unit.save()
    user = UserFactory(username="county")
    MembershipFactory(user=user, unit=county, role="reviewer", is_supervisor=True)
    return user


def register_data(**over):
    data = {
        "channel": "letter_signed",
        "receipt_date": "2026-06-29",
        "receipt_evidence": "EMS签收单 1234567890",
        "applicant_type": "natural_person",
        "applicant_name": "李四",
        "identity_type": "居民身份证",
        "identity_number": "110101199001011234",
        "address": "某县某路1号",
        "phone": "13800001234",
        "email": "",
        "items": "2025年财政预算执行情况\n2025年村道建设合同",
        "requested_form": "纸质",
        "requested_channel": "邮寄",
    }
    data.update(over)
    return data


def test_a_registrar_registers_a_signed_letter_with_its_evidence(client, staff, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff["registrar"])
    upload = SimpleUploadedFile("签收单.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(reverse("cases:register"), {**register_data(), "evidence_file": upload})
    case = Case.objects.get(unit=unit)
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.channel, case.receipt_date, case.receipt_evidence) == (
        "letter",
        dt.date(2026, 6, 29),
        "EMS签收单 1234567890",
    )
    assert list(case.items.values_list("description", flat=True)) == ["2025年财政预算执行情况", "2025年村道建设合同"]
    received = CaseEvent.objects.get(case=case, kind="received")
    assert received.details["letter_kind"] == "签收"
    assert (tmp_path / received.details["evidence_file"]).read_bytes() == b"%PDF-1.4 evidence"
    assert case.due_date == dt.date(2026, 7, 27)  # 20 working days after Monday 2026-06-29


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"channel": "letter_ordinary", "receipt_evidence": ""}, "receipt_evidence", "与申请人确认之日"),
        ({"channel": "email", "receipt_evidence": ""}, "receipt_evidence", "双方确认之日"),
        ({"receipt_date": "2026-07-02"}, "receipt_date", "不能晚于今天"),
        ({"address": "", "phone": "", "email": ""}, "phone", "至少填写一种联系方式"),
        ({"items": "  \n "}, "items", "这个字段是必填项"),
    ],
)
def test_registration_refuses_what_the_law_does_not_allow(client, staff, over, field, message):
    client.force_login(staff["registrar"])
    response = client.post(reverse("cases:register"), register_data(**over))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Case.objects.exists()


def test_registration_in_person_needs_no_evidence(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(reverse("cases:register"), register_data(channel="in_person", receipt_evidence=""))
    assert response.status_code == 302
    assert Case.objects.get().receipt_evidence == "当面提交"


@pytest.mark.parametrize(("who", "status"), [("registrar", 200), ("handler", 403), ("reviewer", 403)])
def test_only_registrars_open_the_registration_form(client, staff, who, status):
    client.force_login(staff[who])
    assert client.get(reverse("cases:register")).status_code == status


def test_the_supervisor_cannot_register_in_a_subordinate_unit(client, supervisor, unit):
    client.force_login(supervisor)
    session = client.session
    session["xxgk_current_unit"] = unit.pk
    session.save()
    assert client.post(reverse("cases:register"), register_data()).status_code == 403
    assert not Case.objects.exists()


def test_the_case_page_is_refused_to_another_township(client, make_case, other_township):
    case = make_case()
    client.force_login(other_township)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 403
    assert client.get(reverse("cases:action", args=[case.pk, "request_supplement"])).status_code == 403


def test_the_supervisor_reads_the_case_page_without_actions_or_personal_data(client, make_case, supervisor):
    case = make_case(identity_number="110101199001011234", phone="13800001234", applicant_name="王小明")
    client.force_login(supervisor)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and response.context["read_only"]
    assert response.context["actions"] == []
    assert "王**" in page and "王小明" not in page
    assert "110101199001011234" not in page and "110***********1234" in page and "13800001234" not in page
    assert 'id="show-identity"' not in page


def test_the_handler_sees_the_actions_its_role_allows(client, make_case, staff):
    case = make_case()
    client.force_login(staff["handler"])
    names = [name for name, _ in client.get(reverse("cases:detail", args=[case.pk])).context["actions"]]
    assert "request_supplement" in names and "send_consultation" not in names  # consultation needs 受理 first
    assert "accept" not in names and "approve_extension" not in names  # registrar's / reviewer's


def test_the_case_page_shows_the_due_date_with_its_explanation(client, make_case, staff):
    case = make_case(received=dt.date(2026, 6, 1))
    client.force_login(staff["registrar"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "2026年6月30日（星期二）" in page
    assert "收到申请（条例第三十一条）" in page
    assert "补正告知期限" in page and "2026年6月10日" in page  # 7th working day after 06-01 (端午 06-19 later)
    assert page.count("收到申请（条例第三十一条）") == 1  # each step once, then the result, calendar and rule
    assert "按国务院办公厅公布的放假安排" in page and "当日不计" in page


def test_the_case_page_marks_a_provisional_due_date(client, make_case, staff):
    case = make_case(received=dt.date(2026, 12, 20))
    client.force_login(staff["registrar"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="provisional-mark"' in page and "2027年放假安排尚未录入" in page


@pytest.mark.parametrize(
    ("who", "status", "audited"), [("handler", 200, 1), ("reviewer", 200, 1), ("registrar", 403, 0)]
)
def test_the_full_identity_number_is_shown_on_click_and_logged(client, make_case, staff, who, status, audited):
    case = make_case(identity_number="110101199001011234")
    client.force_login(staff[who])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "110101199001011234" not in page
    response = client.post(reverse("cases:identity", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert ("110101199001011234" in response.content.decode()) is (status == 200)
    assert AuditEntry.objects.filter(action="case.view_identity", object_id=str(case.pk)).count() == audited


def test_the_identity_view_is_post_only(client, make_case, staff):
    case = make_case(identity_number="110101199001011234")
    client.force_login(staff["handler"])
    assert client.get(reverse("cases:identity", args=[case.pk])).status_code == 405
    assert not AuditEntry.objects.filter(action="case.view_identity").exists()
