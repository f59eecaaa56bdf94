"""App configuration."""

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "xxgk.apps.workcalendar"
    label = "workcalendar"
    default_auto_field = "django.db.models.BigAutoField"
