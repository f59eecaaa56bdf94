"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "xxgk.apps.letters"
    label = "letters"
    verbose_name = _("告知书与答复书")
    default_auto_field = "django.db.models.BigAutoField"
