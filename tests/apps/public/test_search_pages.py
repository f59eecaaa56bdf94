"""The public and staff search pages: ranked results, filters, refusals, withdrawn entries only for staff."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.factories import MembershipFactory, UserFactory
from xxgk.apps.units.models import Role

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page without tags (the query words are wrapped in <mark>)."""
    return re.sub(r"<(?!/?mark)[^>]+>", "", response.content.decode()).replace("<mark>", "").replace("</mark>", "")


def _html(response) -> str:
    return response.content.decode()


def test_public_search_finds_and_marks_words(client, county, publish):
    publish(county.qinxiang, "农村危房改造工作方案", body="对危房改造对象进行鉴定", published_on=dt.date(2024, 6, 1))
    response = client.get("/search/", {"q": "危房改造"})
    html = _text(response)
    assert response.status_code == 200
    assert "共找到1条结果" in html and "<mark>危房改造</mark>" in _html(response)
    assert "勍香镇人民政府" in html and "2024年6月1日" in html


def test_public_search_filters_by_unit_and_year(client, county, publish):
    publish(county.qinxiang, "勍香镇防汛通知", published_on=dt.date(2023, 6, 1))
    publish(county.qingshi, "青石镇防汛通知", published_on=dt.date(2024, 6, 1))
    html = _text(client.get("/search/", {"q": "防汛", "unit": county.qingshi.pk}))
    assert "青石镇防汛通知" in html and "勍香镇防汛通知" not in html
    html = _text(client.get("/search/", {"q": "防汛", "year": 2023}))
    assert "勍香镇防汛通知" in html and "青石镇防汛通知" not in html


def test_public_search_refuses_unknown_filter_values(client, county, publish):
    publish(county.qinxiang, "防汛通知")
    response = client.get("/search/", {"q": "防汛", "theme": "not-a-theme"})
    assert response.status_code == 400
    assert "选择一个有效的选项" in _text(response)


def test_public_search_never_shows_withdrawn_entries(client, county, publish, withdraw):
    withdraw(publish(county.qinxiang, "征地补偿公告"), "公告有误")
    html = _text(client.get("/search/", {"q": "征地补偿"}))
    assert "没有找到符合条件的政府信息" in html and "公告有误" not in html


def test_staff_search_needs_login_and_shows_withdrawn_with_reason(client, county, publish, withdraw):
    withdraw(publish(county.qinxiang, "征地补偿公告"), "公告有误，撤回。")
    publish(county.qingshi, "青石镇征地补偿公告")
    assert client.get("/work/search/", {"q": "征地"}).status_code == 302
    member = UserFactory()
    MembershipFactory(user=member, unit=county.qinxiang, role=Role.HANDLER)
    client.force_login(member)
    html = _text(client.get("/work/search/", {"q": "征地 补偿"}))
    assert "征地补偿公告" in html and "公告有误，撤回。" in html and "已撤回" in html
    assert "青石镇征地补偿公告" not in html  # a unit the member may not see
    response = client.get("/work/search/", {"q": "征地", "unit": county.qingshi.pk})
    assert response.status_code == 400  # not a unit this member may choose
