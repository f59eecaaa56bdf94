"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("calendar/", include("xxgk.apps.workcalendar.urls")),
    path("cases/", include("xxgk.apps.cases.urls")),
    path("", include("xxgk.apps.units.urls")),
]
