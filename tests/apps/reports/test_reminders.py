"""Report reminders: units without a published report are reminded; late units are listed for supervisors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import MembershipFactory, UserFactory
from xxgk.apps.reports.models import AnnualReport
from xxgk.apps.reports.reminders import report_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(unit, county, people):
    admin = UserFactory(username="town_admin", email="admin@example.cn")
    MembershipFactory(user=admin, unit=unit, role="unit_admin")
    people["supervisor"].email = "county@example.cn"
    people["supervisor"].save()
    return admin


def test_before_the_due_date_the_unit_is_reminded_and_no_one_is_listed_late(unit, staff, people):
    reminders = {r.user.username: r for r in report_reminders(dt.date(2026, 1, 5))}
    assert [u.name for u, _ in reminders["town_admin"].own] == ["勍香镇人民政府"]
    assert reminders["town_admin"].own[0][1] == dt.date(2026, 1, 31)
    assert "handler" not in reminders  # only those who prepare and approve the report
    assert "supervisor" not in reminders or not reminders["supervisor"].late


def test_after_the_due_date_supervisors_get_the_late_units(unit, staff, people):
    reminders = {r.user.username: r for r in report_reminders(dt.date(2026, 2, 1))}
    assert [u.name for u in reminders["supervisor"].late] == ["勍香镇人民政府"]


def test_a_published_report_stops_the_reminders(unit, staff):
    AnnualReport.objects.create(unit=unit, year=2025, state="published", first_published_on=dt.date(2026, 1, 20))
    reminders = {r.user.username: r for r in report_reminders(dt.date(2026, 2, 1))}
    assert "town_admin" not in reminders and not reminders["supervisor"].late


def test_the_command_sends_chinese_mail_and_skips_people_without_an_address(unit, staff, capsys):
    call_command("send_report_reminders", "--date", "2026-02-03")
    out = capsys.readouterr().out
    sent = {m.to[0]: m for m in mail.outbox}
    assert (
        "勍香镇人民政府2025年政府信息公开工作年度报告尚未公布，公布期限为2026年1月31日" in sent["admin@example.cn"].body
    )
    assert "勍香镇人民政府" in sent["county@example.cn"].body and "逾期" in sent["county@example.cn"].subject
    assert "已发送 2 封年报提醒邮件" in out


def test_a_bad_date_is_refused_in_chinese():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式应为"):
        call_command("send_report_reminders", "--date", "2026-13-01")
