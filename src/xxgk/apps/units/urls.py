"""URLs of the units app (mounted at the site root; the staff home is /work/, the public home is /)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from xxgk.apps.units import views

app_name = "units"
urlpatterns = [
    path("work/", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("switch/", views.switch_unit, name="switch"),
    path("units/<int:unit_id>/", views.unit_detail, name="detail"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="edit"),
    path("units/<int:unit_id>/staff/", views.unit_staff, name="staff"),
    path("units/<int:unit_id>/staff/<int:membership_id>/remove/", views.unit_staff_remove, name="staff_remove"),
    path("units/<int:unit_id>/subordinates/", views.unit_subordinates, name="subordinates"),
]
