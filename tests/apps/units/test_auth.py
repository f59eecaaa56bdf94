"""Sign-in, throttling after repeated failures, sign-out and password change — all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from xxgk.apps.units.auth import MAX_FAILURES, login_blocked
from xxgk.apps.units.models import AuditEntry, LoginAttempt

pytestmark = pytest.mark.django_db

LOGIN = "/login/"


def _login(client, username, password, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_password_message_is_chinese_and_audited(client, county):
    response = _login(client, "qx_handler", "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    entry = AuditEntry.objects.get(action="login.failed")
    assert (entry.actor_name, entry.ip) == ("qx_handler", "10.1.1.1")


def test_success_is_audited_and_redirects_home(client, county):
    response = _login(client, "qx_handler", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert AuditEntry.objects.filter(action="login.success", actor=county.people.handler).exists()


def test_fifth_failure_locks_out_even_the_right_password(client, county):
    for _ in range(MAX_FAILURES):
        _login(client, "qx_handler", "wrong")
    response = _login(client, "qx_handler", PASSWORD)
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login.throttled").count() == 1


def test_four_failures_do_not_lock(client, county):
    for _ in range(MAX_FAILURES - 1):
        _login(client, "qx_handler", "wrong")
    assert _login(client, "qx_handler", PASSWORD).status_code == 302


def test_lock_is_per_username_and_address(client, county):
    for _ in range(MAX_FAILURES):
        _login(client, "qx_handler", "wrong", ip="10.1.1.1")
    assert _login(client, "qx_handler", PASSWORD, ip="10.9.9.9").status_code == 302
    client.logout()
    assert _login(client, "qx_reviewer", PASSWORD, ip="10.1.1.1").status_code == 302


@pytest.mark.parametrize(("minutes_ago", "blocked"), [(14, True), (16, False)])
def test_lock_lifts_after_fifteen_minutes(county, minutes_ago, blocked):
    for _ in range(MAX_FAILURES):
        LoginAttempt.objects.create(username="qx_handler", ip="10.1.1.1")
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=minutes_ago))
    assert login_blocked("qx_handler", "10.1.1.1") is blocked


def test_a_success_resets_the_count(county):
    now = timezone.now()
    for _ in range(MAX_FAILURES - 1):
        LoginAttempt.objects.create(username="u", ip="10.1.1.1")
    LoginAttempt.objects.create(username="u", ip="10.1.1.1", succeeded=True)
    LoginAttempt.objects.create(username="u", ip="10.1.1.1")
    assert not login_blocked("u", "10.1.1.1", now=now + timedelta(seconds=1))


def test_admin_login_is_throttled_too(client, county):
    for _ in range(MAX_FAILURES):
        client.post(reverse("admin:login"), {"username": "root", "password": "x"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert "登录失败次数过多" in response.content.decode()


def test_logout_needs_post_and_is_audited(client, county):
    client.force_login(county.people.handler)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="logout", actor=county.people.handler).exists()
    assert client.get("/").status_code == 302


def test_password_change_is_audited(client, county):
    client.force_login(county.people.handler)
    new = "a-much-longer-secret-2026"
    response = client.post(
        "/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}, REMOTE_ADDR="10.2.2.2"
    )
    assert response.status_code == 302
    county.people.handler.refresh_from_db()
    assert county.people.handler.check_password(new)
    assert AuditEntry.objects.get(action="password.change").ip == "10.2.2.2"


def test_password_change_refuses_a_short_password(client, county):
    client.force_login(county.people.handler)
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert "密码长度太短" in response.content.decode()
