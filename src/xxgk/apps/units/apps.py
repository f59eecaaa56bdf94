"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "xxgk.apps.units"
    label = "units"
    verbose_name = _("单位与人员")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the sign-in audit and throttling signals; throttle the admin sign-in too."""
        from django.contrib import admin

        from xxgk.apps.units import auth

        admin.site.login_form = auth.AdminThrottledAuthenticationForm
        admin.site.site_header = _("政府信息公开工作平台 · 系统管理")
        admin.site.site_title = _("政府信息公开工作平台")
        admin.site.index_title = _("系统管理")
