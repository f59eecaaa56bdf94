"""App configuration."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "xxgk.apps.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
