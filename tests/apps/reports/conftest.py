"""Fixtures for the reports app: a county government with a subordinate town and staff."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.core.units import UnitKind


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    """These tests are about reports, not sign-in."""


@pytest.fixture
def county(db):
    """A county government (supervises the town)."""
    return UnitFactory(name="某县人民政府", kind=UnitKind.GOVERNMENT.value)


@pytest.fixture
def unit(county):
    """The town whose report is built."""
    return UnitFactory(name="勍香镇人民政府", kind=UnitKind.GOVERNMENT.value, parent=county)


@pytest.fixture
def other_unit(db):
    """An unrelated unit."""
    return UnitFactory(name="别的镇人民政府")


@pytest.fixture
def people(unit, county, other_unit):
    """A reviewer and a handler of the town, a county supervisor, a stranger from another unit."""
    made = {}
    for name, target, role, supervisor in (
        ("reviewer", unit, "reviewer", False),
        ("handler", unit, "handler", False),
        ("supervisor", county, "unit_admin", True),
        ("stranger", other_unit, "reviewer", False),
    ):
        made[name] = UserFactory(username=name)
        MembershipFactory(user=made[name], unit=target, role=role, is_supervisor=supervisor)
    return made


@pytest.fixture
def client_for(people):
    """``client_for(name)``: a test client signed in as one of ``people``."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(people[name])
        return client

    return make
