"""``send_reminders``: e-mail each handler a daily digest of cases due within 3 working days or overdue.

Meant for cron, e.g. ``30 7 * * 1-5 xxgk manage send_reminders``. Mail goes
through Django's e-mail backend (settings.EMAIL_BACKEND; console by default).
A case with an assigned handler (Case.handler) reminds that handler only; an
unassigned case reminds every handler of its unit (条例第三十三条).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import timezone

from xxgk.apps.cases.models import Case
from xxgk.apps.cases.queries import due_soon_limit, open_cases
from xxgk.apps.units.models import Membership
from xxgk.apps.workcalendar.selectors import load_calendar

log = logging.getLogger("xxgk.reminders")


def digests(today: dt.date) -> list[tuple[Any, list[Case], list[Case]]]:
    """Per handler: (user, cases due within 3 working days, overdue cases).

    A case goes to its assigned handler while that person still holds the
    handler role in the case's unit; otherwise (unassigned, or the assignee
    left) to every handler of the unit.
    """
    limit = due_soon_limit(today, load_calendar())
    handlers_of: dict[int, set[int]] = {}
    users: dict[int, Any] = {}
    for m in Membership.objects.filter(role="handler", user__is_active=True).select_related("user"):
        handlers_of.setdefault(m.unit_id, set()).add(m.user_id)
        users[m.user_id] = m.user
    due = (
        open_cases(sorted(handlers_of))
        .filter(due_date__isnull=False, due_date__lte=limit)
        .select_related("unit")
        .order_by("due_date", "pk")
    )
    cases_of: dict[int, list[Case]] = {}
    for case in due:
        unit_handlers = handlers_of[case.unit_id]
        for user_id in [case.handler_id] if case.handler_id in unit_handlers else sorted(unit_handlers):
            cases_of.setdefault(user_id, []).append(case)
    out = []
    for user_id, cases in sorted(cases_of.items()):
        overdue = [c for c in cases if c.due_date < today]
        out.append((users[user_id], [c for c in cases if c.due_date >= today], overdue))
    return out


class Command(BaseCommand):
    help = "给每位承办人发送每日提醒邮件：3个工作日内到期和已逾期的依申请公开案件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只显示将发送给谁，不发送")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from None
        site = getattr(settings, "XXGK_SITE_URL", "").rstrip("/")
        messages, skipped = [], 0
        for user, due_soon, overdue in digests(today):
            if not user.email:
                skipped += 1
                log.warning("reminder skipped: user %s has no e-mail address", user.pk)
                continue
            context = {"user": user, "today": today, "due_soon": due_soon, "overdue": overdue, "site": site}
            subject = f"【信息公开】{len(due_soon)}件案件3个工作日内到期，{len(overdue)}件已逾期（{today:%Y-%m-%d}）"
            body = render_to_string("cases/reminder_email.txt", context)
            messages.append(EmailMessage(subject, body, to=[user.email]))
        if options["dry_run"]:
            for message in messages:
                self.stdout.write(f"{message.to[0]}：{message.subject}")
            self.stdout.write(f"（试运行）将发送 {len(messages)} 封提醒邮件，{skipped} 位承办人没有电子邮箱。")
            return
        sent = get_connection().send_messages(messages) if messages else 0
        log.info("reminders sent: %s, skipped without e-mail: %s", sent, skipped)
        self.stdout.write(f"已发送 {sent} 封提醒邮件，{skipped} 位承办人没有电子邮箱。")
