"""URLs of the public portal (mounted at /apply/)."""

from django.urls import path

from xxgk.apps.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("<int:unit_id>/", views.apply, name="apply"),
    path("done/", views.receipt, name="receipt"),
    path("captcha.png", views.captcha_image, name="captcha"),
    path("track/<str:token>/", views.track, name="track"),
]
