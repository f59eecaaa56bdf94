"""URLs of the workcalendar app (mounted at /calendar/)."""

from django.urls import path

from xxgk.apps.workcalendar import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.year_view, name="current"),
    path("<int:year>/", views.year_view, name="year"),
    path("enter/", views.schedule_form, name="enter"),
    path("upload/", views.schedule_upload, name="upload"),
    path("history/", views.history, name="history"),
]
