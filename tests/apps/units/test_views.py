"""The pages: dashboard, unit details, settings, staff, subordinates and the unit switcher."""

from __future__ import annotations

import pytest

from xxgk.apps.units.models import AuditEntry, Membership, Role

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("person", "unit", "page", "status"),
    [
        ("handler", "qinxiang", "", 200),
        ("handler", "qinxiang", "staff/", 200),
        ("handler", "qinxiang", "edit/", 403),
        ("unit_admin", "qinxiang", "edit/", 200),
        ("handler", "qingshi", "", 403),  # another township
        ("handler", "qingshi", "staff/", 403),
        ("handler", "gov", "subordinates/", 403),
        ("other_handler", "qinxiang", "", 403),
        ("supervisor", "qinxiang", "", 200),  # read-only
        ("supervisor", "qinxiang", "staff/", 200),
        ("supervisor", "qinxiang", "edit/", 403),
        ("supervisor", "gov", "subordinates/", 200),
        ("plain_county", "qinxiang", "", 403),
        ("sysadmin", "qingshi", "edit/", 200),
    ],
)
def test_page_access(client, county, person, unit, page, status):
    response = _as(client, getattr(county.people, person)).get(f"/units/{getattr(county, unit).pk}/{page}")
    assert response.status_code == status
    if status == 403:
        assert "您无权" in response.content.decode()


def test_anonymous_is_sent_to_login(client, county):
    response = client.get(f"/units/{county.qinxiang.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert client.get("/work/").status_code == 302


def test_dashboard_lists_my_units_with_role_badges(client, county):
    html = _as(client, county.people.supervisor).get("/work/").content.decode()
    assert "示例县人民政府" in html and "审核人" in html and "监督下级单位" in html
    assert "勍香镇人民政府" not in html.split("我所在的单位")[1].split("我监督的单位")[0]


def test_supervisor_sees_no_edit_buttons_and_post_is_refused(client, county):
    client = _as(client, county.people.supervisor)
    html = client.get(f"/units/{county.qinxiang.pk}/").content.decode()
    assert "编辑单位设置" not in html and "只读" in html
    staff = client.get(f"/units/{county.qinxiang.pk}/staff/").content.decode()
    assert "添加人员角色" not in staff and "移除" not in staff
    response = client.post(f"/units/{county.qinxiang.pk}/edit/", {"short_name": "改"})
    assert response.status_code == 403
    response = client.post(f"/units/{county.qinxiang.pk}/staff/", {"username": "nobody", "role": "handler"})
    assert response.status_code == 403
    m = Membership.objects.get(user=county.people.handler)
    assert client.post(f"/units/{county.qinxiang.pk}/staff/{m.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk=m.pk).exists()


def test_unit_admin_edits_settings(client, county):
    client = _as(client, county.people.unit_admin)
    data = {"short_name": "勍香", "office_phone": "0357-7777777", "report_due_month": 1, "report_due_day": 31}
    response = client.post(f"/units/{county.qinxiang.pk}/edit/", data)
    assert response.status_code == 302
    county.qinxiang.refresh_from_db()
    assert county.qinxiang.office_phone == "0357-7777777"
    assert AuditEntry.objects.get(action="unit.update").details["office_phone"]["new"] == "0357-7777777"


def test_bad_settings_are_refused_with_a_message(client, county):
    client = _as(client, county.people.unit_admin)
    response = client.post(f"/units/{county.qinxiang.pk}/edit/", {"report_due_month": 2, "report_due_day": 30})
    assert response.status_code == 200
    assert "该月没有这一天" in response.content.decode()


def test_unit_admin_adds_and_removes_staff(client, county):
    client = _as(client, county.people.unit_admin)
    response = client.post(f"/units/{county.qinxiang.pk}/staff/", {"username": "nobody", "role": Role.REVIEWER})
    assert response.status_code == 302
    m = Membership.objects.get(user=county.people.nobody, unit=county.qinxiang)
    response = client.post(f"/units/{county.qinxiang.pk}/staff/{m.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert {"membership.add", "membership.remove"} <= set(AuditEntry.objects.values_list("action", flat=True))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "ghost", "role": "handler"}, "没有这个用户名"),
        ({"username": "qx_handler", "role": "handler"}, "已有这个角色"),
    ],
)
def test_adding_staff_refuses_bad_input(client, county, data, message):
    response = _as(client, county.people.unit_admin).post(f"/units/{county.qinxiang.pk}/staff/", data)
    assert response.status_code == 200 and message in response.content.decode()


def test_unit_admin_cannot_remove_a_member_of_another_unit(client, county):
    other = Membership.objects.get(user=county.people.other_handler)
    response = _as(client, county.people.unit_admin).post(f"/units/{county.qinxiang.pk}/staff/{other.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_subordinates_tree(client, county):
    html = _as(client, county.people.supervisor).get(f"/units/{county.gov.pk}/subordinates/").content.decode()
    for name in ("勍香镇人民政府", "青石镇人民政府", "示例县教育局", "示例县教育局城区教育办"):
        assert name in html
    assert 'class="tree-depth-1"' in html


def test_switching_units(client, county):
    from tests.factories import MembershipFactory

    MembershipFactory(user=county.people.handler, unit=county.education, role=Role.HANDLER)
    client = _as(client, county.people.handler)
    assert f'value="{county.qinxiang.pk}" selected' in client.get("/work/").content.decode()  # first by name
    response = client.post("/switch/", {"unit": county.education.pk, "next": "/work/"})
    assert response.status_code == 302 and response["Location"] == "/work/"
    html = client.get("/work/").content.decode()
    assert f'value="{county.education.pk}" selected' in html
    assert f'value="{county.qinxiang.pk}" selected' not in html
    assert client.post("/switch/", {"unit": county.qingshi.pk}).status_code == 403
    response = client.post("/switch/", {"unit": county.qinxiang.pk, "next": "https://evil.example/"})
    assert response["Location"] == "/work/"


def test_current_unit_falls_back_when_access_is_lost(client, county):
    client = _as(client, county.people.handler)
    session = client.session
    session["xxgk_current_unit"] = county.qingshi.pk  # e.g. a role taken away since the switch
    session.save()
    html = client.get("/work/").content.decode()
    assert f'value="{county.qinxiang.pk}" selected' in html
    assert "青石镇人民政府" not in html
