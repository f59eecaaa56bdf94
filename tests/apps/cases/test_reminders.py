"""The ``send_reminders`` command: a daily digest to each handler of cases due soon or overdue (条例第三十三条)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.services import case_register, case_transition


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def handler_mail(staff):
    staff["handler"].email = "handler@example.gov.cn"
    staff["handler"].save()
    return staff["handler"]


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_handler_gets_due_soon_and_overdue_cases_only(handler_mail, make_case, staff, calendar):
    overdue = make_case(received=dt.date(2026, 6, 1))  # due 06-30
    soon = make_case(received=dt.date(2026, 6, 3))  # due 07-02
    later = make_case(received=dt.date(2026, 6, 20))
    closed = make_case(received=dt.date(2026, 5, 6))
    closed = case_transition(
        actor=staff["registrar"], case=closed, version=1, action="withdraw", on=dt.date(2026, 5, 8)
    )
    output = run("--date", "2026-07-01")
    assert "已发送 1 封" in output
    [message] = mail.outbox
    assert message.to == ["handler@example.gov.cn"]
    assert "1件案件3个工作日内到期，1件已逾期" in message.subject
    assert overdue.number in message.body and soon.number in message.body
    assert later.number not in message.body and closed.number not in message.body
    assert message.body.index("已逾期") < message.body.index(overdue.number) < message.body.index("3个工作日内到期")


def test_other_units_cases_go_to_their_own_handlers(handler_mail, db, calendar):
    other = UnitFactory(name="邻乡人民政府")
    clerk = UserFactory(username="clerk", email="clerk@example.gov.cn")
    MembershipFactory(user=clerk, unit=other, role="registrar")
    MembershipFactory(user=UserFactory(username="nb", email="nb@example.gov.cn"), unit=other, role="handler")
    case = case_register(
        actor=clerk,
        unit=other,
        channel="in_person",
        receipt_date=dt.date(2026, 6, 1),
        applicant_type="natural_person",
        items=["事项"],
        calendar=calendar,
    )
    run("--date", "2026-07-01")
    assert [m.to for m in mail.outbox] == [["nb@example.gov.cn"]]
    assert case.number in mail.outbox[0].body


def test_nothing_due_sends_nothing(handler_mail, make_case):
    make_case(received=dt.date(2026, 6, 20))
    assert "已发送 0 封" in run("--date", "2026-07-01")
    assert mail.outbox == []


def test_a_handler_without_email_is_skipped_and_counted(staff, make_case):
    make_case(received=dt.date(2026, 6, 1))
    assert "1 位承办人没有电子邮箱" in run("--date", "2026-07-01")
    assert mail.outbox == []


def test_dry_run_sends_nothing(handler_mail, make_case):
    make_case(received=dt.date(2026, 6, 1))
    output = run("--date", "2026-07-01", "--dry-run")
    assert "handler@example.gov.cn" in output and mail.outbox == []


def test_a_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="日期格式应为"):
        run("--date", "2026-13-01")


@pytest.mark.parametrize(
    ("assigned_to", "expected"),
    [
        ("handler", [["handler@example.gov.cn"]]),  # assigned: only the assignee
        (None, [["handler@example.gov.cn"], ["second@example.gov.cn"]]),  # unassigned: every handler of the unit
        ("departed", [["handler@example.gov.cn"], ["second@example.gov.cn"]]),  # assignee left: every handler
    ],
)
def test_reminders_go_to_the_assigned_handler_else_to_all(handler_mail, make_case, staff, unit, assigned_to, expected):
    from xxgk.apps.cases.models import Case
    from xxgk.apps.units.models import Membership

    MembershipFactory(user=UserFactory(username="second", email="second@example.gov.cn"), unit=unit, role="handler")
    departed = UserFactory(username="departed", email="departed@example.gov.cn")
    case = make_case(received=dt.date(2026, 6, 1))
    handler = {"handler": staff["handler"], "departed": departed, None: None}[assigned_to]
    Case.objects.filter(pk=case.pk).update(handler=handler)
    Membership.objects.filter(user=departed).delete()
    run("--date", "2026-07-01")
    assert sorted(m.to for m in mail.outbox) == expected
    assert all(case.number in m.body for m in mail.outbox)
