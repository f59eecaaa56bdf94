"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("calendar/", include("xxgk.apps.workcalendar.urls")),
    path("cases/reviews/", include("xxgk.apps.cases.urls_reviews")),
    path("cases/ledger/", include("xxgk.apps.cases.urls_ledger")),
    path("cases/", include("xxgk.apps.cases.urls")),
    path("reports/", include("xxgk.apps.reports.urls")),
    path("gk/<int:unit_id>/nianbao/", include("xxgk.apps.reports.urls_public")),
    path("letters/", include("xxgk.apps.letters.urls")),
    path("apply/", include("xxgk.apps.portal.urls")),
    path("catalogue/", include("xxgk.apps.catalogue.urls")),
    path("", include("xxgk.apps.public.urls")),
    path("", include("xxgk.apps.units.urls")),
]
