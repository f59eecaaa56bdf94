"""URLs of the cases app (mounted at /cases/)."""

from django.urls import path

from xxgk.apps.cases import views, views_actions, views_intake

app_name = "cases"
urlpatterns = [
    path("", views.case_index, name="list"),
    path("register/", views.case_register_view, name="register"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/identity/", views_actions.case_identity, name="identity"),
    path("<int:case_id>/act/<slug:action>/", views_actions.case_action, name="action"),
    path("<int:case_id>/fee-quote/", views_actions.case_fee_quote, name="fee_quote"),
    path("<int:case_id>/assign/", views_intake.case_assign, name="assign"),
    path("<int:case_id>/confirm-receipt/", views_intake.case_confirm, name="confirm_receipt"),
    path("<int:case_id>/identity-document/", views_intake.case_identity_document, name="identity_document"),
]
