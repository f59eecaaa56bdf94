"""``xxgk manage publish_due``: publish every scheduled entry whose time has come (run from cron every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xxgk.apps.catalogue.services import publish_due


class Command(BaseCommand):
    help = "发布到时的定时发布信息（建议用 cron 每5分钟运行一次）。"

    def handle(self, *args: Any, **options: Any) -> None:
        published = publish_due()
        for version in published:
            self.stdout.write(f"已定时发布：{version.entry.index_number} {version.title}")
        if not published:
            self.stdout.write("没有到时需要发布的信息。")
