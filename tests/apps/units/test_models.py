"""Unit and membership validation, and the review body shown for a stored unit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MembershipFactory, UnitFactory
from xxgk.apps.units.models import Membership, Role, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("unit", "name", "needs_override"),
    [
        ("gov", "上一级人民政府", True),
        ("qinxiang", "示例县人民政府", False),
        ("education", "示例县人民政府", False),
        ("school_office", "示例县人民政府", False),
    ],
)
def test_review_body_from_the_tree(county, unit, name, needs_override):
    body = getattr(county, unit).review_body
    assert (body.name, body.needs_override) == (name, needs_override)


def test_review_body_override_wins(county):
    county.gov.review_body_override = "示例市人民政府"
    assert county.gov.review_body.name == "示例市人民政府"
    assert not county.gov.review_body.needs_override


def test_street_office_is_recognised(county):
    street = UnitFactory(name="城关街道办事处", kind="派出机构", parent=county.gov)
    assert street.is_street_office
    assert not county.school_office.is_street_office
    assert street.review_body.name == "示例县人民政府"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"org_code": "014416331"}, "org_code"),
        ({"org_code": "12345"}, "org_code"),
        ({"kind": "部门", "parent": "education"}, "parent"),
        ({"parent": "self"}, "parent"),
        ({"report_due_month": 2, "report_due_day": 30}, "report_due_day"),
        ({"report_due_month": 13}, "report_due_month"),
    ],
)
def test_unit_validation_refuses(county, changes, field):
    unit = Unit(name="新单位", org_code="014416330", kind="人民政府")
    for key, value in changes.items():
        if key == "parent":
            value = county.gov if value == "self" else getattr(county, value)
        setattr(unit, key, value)
    if changes.get("parent") == "self":
        unit = county.gov
        unit.parent = county.qinxiang  # a cycle: the county under its own township
    with pytest.raises(ValidationError) as info:
        unit.full_clean()
    assert field in info.value.message_dict


def test_unit_validation_accepts_a_good_unit(county):
    Unit(
        name="新单位", org_code="014416330", kind="部门", parent=county.gov, report_due_month=2, report_due_day=29
    ).full_clean()


def test_descendants_at_any_depth(county):
    assert county.gov.descendant_ids() == {
        county.qinxiang.pk,
        county.qingshi.pk,
        county.education.pk,
        county.school_office.pk,
    }
    assert county.education.descendant_ids() == {county.school_office.pk}


@pytest.mark.parametrize(("unit", "ok"), [("gov", True), ("education", False)])
def test_supervisor_flag_only_on_a_government(county, unit, ok):
    membership = Membership(
        user=county.people.nobody, unit=getattr(county, unit), role=Role.REVIEWER, is_supervisor=True
    )
    if ok:
        membership.full_clean()
    else:
        with pytest.raises(ValidationError, match="只有人民政府"):
            membership.full_clean()


def test_one_role_once_per_person_and_unit(county):
    with pytest.raises(ValidationError):
        Membership(user=county.people.handler, unit=county.qinxiang, role=Role.HANDLER).full_clean()
    MembershipFactory(user=county.people.handler, unit=county.qinxiang, role=Role.REVIEWER)
