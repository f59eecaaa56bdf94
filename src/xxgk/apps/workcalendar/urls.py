"""URLs of the workcalendar app."""

app_name = "workcalendar"
urlpatterns: list = []
