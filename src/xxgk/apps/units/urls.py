"""URLs of the units app."""

app_name = "units"
urlpatterns: list = []
