"""URLs of the ledger (台账) pages (mounted at /cases/ledger/, before /cases/)."""

from django.urls import path

from xxgk.apps.cases import views_ledger

app_name = "cases_ledger"
urlpatterns = [
    path("", views_ledger.ledger_index, name="index"),
    path("preview/", views_ledger.ledger_preview, name="preview"),
    path("confirm/", views_ledger.ledger_confirm, name="confirm"),
    path("export/", views_ledger.ledger_export, name="export"),
]
