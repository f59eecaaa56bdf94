"""Review and litigation pages (applications.md §8): who may act, registering, recording a result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.models import ReviewCase, ReviewResultMapping
from xxgk.apps.cases.selectors import table4_cells
from xxgk.apps.units.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(unit, staff):
    """The unit's staff, a supervisor of its parent government and a stranger from another unit."""
    county = UnitFactory(name="某县人民政府")
    unit.parent = county
    unit.save()
    made = dict(staff)
    made["supervisor"] = UserFactory(username="supervisor")
    MembershipFactory(user=made["supervisor"], unit=county, role="unit_admin", is_supervisor=True)
    made["stranger"] = UserFactory(username="stranger")
    MembershipFactory(user=made["stranger"], unit=UnitFactory(name="别的镇人民政府"), role="handler")
    return made


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.session.save()
    return client


def _as(people, who, unit) -> Client:
    client = _client(people[who])
    session = client.session
    session["xxgk_current_unit"] = unit.pk
    session.save()
    return client


def _review(unit, case, **fields):
    defaults = {"kind": "review", "body": "某县人民政府", "filed_on": dt.date(2026, 7, 1), "application": case}
    return ReviewCase.objects.create(unit=unit, **{**defaults, **fields})


@pytest.mark.parametrize(
    ("who", "list_status", "register_status"),
    [("handler", 200, 200), ("reviewer", 200, 200), ("registrar", 200, 403), ("supervisor", 200, 403)],
)
def test_who_may_see_and_register(people, unit, who, list_status, register_status):
    client = _as(people, who, unit)
    assert client.get(reverse("cases_reviews:list")).status_code == list_status
    assert client.get(reverse("cases_reviews:register")).status_code == register_status


def test_another_units_review_is_403(people, unit, make_case):
    review = _review(unit, make_case())
    client = _client(people["stranger"])
    assert client.get(reverse("cases_reviews:detail", args=[review.pk])).status_code == 403
    post = {"result": "维持", "result_on": "2026-08-01"}
    assert client.post(reverse("cases_reviews:conclude", args=[review.pk]), post).status_code == 403
    assert ReviewCase.objects.get(pk=review.pk).result_on is None


def test_a_supervisor_reads_but_cannot_record_a_result(people, unit, make_case):
    review = _review(unit, make_case())
    client = _as(people, "supervisor", unit)
    page = client.get(reverse("cases_reviews:detail", args=[review.pk])).content.decode()
    assert "只读" in page and 'id="review-conclude"' not in page
    post = {"result": "维持", "result_on": "2026-08-01"}
    assert client.post(reverse("cases_reviews:conclude", args=[review.pk]), post).status_code == 403


def test_a_handler_registers_a_review_linked_to_an_application(people, unit, make_case):
    case = make_case(received=dt.date(2026, 6, 1))
    client = _as(people, "handler", unit)
    post = {"kind": "litigation_direct", "application": case.number, "body": "某县人民法院", "filed_on": "2026-07-02"}
    response = client.post(reverse("cases_reviews:register"), post)
    review = ReviewCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases_reviews:detail", args=[review.pk])
    assert (review.kind, review.application, review.body, review.result_key) == (
        "litigation_direct",
        case,
        "某县人民法院",
        "",
    )
    assert table4_cells([unit.pk], 2026)["t4.litigation_direct.pending"] == 1
    assert AuditEntry.objects.filter(action="review.register").exists()


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"application": "1999-9999"}, "本单位没有编号"),
        ({"filed_on": "2026-05-01"}, "不能早于该申请的收到日期"),
        ({"filed_on": "2999-01-01"}, "不能晚于今天"),
        ({"kind": "appeal"}, "kind"),
    ],
)
def test_a_bad_registration_is_refused_with_a_reason(people, unit, make_case, post, error):
    case = make_case(received=dt.date(2026, 6, 1))
    data = {"kind": "review", "application": case.number, "body": "某县人民政府", "filed_on": "2026-07-02", **post}
    response = _as(people, "reviewer", unit).post(reverse("cases_reviews:register"), data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not ReviewCase.objects.exists()


@pytest.mark.parametrize(("phrase", "key"), [("维持", "upheld"), ("撤销", "corrected"), ("撤诉", "other")])
def test_recording_a_result_classes_it_by_the_mapping(people, unit, make_case, phrase, key):
    review = _review(unit, make_case())
    response = _as(people, "reviewer", unit).post(
        reverse("cases_reviews:conclude", args=[review.pk]), {"result": phrase, "result_on": "2026-08-01"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.result, review.result_key, review.result_on) == (phrase, key, dt.date(2026, 8, 1))
    assert table4_cells([unit.pk], 2026)[f"t4.review.{key}"] == 1


def test_the_result_choices_follow_the_configured_mapping(people, unit, make_case):
    ReviewResultMapping.objects.all().delete()
    ReviewResultMapping.objects.create(phrase="确认程序违法", result_key="corrected")
    review = _review(unit, make_case())
    client = _as(people, "handler", unit)
    page = client.get(reverse("cases_reviews:detail", args=[review.pk])).content.decode()
    assert "确认程序违法" in page and "维持" not in page.split('id="review-conclude"')[1]
    bad = client.post(
        reverse("cases_reviews:conclude", args=[review.pk]), {"result": "维持", "result_on": "2026-08-01"}
    )
    assert bad.status_code == 400
    review.refresh_from_db()
    assert review.result_on is None


@pytest.mark.parametrize(("result_on", "error"), [("2026-06-30", "不能早于立案日期"), ("2999-01-01", "不能晚于今天")])
def test_a_result_date_out_of_range_is_refused(people, unit, make_case, result_on, error):
    review = _review(unit, make_case())
    response = _as(people, "handler", unit).post(
        reverse("cases_reviews:conclude", args=[review.pk]), {"result": "维持", "result_on": result_on}
    )
    assert response.status_code == 400 and error in response.content.decode()


def test_a_result_cannot_be_recorded_twice(people, unit, make_case):
    review = _review(unit, make_case(), result="维持", result_key="upheld", result_on=dt.date(2026, 8, 1))
    client = _as(people, "handler", unit)
    client.post(reverse("cases_reviews:conclude", args=[review.pk]), {"result": "撤销", "result_on": "2026-08-02"})
    review.refresh_from_db()
    assert (review.result_key, review.result_on) == ("upheld", dt.date(2026, 8, 1))


def test_the_list_shows_the_units_reviews_only(people, unit, make_case):
    _review(unit, make_case(), body="本单位的复议机关")
    other = UnitFactory(name="第三镇人民政府")
    ReviewCase.objects.create(unit=other, kind="review", body="别人的复议机关", filed_on=dt.date(2026, 7, 1))
    page = _as(people, "handler", unit).get(reverse("cases_reviews:list")).content.decode()
    assert "本单位的复议机关" in page and "别人的复议机关" not in page and "尚未审结" in page


def test_the_mapping_is_editable_by_system_admins_in_the_admin():
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = _client(admin)
    response = client.get(reverse("admin:cases_reviewresultmapping_changelist"))
    assert response.status_code == 200
    response = client.post(
        reverse("admin:cases_reviewresultmapping_add"), {"phrase": "确认程序违法", "result_key": "corrected"}
    )
    assert response.status_code == 302 and ReviewResultMapping.objects.filter(phrase="确认程序违法").exists()
