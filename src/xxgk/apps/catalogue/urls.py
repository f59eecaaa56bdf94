"""URLs of the catalogue staff pages (mounted under /catalogue/)."""

from django.urls import path

from xxgk.apps.catalogue import views, views_directory

app_name = "catalogue"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_new, name="new"),
    path("<int:entry_id>/", views.entry_detail, name="detail"),
    path("<int:entry_id>/edit/", views.entry_edit, name="edit"),
    path("<int:entry_id>/attach/", views.attachment_upload, name="attach"),
    path("<int:entry_id>/action/<str:name>/", views.entry_action, name="action"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("attachments/<int:attachment_id>/delete/", views.attachment_delete, name="attachment_delete"),
    path("findings/<int:finding_id>/acknowledge/", views.finding_acknowledge, name="acknowledge"),
    path("figures/", views.figures, name="figures"),
    path("directories/", views_directory.directory_index, name="directories"),
    path("coverage/", views_directory.coverage, name="coverage"),
]
