"""A small county for the units tests: a county government, two townships and a department."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.units.models import Role


@pytest.fixture
def county(db) -> SimpleNamespace:
    """示例县 with 勍香镇, 青石镇, 教育局 and one person per role that matters."""
    gov = UnitFactory(name="示例县人民政府", kind="人民政府")
    qinxiang = UnitFactory(name="勍香镇人民政府", kind="人民政府", parent=gov)
    qingshi = UnitFactory(name="青石镇人民政府", kind="人民政府", parent=gov)
    education = UnitFactory(name="示例县教育局", kind="部门", parent=gov)
    school_office = UnitFactory(name="示例县教育局城区教育办", kind="派出机构", parent=education)
    people = SimpleNamespace(
        registrar=UserFactory(username="qx_registrar"),
        handler=UserFactory(username="qx_handler"),
        reviewer=UserFactory(username="qx_reviewer"),
        unit_admin=UserFactory(username="qx_admin"),
        other_handler=UserFactory(username="qs_handler"),
        supervisor=UserFactory(username="county_supervisor"),
        plain_county=UserFactory(username="county_handler"),
        sysadmin=UserFactory(username="root", is_superuser=True, is_staff=True),
        nobody=UserFactory(username="nobody"),
    )
    MembershipFactory(user=people.registrar, unit=qinxiang, role=Role.REGISTRAR)
    MembershipFactory(user=people.handler, unit=qinxiang, role=Role.HANDLER)
    MembershipFactory(user=people.reviewer, unit=qinxiang, role=Role.REVIEWER)
    MembershipFactory(user=people.unit_admin, unit=qinxiang, role=Role.UNIT_ADMIN)
    MembershipFactory(user=people.other_handler, unit=qingshi, role=Role.HANDLER)
    MembershipFactory(user=people.supervisor, unit=gov, role=Role.REVIEWER, is_supervisor=True)
    MembershipFactory(user=people.plain_county, unit=gov, role=Role.HANDLER)
    return SimpleNamespace(
        gov=gov, qinxiang=qinxiang, qingshi=qingshi, education=education, school_office=school_office, people=people
    )
