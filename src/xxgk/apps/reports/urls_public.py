"""URLs of a unit's public 政府信息公开年报 column (mounted at /gk/<unit_id>/nianbao/)."""

from django.urls import path

from xxgk.apps.reports import views_public

app_name = "reports_public"
urlpatterns = [
    path("", views_public.report_list, name="list"),
    path("<int:year>/", views_public.report_detail, name="detail"),
    path("<int:year>/<slug:fmt>/", views_public.report_file, name="file"),
]
