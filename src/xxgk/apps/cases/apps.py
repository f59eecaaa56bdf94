"""App configuration."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "xxgk.apps.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xxgk.apps.cases.receivers import recompute_open_deadlines
        from xxgk.apps.workcalendar.signals import calendar_changed

        calendar_changed.connect(recompute_open_deadlines, dispatch_uid="cases.recompute_open_deadlines")
