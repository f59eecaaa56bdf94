"""App configuration of the reports app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xxgk.apps.reports"
    label = "reports"
    verbose_name = _("年度报告")
