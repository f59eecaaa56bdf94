"""Letter pages: template editing (unit admin only), broken templates refused, downloads by staff and by token."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from xxgk.apps.letters.models import Letter, LetterTemplate
from xxgk.apps.letters.selectors import letters_for_applicant
from xxgk.apps.letters.services import letter_issue

D = dt.date
pytestmark = pytest.mark.django_db


def _edit_url(town, kind="receipt", unit=None):
    return reverse("letters:template_edit", args=[(unit or town.unit).pk, kind])


@pytest.mark.parametrize(("who", "status"), [("unit_admin", 200), ("handler", 403), ("other_admin", 403)])
def test_only_the_units_admin_may_open_its_templates(client, town, who, status):
    client.force_login(getattr(town.people, who))
    assert client.get(reverse("letters:templates", args=[town.unit.pk])).status_code == status
    assert client.get(_edit_url(town)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, town):
    assert client.get(_edit_url(town)).status_code == 302


def test_a_unit_admin_saves_a_template_and_letters_use_it(client, town, make_case):
    client.force_login(town.people.unit_admin)
    body = "{{ applicant }}：\n本镇已于{{ receipt_date }}收到，{{ due_date }}前答复。"
    response = client.post(_edit_url(town), {"title": "受理回执", "body": body})
    assert response.status_code == 302
    assert LetterTemplate.objects.get(unit=town.unit, kind="receipt").body == body
    letter = letter_issue(case=make_case(), kind="receipt", actor=town.people.registrar, on=D(2026, 6, 2))
    assert letter.title == "受理回执" and letter.body == "张三：\n本镇已于2026年6月1日收到，2026年6月30日前答复。"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% if %}{{ receipt_date }}{{ due_date }}", "模板语法错误"),
        ("{{ receipt_date }}{{ due_date }}{{ applicant.password }}", "未知的占位符：applicant.password"),
        ("{{ receipt_date }}{{ due_date }}{{ secret_key }}", "未知的占位符：secret_key"),
        ("{% load static %}{{ receipt_date }}{{ due_date }}", "不能使用“load”标签"),
        ("{% include 'base.html' %}{{ receipt_date }}{{ due_date }}", "不能使用“include”标签"),
        ("{{ receipt_date }}", "依法必须包含"),
    ],
)
def test_a_broken_template_is_refused_with_a_chinese_error(client, town, body, message):
    client.force_login(town.people.unit_admin)
    response = client.post(_edit_url(town), {"title": "受理回执", "body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LetterTemplate.objects.filter(unit=town.unit).exists()


def test_reply_templates_must_keep_the_remedy(client, town):
    client.force_login(town.people.unit_admin)
    body = "{{ receipt_date }}{{ items_text }}{{ decision_text }}{{ provision_text }}"
    response = client.post(_edit_url(town, "reply_withheld"), {"title": "答复书", "body": body})
    assert response.status_code == 400 and "remedy_text" in response.content.decode()


def test_reset_goes_back_to_the_default(client, town):
    LetterTemplate.objects.create(unit=town.unit, kind="receipt", title="x", body="{{ receipt_date }}{{ due_date }}")
    client.force_login(town.people.unit_admin)
    response = client.post(reverse("letters:template_reset", args=[town.unit.pk, "receipt"]))
    assert response.status_code == 302 and not LetterTemplate.objects.filter(unit=town.unit).exists()


def test_another_units_admin_cannot_reset(client, town):
    LetterTemplate.objects.create(unit=town.unit, kind="receipt", title="x", body="{{ receipt_date }}{{ due_date }}")
    client.force_login(town.people.other_admin)
    response = client.post(reverse("letters:template_reset", args=[town.unit.pk, "receipt"]))
    assert response.status_code == 403 and LetterTemplate.objects.filter(unit=town.unit).exists()


@pytest.fixture
def two_letters(make_case, town):
    """A receipt to the applicant and a consultation letter to a third party, on one case."""
    case = make_case(steps=[("handler", "send_consultation", D(2026, 6, 5), {})])
    receipt = letter_issue(case=case, kind="receipt", actor=town.people.registrar, on=D(2026, 6, 2))
    consultation = letter_issue(case=case, kind="consultation", actor=town.people.handler, on=D(2026, 6, 5))
    return case, receipt, consultation


@pytest.mark.parametrize(("fmt", "ctype"), [("docx", "wordprocessingml"), ("pdf", "application/pdf")])
def test_staff_of_the_unit_download_a_letter(client, town, two_letters, fmt, ctype):
    _case, receipt, _ = two_letters
    client.force_login(town.people.handler)
    response = client.get(reverse("letters:download", args=[receipt.pk, fmt]))
    assert response.status_code == 200 and ctype in response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]


def test_staff_of_another_unit_may_not_download(client, town, two_letters):
    client.force_login(town.people.other_handler)
    assert client.get(reverse("letters:download", args=[two_letters[1].pk, "docx"])).status_code == 403


def test_the_applicant_downloads_own_letters_by_token(client, two_letters):
    case, receipt, consultation = two_letters
    assert list(letters_for_applicant(case)) == [receipt]
    url = reverse("letters:track_download", args=[case.tracking_token, receipt.pk, "docx"])
    assert url == f"/letters/track/{case.tracking_token}/{receipt.pk}.docx"
    assert client.get(url).status_code == 200
    third = reverse("letters:track_download", args=[case.tracking_token, consultation.pk, "docx"])
    assert client.get(third).status_code == 404  # addressed to the third party, not the applicant


def test_a_token_does_not_open_another_cases_letter(client, make_case, two_letters, town):
    _case, receipt, _ = two_letters
    other = make_case()
    assert (
        client.get(reverse("letters:track_download", args=[other.tracking_token, receipt.pk, "pdf"])).status_code == 404
    )
    assert client.get(reverse("letters:track_download", args=["no-such-token", receipt.pk, "pdf"])).status_code == 404


def test_the_case_fragment_lists_letters_and_offers_allowed_kinds(client, town, two_letters):
    case, receipt, _ = two_letters
    client.force_login(town.people.handler)
    page = client.get(reverse("letters:case_letters", args=[case.pk])).content.decode()
    assert receipt.number in page and reverse("letters:download", args=[receipt.pk, "pdf"]) in page
    assert 'value="consultation"' in page and 'value="reply_granted"' not in page


def test_issuing_through_the_form_creates_the_next_number(client, town, two_letters):
    case, *_ = two_letters
    # Letter numbers run per year of issue: issue it in the same year as the two before it.
    with time_machine.travel(dt.datetime(2026, 6, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        client.force_login(town.people.handler)
        response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": "reasons"})
    assert response.status_code == 302
    assert Letter.objects.filter(case=case, kind="reasons").get().number == "勍香镇公开〔2026〕3号"


def test_the_first_letter_of_a_new_year_is_number_one(client, town, two_letters):
    case, *_ = two_letters
    with time_machine.travel(dt.datetime(2027, 1, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        client.force_login(town.people.handler)  # a session opened on that day
        response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": "reasons"})
    assert response.status_code == 302
    assert Letter.objects.filter(case=case, kind="reasons").get().number == "勍香镇公开〔2027〕1号"


def test_issuing_a_kind_not_allowed_now_is_refused_with_a_message(client, town, two_letters):
    case, *_ = two_letters
    client.force_login(town.people.handler)
    response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": "reply_granted"}, follow=True)
    assert "请选择本案当前可以出具的文书" in response.content.decode()
    assert not Letter.objects.filter(kind="reply_granted").exists()


def test_staff_of_another_unit_cannot_issue_through_the_form(client, town, two_letters):
    case, *_ = two_letters
    client.force_login(town.people.other_handler)
    assert client.post(reverse("letters:issue", args=[case.pk]), {"kind": "reasons"}).status_code == 403
