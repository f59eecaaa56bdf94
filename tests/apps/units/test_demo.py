"""The demo data: the county, every role, and idempotent loading."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from xxgk.apps.units.access import can_act, can_view
from xxgk.apps.units.demo import DEMO_PASSWORD, load_demo
from xxgk.apps.units.models import AuditEntry, Membership, Role, Unit

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Unit.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_is_idempotent():
    first = load_demo()
    counts = _counts()
    second = load_demo()
    assert _counts() == counts
    assert first == second


def test_demo_has_every_role_in_qinxiang_and_a_supervisor():
    accounts = {a.username: a for a in load_demo()}
    qinxiang = Unit.objects.get(name="勍香镇人民政府")
    roles = set(Membership.objects.filter(unit=qinxiang).values_list("role", flat=True))
    assert roles == set(Role.values)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="qx_chengban").check_password(DEMO_PASSWORD)
    supervisor = User.objects.get(username="xian_ducha")
    assert can_view(supervisor, qinxiang) and not can_act(supervisor, qinxiang)
    assert not can_view(User.objects.get(username="qs_chengban"), qinxiang)
    assert all(a.password == DEMO_PASSWORD for a in accounts.values())
    assert Unit.objects.get(name="示例县人民政府").review_body.name == "示例市人民政府"
    assert Unit.objects.get(name="示例县城关街道办事处").is_street_office


def test_demo_staff_have_an_email_address_for_reminders():
    load_demo()
    handlers = get_user_model().objects.filter(memberships__role=Role.HANDLER).distinct()
    assert handlers.exists()
    assert all(user.email.endswith("@example.org") for user in handlers)
