"""Per-address limits on online applications, kept in the database so that every server process sees them.

The address is stored only as a keyed hash (it is personal information,
applications.md §11). Limits: ``settings.XXGK_PORTAL_RATE_LIMITS``, a list of
(seconds, maximum) pairs; default 5 per hour and 20 per day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from xxgk.apps.portal.models import SubmissionRecord
from xxgk.web.locks import transaction_lock

__all__ = ["DEFAULT_LIMITS", "RateLimited", "client_key", "rate_check", "rate_lock", "rate_record"]

DEFAULT_LIMITS: tuple[tuple[int, int], ...] = ((3600, 5), (86400, 20))


class RateLimited(Exception):
    """Too many applications from one address; the message is Chinese, for the applicant."""


def _limits() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "XXGK_PORTAL_RATE_LIMITS", DEFAULT_LIMITS))


def _window_label(seconds: int) -> str:
    if seconds % 86400 == 0:
        return "1天" if seconds == 86400 else f"{seconds // 86400}天"
    if seconds % 3600 == 0:
        return "1小时" if seconds == 3600 else f"{seconds // 3600}小时"
    return f"{seconds // 60}分钟"


def client_key(ip: str | None) -> str:
    """A keyed hash of the client's address (the address itself is not stored)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"portal-client:{ip or '-'}".encode(), hashlib.sha256).hexdigest()


def rate_check(ip: str | None, *, now: dt.datetime | None = None) -> None:
    """Raise RateLimited when the address has reached any limit; otherwise return."""
    now = now or timezone.now()
    records = SubmissionRecord.objects.filter(client=client_key(ip))
    for seconds, maximum in _limits():
        if records.filter(at__gt=now - dt.timedelta(seconds=seconds)).count() >= maximum:
            raise RateLimited(
                f"同一网络地址{_window_label(seconds)}内最多可提交{maximum}件网上申请，已达上限。"
                "请稍后再试，或通过信函、当面等其他方式提交申请。"
            )


def rate_lock(ip: str | None) -> None:
    """Serialise the submissions of one address until the end of the transaction (check and record together)."""
    transaction_lock(f"portal-client:{client_key(ip)}")


def rate_record(ip: str | None) -> None:
    """Count one accepted application from the address; forget records older than the longest window."""
    SubmissionRecord.objects.create(client=client_key(ip))
    longest = max((seconds for seconds, _ in _limits()), default=86400)
    SubmissionRecord.objects.filter(at__lt=timezone.now() - dt.timedelta(seconds=longest)).delete()
