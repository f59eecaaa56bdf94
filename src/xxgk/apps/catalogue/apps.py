"""App configuration."""

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "xxgk.apps.catalogue"
    label = "catalogue"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "主动公开目录"
