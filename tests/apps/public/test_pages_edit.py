"""Staff edit the guide's own parts and the rules; the public pages show them; the change is audited."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, UserFactory
from xxgk.apps.public.models import MAX_PAGE_TEXT, DisclosurePages
from xxgk.apps.units.models import AuditEntry, Role

pytestmark = pytest.mark.django_db
ARRANGEMENT = "本机关信息按机构职能、政策文件、财政信息分类。"


def _member(client, unit, role):
    user = UserFactory()
    MembershipFactory(user=user, unit=unit, role=role)
    client.force_login(user)
    return user


def test_unit_admin_edits_guide_and_rules_and_the_public_sees_them(client, county):
    admin = _member(client, county.qinxiang, Role.UNIT_ADMIN)
    url = f"/gk/{county.qinxiang.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"arrangement": ARRANGEMENT, "guide_notes": "", "rules": "第一条 发布前须经保密审查。"},
    )
    assert response.status_code == 302 and response["Location"] == f"/gk/{county.qinxiang.pk}/guide/"
    client.logout()
    assert ARRANGEMENT in client.get(f"/gk/{county.qinxiang.pk}/guide/").content.decode()
    assert "第一条 发布前须经保密审查。" in client.get(f"/gk/{county.qinxiang.pk}/rules/").content.decode()
    row = AuditEntry.objects.get(action="public.pages_update")
    assert row.actor == admin and row.details["changes"]["rules"]["new"] == "第一条 发布前须经保密审查。"


def test_handlers_and_other_units_may_not_edit(client, county):
    _member(client, county.qinxiang, Role.HANDLER)
    assert client.post(f"/gk/{county.qinxiang.pk}/edit/", {"rules": "x"}).status_code == 403
    client.logout()
    _member(client, county.qingshi, Role.UNIT_ADMIN)
    assert client.post(f"/gk/{county.qinxiang.pk}/edit/", {"rules": "x"}).status_code == 403
    assert not DisclosurePages.objects.exists()
    client.logout()
    assert client.get(f"/gk/{county.qinxiang.pk}/edit/").status_code == 302  # to the login page


def test_overlong_text_is_refused_and_nothing_saved(client, county):
    _member(client, county.qinxiang, Role.REVIEWER)
    too_long = {"arrangement": "", "guide_notes": "", "rules": "字" * (MAX_PAGE_TEXT + 1)}
    response = client.post(f"/gk/{county.qinxiang.pk}/edit/", too_long)
    assert response.status_code == 400
    assert not DisclosurePages.objects.exists()


def test_demo_gives_every_unit_its_rules_once(client, county):
    from xxgk.apps.public.demo import load_demo_pages

    assert load_demo_pages() == 3
    assert load_demo_pages() == 0
    html = client.get(f"/gk/{county.qinxiang.pk}/rules/").content.decode()
    assert "为规范勍香镇人民政府政府信息公开工作" in html
    assert "统一在县人民政府门户网站" in client.get(f"/gk/{county.qinxiang.pk}/guide/").content.decode()
