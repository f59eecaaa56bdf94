"""``send_report_reminders``: from 1 January, remind units whose annual report is not yet published.

Meant for cron next to ``send_reminders``, e.g. ``0 8 * 1-3 1-5 xxgk manage
send_report_reminders``. Each 审核人 and 单位管理员 of a unit without a
published report of last year gets one e-mail; after the unit's due date
(31 January unless set otherwise) each supervisor of the county also gets the
list of late subordinate units (条例第四十九条).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.apps.reports import clock
from xxgk.apps.reports.reminders import report_reminders

log = logging.getLogger("xxgk.reminders")


def _body(reminder: Any, year: int) -> str:
    lines = [f"{reminder.user.get_full_name() or reminder.user.get_username()}：", ""]
    for unit, due in reminder.own:
        lines.append(
            f"{unit.name}{year}年政府信息公开工作年度报告尚未公布，公布期限为{due.year}年{due.month}月{due.day}日。"
        )
    if reminder.late:
        lines.append("")
        lines.append("以下下级单位已超过公布期限，尚未公布年度报告：")
        lines += [f"  {unit.name}" for unit in reminder.late]
    lines += ["", "依据：《中华人民共和国政府信息公开条例》第四十九条。"]
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "提醒尚未公布上一年度政府信息公开工作年度报告的单位；逾期单位列送监督人员。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只显示将发送给谁，不发送")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else clock.today()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from None
        year = today.year - 1
        messages, skipped = [], 0
        for reminder in report_reminders(today):
            if not reminder.user.email:
                skipped += 1
                log.warning("report reminder skipped: user %s has no e-mail address", reminder.user.pk)
                continue
            subject = f"【信息公开】{year}年度报告：{len(reminder.own)}个单位待公布，{len(reminder.late)}个下级单位逾期"
            messages.append(EmailMessage(subject, _body(reminder, year), to=[reminder.user.email]))
        if options["dry_run"]:
            for message in messages:
                self.stdout.write(f"{message.to[0]}：{message.subject}")
            self.stdout.write(f"（试运行）将发送 {len(messages)} 封年报提醒邮件，{skipped} 人没有电子邮箱。")
            return
        sent = get_connection().send_messages(messages) if messages else 0
        log.info("report reminders sent: %s, skipped without e-mail: %s", sent, skipped)
        self.stdout.write(f"已发送 {sent} 封年报提醒邮件，{skipped} 人没有电子邮箱。")
