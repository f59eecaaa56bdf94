"""The user admin: making someone a system administrator, creating, deleting and re-setting passwords is audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD
from xxgk.apps.units.models import AuditEntry

User = get_user_model()


def _change_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize(
    ("changes", "field", "new"),
    [({"is_superuser": "on", "is_staff": "on"}, "is_superuser", True), ({"is_active": ""}, "is_active", False)],
)
def test_granting_rights_in_the_admin_is_audited(client, county, changes, field, new):
    client.login(username="root", password=PASSWORD)
    person = county.people.handler
    response = client.post(reverse("admin:auth_user_change", args=[person.pk]), _change_data(person, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="user.update", object_id=str(person.pk))
    assert entry.details[field] == {"old": not new, "new": new}
    assert entry.actor_name == "root" and entry.details["via"] == "admin"
    assert "password" not in entry.details


def test_saving_a_person_unchanged_writes_no_audit_row(client, county):
    client.login(username="root", password=PASSWORD)
    person = county.people.handler
    response = client.post(reverse("admin:auth_user_change", args=[person.pk]), _change_data(person))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="user.update").exists()


def test_creating_and_deleting_a_person_is_audited(client, county):
    client.login(username="root", password=PASSWORD)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "password1": "Qinxiang-2026-pw",
            "password2": "Qinxiang-2026-pw",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    newcomer = User.objects.get(username="newcomer")
    created = AuditEntry.objects.get(action="user.create", object_id=str(newcomer.pk))
    assert created.details["is_superuser"] is False and "password" not in created.details
    response = client.post(reverse("admin:auth_user_delete", args=[newcomer.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user.delete", object_id=str(newcomer.pk)).exists()


def test_a_password_set_by_the_administrator_is_audited(client, county):
    client.login(username="root", password=PASSWORD)
    person = county.people.handler
    response = client.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {"password1": "Another-Pass-2026", "password2": "Another-Pass-2026", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AuditEntry.objects.filter(action="password.set_by_admin", object_id=str(person.pk)).exists()


def test_a_bad_password_in_the_admin_is_refused_and_not_audited(client, county):
    client.login(username="root", password=PASSWORD)
    person = county.people.handler
    response = client.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {"password1": "short", "password2": "short", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action="password.set_by_admin").exists()
