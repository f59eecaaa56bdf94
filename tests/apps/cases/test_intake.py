"""Taking an application in: assigning the handler, confirming an online receipt (条例第三十一条), the ID document."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.intake import (
    case_assign_handler,
    case_confirm_receipt,
    case_open_identity_document,
    needs_receipt_confirmation,
)
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.services import CaseChanged, case_register, case_transition
from xxgk.apps.portal.models import OnlineApplication
from xxgk.apps.units.models import AuditEntry
from xxgk.core.cases.states import TransitionError

SUBMITTED = dt.datetime(2026, 6, 1, 10, 30)  # Monday, site-local time


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def online(submit_online, calendar):
    """An application submitted through the portal, not yet confirmed."""
    return submit_online(now=SUBMITTED, ip="10.0.0.1")


def local_day() -> dt.date:
    return SUBMITTED.date()


# ---- 指派承办人 -------------------------------------------------------------


@pytest.mark.parametrize("role", ["registrar", "reviewer", "unit_admin"])
def test_registrar_reviewer_and_unit_admin_may_assign_a_handler(make_case, staff, unit, role):
    case = make_case()
    actor = staff.get(role) or UserFactory(username="admin_of_unit")
    if role == "unit_admin":
        MembershipFactory(user=actor, unit=unit, role="unit_admin")
    case = case_assign_handler(actor=actor, case=case, version=case.version, handler=staff["handler"])
    assert case.handler == staff["handler"]
    assert case.events.filter(kind="handler_assigned").exists()
    assert AuditEntry.objects.filter(action="case.assign_handler", object_id=str(case.pk)).exists()


def test_a_handler_may_not_assign(make_case, staff):
    case = make_case()
    with pytest.raises(PermissionDenied):
        case_assign_handler(actor=staff["handler"], case=case, version=case.version, handler=staff["handler"])


@pytest.mark.parametrize("who", ["registrar", "stranger", "other_unit_handler"])
def test_only_a_handler_of_the_unit_can_be_assigned(make_case, staff, who):
    case = make_case()
    if who == "stranger":
        person = UserFactory(username="stranger")
    elif who == "other_unit_handler":
        person = UserFactory(username="elsewhere")
        MembershipFactory(user=person, unit=UnitFactory(name="邻乡人民政府"), role="handler")
    else:
        person = staff["registrar"]
    with pytest.raises(TransitionError, match="只能指派本单位的承办人"):
        case_assign_handler(actor=staff["registrar"], case=case, version=case.version, handler=person)
    assert Case.objects.get(pk=case.pk).handler is None


def test_unassigning_and_a_stale_version(make_case, staff):
    case = make_case()
    case = case_assign_handler(actor=staff["registrar"], case=case, version=case.version, handler=staff["handler"])
    with pytest.raises(CaseChanged):
        case_assign_handler(actor=staff["registrar"], case=case, version=case.version - 1, handler=None)
    case = case_assign_handler(actor=staff["registrar"], case=case, version=case.version, handler=None)
    assert case.handler is None


def test_a_closed_case_cannot_be_assigned(make_case, staff):
    case = make_case()
    case = case_transition(actor=staff["registrar"], case=case, version=1, action="withdraw", on=dt.date(2026, 6, 2))
    with pytest.raises(TransitionError, match="已办结"):
        case_assign_handler(actor=staff["registrar"], case=case, version=case.version, handler=staff["handler"])


def test_registration_may_assign_and_refuses_a_non_handler(unit, staff, calendar):
    common = {
        "actor": staff["registrar"],
        "unit": unit,
        "channel": "in_person",
        "receipt_date": dt.date(2026, 6, 1),
        "applicant_type": "natural_person",
        "items": ["事项"],
        "calendar": calendar,
    }
    assert case_register(handler=staff["handler"], **common).handler == staff["handler"]
    assert case_register(**common).handler is None
    with pytest.raises(TransitionError):
        case_register(handler=staff["reviewer"], **common)


# ---- 确认收到网上申请 ---------------------------------------------------------


def test_confirming_moves_the_receipt_date_and_the_deadline(online, staff, calendar):
    assert needs_receipt_confirmation(online)
    submitted_due = online.due_date
    confirmed = dt.date(2026, 6, 5)
    case = case_confirm_receipt(
        actor=staff["registrar"],
        case=online,
        version=online.version,
        on=confirmed,
        evidence="6月5日电话与申请人确认",
        today=dt.date(2026, 6, 8),
        calendar=calendar,
    )
    assert case.receipt_date == confirmed
    assert case.receipt_evidence == "6月5日电话与申请人确认"
    assert case.events.get(kind="received").date == confirmed
    assert case.due_date == calendar.add_working_days(confirmed, 20) != submitted_due
    assert OnlineApplication.objects.get(case=case).receipt_confirmed
    assert not needs_receipt_confirmation(case)
    assert AuditEntry.objects.filter(action="case.confirm_receipt", object_id=str(case.pk)).exists()


@pytest.mark.parametrize(
    ("on", "today", "evidence", "message"),
    [
        (dt.date(2026, 5, 31), dt.date(2026, 6, 8), "电话确认", "不能早于网上提交之日"),
        (dt.date(2026, 6, 9), dt.date(2026, 6, 8), "电话确认", "不能晚于今天"),
        (dt.date(2026, 6, 5), dt.date(2026, 6, 8), "  ", "请写明"),
    ],
)
def test_a_wrong_confirmation_is_refused(online, staff, on, today, evidence, message):
    with pytest.raises(TransitionError, match=message):
        case_confirm_receipt(
            actor=staff["registrar"], case=online, version=online.version, on=on, evidence=evidence, today=today
        )
    assert not OnlineApplication.objects.get(case=online).receipt_confirmed


def test_confirming_twice_or_a_letter_case_is_refused(online, staff, make_case, calendar):
    args = {"on": local_day(), "evidence": "邮件确认", "today": dt.date(2026, 6, 8), "calendar": calendar}
    case = case_confirm_receipt(actor=staff["registrar"], case=online, version=online.version, **args)
    with pytest.raises(TransitionError, match="已经确认"):
        case_confirm_receipt(actor=staff["registrar"], case=case, version=case.version, **args)
    letter = make_case(channel="letter")
    with pytest.raises(TransitionError, match="只有网上提交"):
        case_confirm_receipt(actor=staff["registrar"], case=letter, version=letter.version, **args)


def test_confirming_after_a_later_step_is_refused(online, staff):
    case = case_transition(
        actor=staff["registrar"], case=online, version=online.version, action="accept", on=dt.date(2026, 6, 3)
    )
    with pytest.raises(TransitionError, match="早于该日期的办理记录"):
        case_confirm_receipt(
            actor=staff["registrar"],
            case=case,
            version=case.version,
            on=dt.date(2026, 6, 4),
            evidence="电话确认",
            today=dt.date(2026, 6, 8),
        )


def test_a_reviewer_may_not_confirm(online, staff):
    with pytest.raises(PermissionDenied):
        case_confirm_receipt(
            actor=staff["reviewer"],
            case=online,
            version=online.version,
            on=local_day(),
            evidence="电话确认",
            today=dt.date(2026, 6, 8),
        )


# ---- 身份证明材料 -------------------------------------------------------------


@pytest.mark.parametrize("role", ["handler", "reviewer"])
def test_handler_and_reviewer_open_the_identity_document_and_it_is_audited(online, staff, role):
    handle, media_type = case_open_identity_document(actor=staff[role], case=online)
    with handle:
        assert handle.read().startswith(b"\x89PNG")
    assert media_type == "image/png"
    assert AuditEntry.objects.filter(action="case.view_identity_document", actor=staff[role]).count() == 1


def test_a_registrar_may_not_open_the_identity_document(online, staff):
    with pytest.raises(PermissionDenied):
        case_open_identity_document(actor=staff["registrar"], case=online)
    assert not AuditEntry.objects.filter(action="case.view_identity_document").exists()


def test_a_case_without_an_upload_has_no_document(make_case, staff):
    with pytest.raises(FileNotFoundError):
        case_open_identity_document(actor=staff["handler"], case=make_case(channel="letter"))
