"""The case page's intake card, letters and reply on approval, the identity document view, and the header menu."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.services import case_transition
from xxgk.apps.letters.models import Letter
from xxgk.apps.portal.models import OnlineApplication
from xxgk.apps.units.models import AuditEntry

TODAY = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for module in ("xxgk.apps.cases.forms", "xxgk.apps.cases.views", "xxgk.apps.cases.views_actions"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)
    monkeypatch.setattr("xxgk.apps.cases.views_intake.today", lambda: TODAY)


@pytest.fixture
def online(submit_online):
    return submit_online(now=dt.datetime(2026, 6, 29, 9, 0))


def page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "confirm", "assign", "document"),
    [
        ("registrar", True, True, False),
        ("handler", True, False, True),
        ("reviewer", False, True, True),
    ],
)
def test_the_intake_card_offers_each_role_its_forms(client, staff, online, role, confirm, assign, document):
    html = page(client, staff[role], online)
    assert ('id="confirm-receipt-form"' in html) is confirm
    assert ('id="assign-form"' in html) is assign
    assert ('id="identity-document"' in html) is document


def test_confirming_through_the_page_recomputes_the_deadline(client, staff, online):
    client.force_login(staff["registrar"])
    url = reverse("cases:confirm_receipt", args=[online.pk])
    response = client.post(url, {"on": "2026-06-30", "evidence": "6月30日电话确认", "version": online.version})
    assert response.status_code == 302
    online.refresh_from_db()
    assert online.receipt_date == dt.date(2026, 6, 30)
    assert OnlineApplication.objects.get(case=online).receipt_confirmed
    html = page(client, staff["registrar"], online)
    assert 'id="confirm-receipt-form"' not in html and "6月30日电话确认" in html


def test_a_refused_confirmation_says_why_and_changes_nothing(client, staff, online):
    client.force_login(staff["registrar"])
    url = reverse("cases:confirm_receipt", args=[online.pk])
    response = client.post(url, {"on": "2026-06-01", "evidence": "电话确认", "version": online.version}, follow=True)
    assert "不能早于网上提交之日" in response.content.decode()
    online.refresh_from_db()
    assert online.receipt_date == dt.date(2026, 6, 29)


def test_assigning_through_the_page_and_the_list_of_my_cases(client, staff, make_case):
    case = make_case()
    client.force_login(staff["registrar"])
    url = reverse("cases:assign", args=[case.pk])
    assert client.post(url, {"handler": staff["handler"].pk, "version": case.version}).status_code == 302
    assert Case.objects.get(pk=case.pk).handler == staff["handler"]
    client.force_login(staff["handler"])
    assert case.number in client.get(reverse("cases:list") + "?list=mine").content.decode()


def test_a_handler_cannot_post_an_assignment(client, staff, make_case):
    case = make_case()
    client.force_login(staff["handler"])
    response = client.post(reverse("cases:assign", args=[case.pk]), {"handler": staff["handler"].pk, "version": 1})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).handler is None


def test_the_identity_document_is_streamed_privately_and_audited(client, staff, online):
    url = reverse("cases:identity_document", args=[online.pk])
    client.force_login(staff["handler"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")  # downloaded, never shown inline
    assert "sandbox" in response["Content-Security-Policy"]
    assert AuditEntry.objects.filter(action="case.view_identity_document", actor=staff["handler"]).count() == 1
    client.force_login(staff["registrar"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    other = UserFactory(username="elsewhere")
    MembershipFactory(user=other, unit=UnitFactory(name="邻乡人民政府"), role="handler")
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert AuditEntry.objects.filter(action="case.view_identity_document").count() == 1


def _drafted(make_case, staff, unit):
    case = make_case(items=("预算", "投标文件"))
    for action, who, extra in (("accept", "registrar", {}), ("draft_reply", "handler", {"outcome": "granted"})):
        case = case_transition(
            actor=staff[who], case=case, version=case.version, action=action, on=dt.date(2026, 6, 10), **extra
        )
    return case


def test_approving_the_reply_issues_the_reply_letter(client, staff, unit, make_case):
    unit.parent = UnitFactory(name="示例县人民政府", kind="人民政府")
    unit.save()
    case = _drafted(make_case, staff, unit)
    client.force_login(staff["reviewer"])
    url = reverse("cases:action", args=[case.pk, "approve_reply"])
    assert client.post(url, {"version": case.version, "on": "2026-06-12"}).status_code == 303
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    [letter] = Letter.objects.filter(case=case)
    assert letter.kind == "reply_granted" and letter.issued_on == dt.date(2026, 6, 12)
    assert "已自动出具答复书" in html
    assert 'id="case-letters"' in html and reverse("letters:download", args=[letter.pk, "pdf"]) in html
    tracking = client.get(reverse("portal:track", args=[case.tracking_token])).content.decode()
    assert letter.number in tracking


def test_without_a_review_body_the_approval_holds_and_the_page_says_why(client, staff, unit, make_case):
    case = _drafted(make_case, staff, unit)  # a township without its county: no review body
    client.force_login(staff["reviewer"])
    url = reverse("cases:action", args=[case.pk, "approve_reply"])
    assert client.post(url, {"version": case.version, "on": "2026-06-12"}).status_code == 303
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert Case.objects.get(pk=case.pk).state == "closed"
    assert not Letter.objects.filter(case=case).exists()
    assert "答复书未能自动出具" in html and "行政复议机关尚未确定" in html


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("registrar", {"cases", "register", "reviews", "ledger", "reports", "calendar", "portal"}, {"mine", "letters"}),
        ("handler", {"cases", "mine", "reports"}, {"register", "letters"}),
        ("unit_admin", {"cases", "letters"}, {"register", "mine"}),
        (None, {"portal", "login"}, {"cases", "reports", "register"}),
    ],
)
def test_the_header_menu_follows_the_roles_in_the_current_unit(client, unit, staff, role, shown, hidden):
    if role == "unit_admin":
        admin = UserFactory(username="unitadmin")
        MembershipFactory(user=admin, unit=unit, role="unit_admin")
        client.force_login(admin)
    elif role:
        client.force_login(staff[role])
    html = client.get(reverse("portal:units")).content.decode()
    for key in shown:
        assert f'data-nav="{key}"' in html, key
    for key in hidden:
        assert f'data-nav="{key}"' not in html, key


def test_every_menu_link_opens_for_a_unit_admin(client, unit):
    admin = UserFactory(username="unitadmin")
    for role in ("registrar", "handler", "reviewer", "unit_admin"):
        MembershipFactory(user=admin, unit=unit, role=role)
    client.force_login(admin)
    from xxgk.apps.cases.templatetags.site_nav import nav_links

    request = client.get(reverse("cases:list")).wsgi_request
    links = nav_links(request)
    assert [link.key for link in links if link.active] == ["cases"]
    for link in links:
        assert client.get(link.url, follow=True).status_code == 200, link.url
