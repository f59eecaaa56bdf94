"""URLs of the letters app (mounted under /letters/)."""

from django.urls import path, register_converter

from xxgk.apps.letters import views


class FormatConverter:
    """A download format: docx or pdf."""

    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "letterfmt")

app_name = "letters"
urlpatterns = [
    path("unit/<int:unit_id>/templates/", views.template_list, name="templates"),
    path("unit/<int:unit_id>/templates/<str:kind>/", views.template_edit, name="template_edit"),
    path("unit/<int:unit_id>/templates/<str:kind>/reset/", views.template_reset_view, name="template_reset"),
    path("case/<int:case_id>/", views.case_letters, name="case_letters"),
    path("case/<int:case_id>/issue/", views.issue, name="issue"),
    path("<int:letter_id>.<letterfmt:fmt>", views.download, name="download"),
    path("track/<str:token>/<int:letter_id>.<letterfmt:fmt>", views.track_download, name="track_download"),
]
