"""App configuration: the public 政府信息公开 column, the county home page and full-text search."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "xxgk.apps.public"
    label = "public"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "政府信息公开专栏"

    def ready(self) -> None:
        """Keep the search index in step with the catalogue: it sends, this app listens."""
        from xxgk.apps.public import receivers

        receivers.connect()
