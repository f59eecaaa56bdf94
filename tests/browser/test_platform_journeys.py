"""Journeys through the platform: sign-in, switching units, refused pages, a supervisor's read-only view."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.units.models import Membership, Role


@pytest.fixture
def county(transactional_db) -> SimpleNamespace:
    gov = UnitFactory(name="示例县人民政府")
    qinxiang = UnitFactory(name="勍香镇人民政府", parent=gov)
    qingshi = UnitFactory(name="青石镇人民政府", parent=gov)
    education = UnitFactory(name="示例县教育局", kind="部门", parent=gov)
    handler = UserFactory(username="qx_handler")
    MembershipFactory(user=handler, unit=qinxiang, role=Role.HANDLER)
    MembershipFactory(user=handler, unit=education, role=Role.REVIEWER)
    admin = UserFactory(username="qx_admin")
    MembershipFactory(user=admin, unit=qinxiang, role=Role.UNIT_ADMIN)
    other = UserFactory(username="qs_handler")
    MembershipFactory(user=other, unit=qingshi, role=Role.HANDLER)
    supervisor = UserFactory(username="supervisor")
    MembershipFactory(user=supervisor, unit=gov, role=Role.REVIEWER, is_supervisor=True)
    return SimpleNamespace(gov=gov, qinxiang=qinxiang, qingshi=qingshi, education=education)


def test_staff_login_wrong_password_then_success(page, live_server, login, county):
    login(page, live_server, "qx_handler", "wrong-password")
    assert "请输入一个正确的用户名和密码" in page.inner_text(".form-errors")
    login(page, live_server, "qx_handler", PASSWORD)
    assert page.url == f"{live_server.url}/work/"
    assert "我所在的单位" in page.content()
    assert page.inner_text(".user-menu__name")


def test_switching_units(page, live_server, login, county):
    login(page, live_server, "qx_handler", PASSWORD)
    switcher = page.locator("#unit-switcher-select")
    assert switcher.locator("option:checked").inner_text() == "勍香镇人民政府"
    with page.expect_navigation():
        switcher.select_option(label="示例县教育局")  # xxgk.js submits on change
    assert page.locator("#unit-switcher-select option:checked").inner_text() == "示例县教育局"
    assert "审核人" in page.inner_text(".user-menu")
    page.reload()
    assert page.locator("#unit-switcher-select option:checked").inner_text() == "示例县教育局"


def test_other_township_is_refused(page, live_server, login, county):
    login(page, live_server, "qs_handler", PASSWORD)
    response = page.goto(f"{live_server.url}/units/{county.qinxiang.pk}/")
    assert response.status == 403
    assert "您无权查看该单位的信息" in page.inner_text(".error-message")


def test_supervisor_sees_subordinate_read_only(page, live_server, login, county):
    login(page, live_server, "supervisor", PASSWORD)
    page.click("text=示例县人民政府的下级单位")
    page.click("text=勍香镇人民政府")
    assert page.locator("h1").inner_text() == "勍香镇人民政府"
    assert "只读" in page.content()
    assert page.locator("text=编辑单位设置").count() == 0
    page.click("text=单位人员")
    assert page.locator("button:has-text('移除')").count() == 0
    # a direct POST with a valid CSRF token is still refused
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(
        f"{live_server.url}/units/{county.qinxiang.pk}/edit/",
        form={"csrfmiddlewaretoken": token, "short_name": "改", "report_due_month": "1", "report_due_day": "31"},
        headers={"Referer": f"{live_server.url}/"},
    )
    assert response.status == 403
    assert "您无权在该单位办理此事项" in response.text()


def test_unit_admin_adds_a_member(page, live_server, login, county):
    login(page, live_server, "qx_admin", PASSWORD)
    page.goto(f"{live_server.url}/units/{county.qinxiang.pk}/staff/")
    page.fill("#id_username", "qs_handler")
    page.select_option("#id_role", "reviewer")
    with page.expect_navigation():
        page.click("button:has-text('添加')")
    assert "已添加人员角色" in page.inner_text(".messages")
    assert Membership.objects.filter(user__username="qs_handler", unit=county.qinxiang, role="reviewer").exists()
