"""App configuration of the public portal: applying online and following one's case."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xxgk.apps.portal"
    label = "portal"
    verbose_name = "网上申请"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the system check that keeps the CAPTCHA test hook out of production."""
        from xxgk.apps.portal import checks  # noqa: F401 — registers the check
