"""Sign-in, throttling after repeated failures, sign-out and password change — all audited."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connections
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from xxgk.apps.units.auth import MAX_FAILURES, claim_attempt, login_blocked
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
    assert response.status_code == 302 and response["Location"] == "/work/"
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
    assert client.get("/work/").status_code == 302


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


@pytest.mark.parametrize("spelling", ["ｑｘ＿ｈａｎｄｌｅｒ", "qx_handler ", "ｑx_handler"])
def test_look_alike_spellings_share_the_throttle_of_the_account(client, county, spelling):
    for _ in range(MAX_FAILURES):
        _login(client, spelling, "wrong")
    response = _login(client, "qx_handler", PASSWORD)
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = _login(client, spelling, PASSWORD)
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_look_alike_spelling_on_the_admin_is_throttled_with_the_real_name(client, county):
    for _ in range(MAX_FAILURES):
        client.post(reverse("admin:login"), {"username": "ｒｏｏｔ", "password": "x"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert "登录失败次数过多" in response.content.decode()


def test_each_try_is_counted_once(client, county):
    _login(client, "qx_handler", "wrong")
    assert LoginAttempt.objects.filter(username="qx_handler", succeeded=False).count() == 1
    assert _login(client, "qx_handler", PASSWORD).status_code == 302
    assert LoginAttempt.objects.filter(username="qx_handler", succeeded=True).count() == 1


def _claim_with_retry(username: str, ip: str) -> bool:
    """claim_attempt, retried when shared-cache SQLite refuses at once with "locked" (PostgreSQL waits)."""
    for _attempt in range(1000):
        try:
            return claim_attempt(username, ip)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.002)
    raise AssertionError("could not claim an attempt in 1000 tries")


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_tries_get_exactly_five_password_checks():
    start = threading.Barrier(16)
    results: list[bool] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait(timeout=10)
            results.append(_claim_with_retry("qx_handler", "10.1.1.1"))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert results.count(True) == MAX_FAILURES
    assert LoginAttempt.objects.filter(username="qx_handler").count() == MAX_FAILURES
