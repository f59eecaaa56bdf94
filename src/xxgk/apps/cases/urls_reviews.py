"""URLs of the review and litigation pages (mounted at /cases/reviews/, before /cases/)."""

from django.urls import path

from xxgk.apps.cases import views_reviews

app_name = "cases_reviews"
urlpatterns = [
    path("", views_reviews.review_list, name="list"),
    path("register/", views_reviews.review_register_view, name="register"),
    path("<int:review_id>/", views_reviews.review_detail, name="detail"),
    path("<int:review_id>/conclude/", views_reviews.review_conclude_view, name="conclude"),
]
