"""The calendar pages: everyone signed in may look, only a system administrator may enter a schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from xxgk.apps.workcalendar.models import ScheduleYear
from xxgk.apps.workcalendar.selectors import load_calendar

pytestmark = pytest.mark.django_db


def form_data(year: int = 2027, **extra: str) -> dict:
    data = {
        "year": str(year),
        "notice": f"国务院办公厅关于{year}年部分节假日安排的通知",
        "notice_number": "国办发明电〔2026〕7号",
        "h-TOTAL_FORMS": "2",
        "h-INITIAL_FORMS": "0",
        "h-0-name": "春节",
        "h-0-start": f"{year}-02-05",
        "h-0-end": f"{year}-02-13",
        "h-1-name": "",
        "workdays": f"{year}-02-20",
    }
    data.update(extra)
    return data


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory())
    return client


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


@pytest.mark.parametrize("name", ["workcalendar:enter", "workcalendar:upload"])
def test_other_staff_may_not_enter_a_schedule(staff_client, name: str) -> None:
    assert staff_client.get(reverse(name)).status_code == 403
    assert staff_client.post(reverse(name), form_data()).status_code == 403
    assert not ScheduleYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize("name", ["workcalendar:current", "workcalendar:history", "workcalendar:enter"])
def test_anonymous_visitors_are_sent_to_login(client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_see_a_year_with_its_调休(staff_client) -> None:
    html = staff_client.get(reverse("workcalendar:year", args=[2026])).content.decode()
    assert 'data-date="2026-09-20" data-kind="makeup"' in html
    assert 'data-date="2026-10-07" data-kind="holiday"' in html
    assert "暂定（未录入国务院放假安排）" not in html
    assert "录入放假安排" not in html  # no entry link for other staff


def test_a_year_without_schedule_is_marked_provisional(staff_client) -> None:
    html = staff_client.get(reverse("workcalendar:year", args=[2027])).content.decode()
    assert "暂定（未录入国务院放假安排）" in html
    assert 'data-date="2027-02-08" data-kind="holiday"' in html  # statutory 春节 day


def test_an_administrator_enters_a_schedule_through_the_form(admin_client_) -> None:
    page = admin_client_.get(reverse("workcalendar:enter") + "?year=2027").content.decode()
    assert 'value="2027-02-05"' in page  # prefilled with the statutory 春节 days
    response = admin_client_.post(reverse("workcalendar:enter"), form_data())
    assert response.status_code == 302 and response["Location"] == reverse("workcalendar:year", args=[2027])
    calendar = load_calendar()
    assert calendar.is_workday(dt.date(2027, 2, 20)) and not calendar.is_workday(dt.date(2027, 2, 12))
    html = admin_client_.get(response["Location"]).content.decode()
    assert "暂定（未录入国务院放假安排）" not in html and "国办发明电〔2026〕7号" in html
    history = admin_client_.get(reverse("workcalendar:history")).content.decode()
    assert "休：春节" in history


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"workdays": "2027-02-17"}, "不是周六或周日"),
        ({"workdays": "二月二十日"}, "无法识别"),
        ({"h-0-end": ""}, "请同时填写"),
    ],
)
def test_a_bad_form_shows_a_chinese_error(admin_client_, extra: dict, message: str) -> None:
    response = admin_client_.post(reverse("workcalendar:enter"), form_data(**extra))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ScheduleYear.objects.filter(year=2027).exists()


def test_an_administrator_uploads_a_list(admin_client_) -> None:
    data = {"year": "2027", "notice": "通知", "notice_number": "", "text": "2027-02-05,休,春节\n2027-02-20,班\n"}
    response = admin_client_.post(reverse("workcalendar:upload"), data)
    assert response.status_code == 302
    assert not load_calendar().is_workday(dt.date(2027, 2, 5))


def test_a_bad_list_upload_names_the_line(admin_client_) -> None:
    data = {"year": "2027", "notice": "通知", "text": "2027-02-05,休\nabc,休\n"}
    response = admin_client_.post(reverse("workcalendar:upload"), data)
    assert response.status_code == 200 and "第2行" in response.content.decode()
