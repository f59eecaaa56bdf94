"""Who sees and who acts where: own unit, other townships, supervisors, system admins."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.apps.units.access import (
    actable_units,
    can_act,
    can_view,
    require_act,
    require_view,
    roles_in,
    visible_units,
)
from xxgk.apps.units.models import Role

pytestmark = pytest.mark.django_db

ALL = ("gov", "qinxiang", "qingshi", "education", "school_office")


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        ("handler", {"qinxiang"}),
        ("other_handler", {"qingshi"}),
        ("supervisor", set(ALL)),
        ("plain_county", {"gov"}),
        ("sysadmin", set(ALL)),
        ("nobody", set()),
    ],
)
def test_visible_units(county, person, visible):
    user = getattr(county.people, person)
    expected = {getattr(county, name).pk for name in visible}
    assert set(visible_units(user).values_list("pk", flat=True)) == expected
    for name in ALL:
        assert can_view(user, getattr(county, name)) is (name in visible)


@pytest.mark.parametrize(
    ("person", "unit", "roles", "allowed"),
    [
        ("handler", "qinxiang", (), True),
        ("handler", "qinxiang", (Role.HANDLER,), True),
        ("handler", "qinxiang", (Role.REVIEWER,), False),
        ("reviewer", "qinxiang", (Role.REVIEWER, Role.UNIT_ADMIN), True),
        ("registrar", "qinxiang", (Role.HANDLER,), False),
        ("unit_admin", "qinxiang", (Role.UNIT_ADMIN,), True),
        ("handler", "qinxiang", (Role.UNIT_ADMIN,), False),
        ("handler", "qingshi", (), False),  # another township
        ("other_handler", "qinxiang", (Role.HANDLER,), False),
        ("supervisor", "qinxiang", (), False),  # read-only on subordinates
        ("supervisor", "education", (Role.HANDLER,), False),
        ("supervisor", "gov", (Role.REVIEWER,), True),  # acts in its own unit
        ("plain_county", "qinxiang", (), False),  # no supervisor flag: not even view
        ("sysadmin", "qingshi", (Role.UNIT_ADMIN,), True),
        ("nobody", "qinxiang", (), False),
    ],
)
def test_can_act(county, person, unit, roles, allowed):
    user, target = getattr(county.people, person), getattr(county, unit)
    assert can_act(user, target, *roles) is allowed
    if allowed:
        require_act(user, target, *roles)
    else:
        with pytest.raises(PermissionDenied) as info:
            require_act(user, target, *roles)
        assert "您无权" in str(info.value)


def test_actable_units_filters_by_role(county):
    people = county.people
    assert list(actable_units(people.handler)) == [county.qinxiang]
    assert list(actable_units(people.handler, roles=[Role.REVIEWER])) == []
    assert list(actable_units(people.supervisor)) == [county.gov]
    assert actable_units(people.sysadmin).count() == 5
    assert roles_in(people.supervisor, county.qinxiang) == set()


def test_require_view_message_is_chinese(county):
    with pytest.raises(PermissionDenied, match="您无权查看该单位"):
        require_view(county.people.handler, county.qingshi)
    require_view(county.people.supervisor, county.school_office)


def test_inactive_and_anonymous_users_see_nothing(county):
    from django.contrib.auth.models import AnonymousUser

    handler = county.people.handler
    handler.is_active = False
    assert not can_view(handler, county.qinxiang)
    assert visible_units(AnonymousUser()).count() == 0
    assert not can_act(AnonymousUser(), county.qinxiang)


def test_supervisor_flag_on_a_department_grants_nothing_below(county):
    from tests.factories import MembershipFactory, UserFactory

    # the model refuses the flag on a department; a row written around validation must still not widen access
    user = UserFactory(username="dept_super")
    MembershipFactory(user=user, unit=county.education, role=Role.REVIEWER, is_supervisor=True)
    assert not can_view(user, county.school_office)
