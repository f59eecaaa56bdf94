"""Every change to units and memberships writes an audit row in the same transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD
from xxgk.apps.units import services
from xxgk.apps.units.models import AuditEntry, Membership, Role, Unit

pytestmark = pytest.mark.django_db


def test_unit_create_and_update_are_audited(county):
    actor = county.people.sysadmin
    unit = services.unit_create(
        actor=actor, ip="10.0.0.1", name="示例县水利局", org_code="014416330", kind="部门", parent=county.gov
    )
    entry = AuditEntry.objects.get(action="unit.create")
    assert (entry.actor, entry.object_id, entry.ip, entry.details["name"]) == (
        actor,
        str(unit.pk),
        "10.0.0.1",
        "示例县水利局",
    )
    services.unit_update(actor=actor, unit=unit, office_phone="0357-1234567")
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.details == {"office_phone": {"old": "", "new": "0357-1234567"}}


def test_unit_update_without_change_writes_nothing(county):
    services.unit_update(actor=county.people.sysadmin, unit=county.qinxiang, short_name=county.qinxiang.short_name)
    assert not AuditEntry.objects.filter(action="unit.update").exists()


def test_invalid_unit_is_refused_and_not_audited(county):
    with pytest.raises(ValidationError):
        services.unit_create(actor=None, name="坏单位", org_code="014416331", kind="部门")
    assert not Unit.objects.filter(name="坏单位").exists()
    assert not AuditEntry.objects.exists()


def test_membership_add_update_remove_are_audited(county):
    actor = county.people.unit_admin
    m = services.membership_add(actor=actor, unit=county.qinxiang, user=county.people.nobody, role=Role.REVIEWER)
    services.membership_update(actor=actor, membership=m, role=Role.HANDLER)
    services.membership_remove(actor=actor, membership=m)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["membership.add", "membership.update", "membership.remove"]
    assert AuditEntry.objects.get(action="membership.remove").details["user"] == "nobody"
    assert not Membership.objects.filter(user=county.people.nobody).exists()


def test_membership_supervisor_on_department_refused(county):
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=None, unit=county.education, user=county.people.nobody, role=Role.REVIEWER, is_supervisor=True
        )
    assert not AuditEntry.objects.exists()


def test_admin_changes_are_audited(client, county):
    client.login(username="root", password=PASSWORD)
    url = reverse("admin:units_unit_change", args=[county.qingshi.pk])
    data = {
        "name": county.qingshi.name,
        "short_name": "青石",
        "org_code": county.qingshi.org_code,
        "kind": "人民政府",
        "parent": county.gov.pk,
        "review_body_override": "",
        "report_due_month": 1,
        "report_due_day": 31,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.details["short_name"]["new"] == "青石" and entry.details["via"] == "admin"
    m = Membership.objects.get(user=county.people.other_handler)
    response = client.post(reverse("admin:units_membership_delete", args=[m.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="membership.delete", object_id=str(m.pk)).exists()


def test_audit_log_is_read_only_in_admin(client, county):
    services.unit_update(actor=None, unit=county.qinxiang, office_fax="123")
    entry = AuditEntry.objects.get()
    client.login(username="root", password=PASSWORD)
    assert client.get(reverse("admin:units_auditentry_changelist")).status_code == 200
    assert client.post(reverse("admin:units_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
