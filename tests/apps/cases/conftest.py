"""Fixtures for the cases app: a unit with its staff and a case factory."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.services import case_register


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    """These tests are about cases, not sign-in."""


@pytest.fixture
def unit(db):
    """A township government."""
    return UnitFactory(name="勍香镇人民政府")


@pytest.fixture
def staff(unit):
    """One user per role in the unit: registrar, handler, reviewer."""
    people = {}
    for role in ("registrar", "handler", "reviewer"):
        user = UserFactory(username=role)
        MembershipFactory(user=user, unit=unit, role=role)
        people[role] = user
    return people


@pytest.fixture
def make_case(unit, staff, calendar):
    """Register a case received on a date with some items."""

    def make(received=dt.date(2026, 6, 1), items=("2025年财政预算执行情况",), **fields):
        return case_register(
            actor=staff["registrar"],
            unit=unit,
            channel=fields.pop("channel", "online"),
            receipt_date=received,
            applicant_type=fields.pop("applicant_type", "natural_person"),
            items=list(items),
            applicant_name=fields.pop("applicant_name", "张三"),
            calendar=calendar,
            **fields,
        )

    return make
