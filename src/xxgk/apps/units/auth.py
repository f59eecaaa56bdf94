"""Sign-in with throttling, and audit rows for sign-ins, sign-outs and password changes.

After ``MAX_FAILURES`` failed sign-ins for one user name from one address
within ``WINDOW``, further attempts are refused until the window has passed.
Attempts are stored in the database so that every server process sees them.

The throttle is keyed on the user name normalised the way authentication
normalises it (Unicode NFKC, so full-width look-alikes count against the same
account) and on the client address. Each attempt is counted *before* the
password is checked, in one transaction that holds a lock on the key (SQLite:
the write lock taken at BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
advisory lock), so concurrent tries cannot get more than ``MAX_FAILURES``
password checks.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.apps.units.audit import audit, client_ip
from xxgk.apps.units.models import LoginAttempt
from xxgk.web.locks import transaction_lock

__all__ = [
    "MAX_FAILURES",
    "WINDOW",
    "AdminThrottledAuthenticationForm",
    "ThrottledAuthenticationForm",
    "login_blocked",
    "normalise_username",
]

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
THROTTLED_MESSAGE = _("登录失败次数过多，该账号在本机的登录已暂停15分钟，请稍后再试。")


def normalise_username(username: str) -> str:
    """The user name as authentication compares it (Django's UsernameField: NFKC), stripped, at most 150 characters."""
    return unicodedata.normalize("NFKC", username or "").strip()[:150]


def claim_attempt(username: str, ip: str | None) -> bool:
    """Count one sign-in attempt for ``username`` from ``ip`` unless throttled; False when refused.

    The attempt is stored as a failure before the password is checked; a
    successful sign-in then stores a success, which resets the count.
    """
    with transaction.atomic():
        transaction_lock(f"login:{username}:{ip}")
        if login_blocked(username, ip):
            return False
        LoginAttempt.objects.create(username=username, ip=ip, succeeded=False)
    return True


def login_blocked(username: str, ip: str | None, now: datetime | None = None) -> bool:
    """Whether sign-in for ``username`` from ``ip`` is refused: 5 failures in 15 minutes since the last success."""
    now = now or timezone.now()
    attempts = LoginAttempt.objects.filter(username=username, ip=ip, at__gte=now - WINDOW)
    last_success = attempts.filter(succeeded=True).order_by("-at").values_list("at", flat=True).first()
    failures = attempts.filter(succeeded=False)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    return failures.count() >= MAX_FAILURES


class _ThrottleMixin:
    """Refuse to check the password while the user name and address are throttled."""

    request: HttpRequest | None

    def clean(self) -> dict[str, Any]:
        username = normalise_username(str(self.data.get("username") or ""))  # type: ignore[attr-defined]
        ip = client_ip(self.request)
        if username and not claim_attempt(username, ip):
            audit(actor=None, actor_name=username, action="login.throttled", ip=ip)
            raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
        return super().clean()  # type: ignore[misc]


class ThrottledAuthenticationForm(_ThrottleMixin, AuthenticationForm):
    """The staff sign-in form, throttled."""


class AdminThrottledAuthenticationForm(_ThrottleMixin, AdminAuthenticationForm):
    """The admin sign-in form, throttled the same way."""


@receiver(user_login_failed, dispatch_uid="xxgk_login_failed")
def _on_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any):
    # The attempt itself was counted by claim_attempt before the password was checked.
    username = normalise_username(str(credentials.get("username", "")))
    ip = client_ip(request)
    audit(actor=None, actor_name=username, action="login.failed", ip=ip)


@receiver(user_logged_in, dispatch_uid="xxgk_logged_in")
def _on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    ip = client_ip(request)
    LoginAttempt.objects.create(username=normalise_username(user.get_username()), ip=ip, succeeded=True)
    audit(actor=user, action="login.success", obj=user, ip=ip)


@receiver(user_logged_out, dispatch_uid="xxgk_logged_out")
def _on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit(actor=user, action="logout", obj=user, ip=client_ip(request))
