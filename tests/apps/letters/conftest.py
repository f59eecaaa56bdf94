"""Fixtures for the letters app: a township under a county, its staff, and cases taken to an outcome."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.services import case_register, case_transition
from xxgk.apps.units.models import Role

D = dt.date


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    """These tests are about letters, not sign-in."""


@pytest.fixture
def town(db) -> SimpleNamespace:
    """勍香镇 under 示例县 (review body derived: 示例县人民政府), 青石镇 beside it, one person per role."""
    county = UnitFactory(name="示例县人民政府", short_name="示例县", kind="人民政府")
    qinxiang = UnitFactory(
        name="勍香镇人民政府", short_name="勍香镇", kind="人民政府", parent=county, office_phone="0000-7654321"
    )
    qingshi = UnitFactory(name="青石镇人民政府", short_name="青石镇", kind="人民政府", parent=county)
    people = SimpleNamespace()
    for role in (Role.REGISTRAR, Role.HANDLER, Role.REVIEWER, Role.UNIT_ADMIN):
        user = UserFactory(username=f"qx_{role}")
        MembershipFactory(user=user, unit=qinxiang, role=role)
        setattr(people, str(role), user)
    people.other_admin = UserFactory(username="qs_admin")
    MembershipFactory(user=people.other_admin, unit=qingshi, role=Role.UNIT_ADMIN)
    people.other_handler = UserFactory(username="qs_handler")
    MembershipFactory(user=people.other_handler, unit=qingshi, role=Role.HANDLER)
    return SimpleNamespace(county=county, unit=qinxiang, other=qingshi, people=people)


@pytest.fixture
def make_case(town, calendar):
    """Register a case at 勍香镇 and optionally take it to an outcome (with item decisions and reasons)."""

    def make(items=("2025年财政预算执行情况",), outcome=None, decisions=None, steps=(), **fields):
        p = town.people
        case = case_register(
            actor=p.registrar,
            unit=town.unit,
            channel="online",
            receipt_date=D(2026, 6, 1),
            applicant_type="natural_person",
            items=list(items),
            applicant_name=fields.pop("applicant_name", "张三"),
            calendar=calendar,
            **fields,
        )

        def act(who, action, on, **kwargs):
            nonlocal case
            case = case_transition(
                actor=getattr(p, who),
                case=case,
                version=case.version,
                action=action,
                on=on,
                calendar=calendar,
                **kwargs,
            )

        act("registrar", "accept", D(2026, 6, 1))
        for who, action, on, kwargs in steps:
            act(who, action, on, **kwargs)
        if outcome:
            for item, (decision, reason) in zip(case.items.all(), decisions or [], strict=False):
                item.decision, item.reason = decision, reason
                item.save()
            act("handler", "draft_reply", D(2026, 6, 20), outcome=outcome)
            act("reviewer", "approve_reply", D(2026, 6, 22))
        return case

    return make
