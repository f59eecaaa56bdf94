"""App configuration."""

from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "xxgk.apps.units"
    label = "units"
    default_auto_field = "django.db.models.BigAutoField"
