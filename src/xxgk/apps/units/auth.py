"""Sign-in with throttling, and audit rows for sign-ins, sign-outs and password changes.

After ``MAX_FAILURES`` failed sign-ins for one user name from one address
within ``WINDOW``, further attempts are refused until the window has passed.
Attempts are stored in the database so that every server process sees them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.apps.units.audit import audit, client_ip
from xxgk.apps.units.models import LoginAttempt

__all__ = [
    "MAX_FAILURES",
    "WINDOW",
    "AdminThrottledAuthenticationForm",
    "ThrottledAuthenticationForm",
    "login_blocked",
]

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
THROTTLED_MESSAGE = _("登录失败次数过多，该账号在本机的登录已暂停15分钟，请稍后再试。")


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
        username = (self.data.get("username") or "").strip()  # type: ignore[attr-defined]
        ip = client_ip(self.request)
        if username and login_blocked(username, ip):
            audit(actor=None, actor_name=username, action="login.throttled", ip=ip)
            raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
        return super().clean()  # type: ignore[misc]


class ThrottledAuthenticationForm(_ThrottleMixin, AuthenticationForm):
    """The staff sign-in form, throttled."""


class AdminThrottledAuthenticationForm(_ThrottleMixin, AdminAuthenticationForm):
    """The admin sign-in form, throttled the same way."""


@receiver(user_login_failed, dispatch_uid="xxgk_login_failed")
def _on_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any):
    username = str(credentials.get("username", ""))[:150]
    ip = client_ip(request)
    LoginAttempt.objects.create(username=username, ip=ip, succeeded=False)
    audit(actor=None, actor_name=username, action="login.failed", ip=ip)


@receiver(user_logged_in, dispatch_uid="xxgk_logged_in")
def _on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    ip = client_ip(request)
    LoginAttempt.objects.create(username=user.get_username(), ip=ip, succeeded=True)
    audit(actor=user, action="login.success", obj=user, ip=ip)


@receiver(user_logged_out, dispatch_uid="xxgk_logged_out")
def _on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit(actor=user, action="logout", obj=user, ip=client_ip(request))
