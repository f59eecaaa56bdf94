"""URLs of the reports app (mounted at /reports/)."""

from django.urls import path

from xxgk.apps.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<int:unit_id>/<int:year>/", views.report_page, name="report"),
    path("<int:unit_id>/<int:year>/download/<slug:fmt>/", views.report_download, name="download"),
    path("<int:unit_id>/<int:year>/cell/<str:address>/", views.report_cell, name="cell"),
]
