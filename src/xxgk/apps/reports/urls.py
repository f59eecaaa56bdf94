"""URLs of the reports app (mounted at /reports/)."""

from django.urls import path

from xxgk.apps.reports import views, views_audit, views_county, views_workspace

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("county/<int:unit_id>/<int:year>/", views_county.county_view_page, name="county"),
    path("county/<int:unit_id>/<int:year>/export.xlsx", views_county.county_export, name="county_export"),
    path("county/<int:unit_id>/<int:year>/chart/<slug:name>.svg", views_county.county_chart, name="county_chart"),
    path("<int:unit_id>/<int:year>/", views.report_page, name="report"),
    path("<int:unit_id>/<int:year>/save/", views_workspace.report_save_view, name="save"),
    path("<int:unit_id>/<int:year>/act/<slug:action>/", views_workspace.report_action, name="act"),
    path("<int:unit_id>/<int:year>/import/", views_workspace.report_import_upload, name="import"),
    path("<int:unit_id>/<int:year>/download/<slug:fmt>/", views.report_download, name="download"),
    path("<int:unit_id>/<int:year>/cell/<str:address>/", views.report_cell, name="cell"),
    path("audit/", views_audit.audit_index, name="audit_index"),
    path("audit/<str:job_id>/", views_audit.audit_page, name="audit"),
    path("audit/<str:job_id>/progress/", views_audit.audit_progress, name="audit_progress"),
    path("audit/<str:job_id>/download/<slug:fmt>/", views_audit.audit_download, name="audit_download"),
]
