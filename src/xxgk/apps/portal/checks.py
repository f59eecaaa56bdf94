"""System checks of the portal: the CAPTCHA test hook must never be set on a production site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

__all__ = ["check_captcha_test_hook"]


@register(Tags.security, deploy=False)
def check_captcha_test_hook(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Refuse XXGK_CAPTCHA_TEST_ANSWER when the site runs in production (it would disable the CAPTCHA)."""
    if getattr(settings, "PRODUCTION", False) and getattr(settings, "XXGK_CAPTCHA_TEST_ANSWER", ""):
        return [
            Error(
                "XXGK_CAPTCHA_TEST_ANSWER is set on a production site.",
                hint="Remove it: it exists only for browser tests.",
                id="portal.E001",
            )
        ]
    return []
