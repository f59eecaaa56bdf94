"""Issuing letters: allowed kinds, numbering per unit and year, the text as issued, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.apps.letters.models import Letter, LetterSequence
from xxgk.apps.letters.services import LetterRefused, letter_issue, next_serial, prefix_set
from xxgk.apps.units.models import AuditEntry

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_receipt_is_numbered_with_the_default_prefix_and_states_the_due_date(make_case, town):
    case = make_case()
    letter = letter_issue(case=case, kind="receipt", actor=town.people.registrar, on=D(2026, 6, 2))
    assert letter.number == "勍香镇公开〔2026〕1号"
    assert "2026年6月1日收到" in letter.body and "2026年6月30日前" in letter.body
    assert letter.body.startswith("张三：")
    assert AuditEntry.objects.filter(action="letter.issue", object_id=str(letter.pk)).exists()


def test_numbers_run_on_per_unit_and_restart_each_year(make_case, town):
    case = make_case()
    p = town.people
    numbers = [letter_issue(case=case, kind="receipt", actor=p.registrar, on=D(2026, 6, d)).number for d in (2, 3)]
    assert numbers == ["勍香镇公开〔2026〕1号", "勍香镇公开〔2026〕2号"]
    assert (
        letter_issue(case=case, kind="receipt", actor=p.registrar, on=D(2027, 1, 4)).number == "勍香镇公开〔2027〕1号"
    )
    assert next_serial(town.other, 2026) == 1  # another unit has its own sequence


def test_a_configured_prefix_is_used(make_case, town):
    prefix_set(actor=town.people.unit_admin, unit=town.unit, prefix="勍政公开")
    letter = letter_issue(case=make_case(), kind="receipt", actor=town.people.registrar, on=D(2026, 6, 2))
    assert letter.number == "勍政公开〔2026〕1号"


@pytest.mark.parametrize("bad", ["勍香镇〔2026〕", "勍香镇公开号"])
def test_a_prefix_with_year_brackets_or_hao_is_refused(town, bad):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="文号前缀不能含有"):
        prefix_set(actor=town.people.unit_admin, unit=town.unit, prefix=bad)


def test_only_a_unit_admin_sets_the_prefix(town):
    with pytest.raises(PermissionDenied):
        prefix_set(actor=town.people.handler, unit=town.unit, prefix="勍政公开")


def test_withheld_reply_states_article_reason_and_review_first(make_case, town):
    case = make_case(outcome="withheld_process_info", decisions=[("withheld_process_info", "属于内部讨论记录")])
    letter = letter_issue(case=case, kind="reply_withheld", actor=town.people.handler, on=D(2026, 6, 22))
    body = letter.body
    assert "第十六条第二款、第三十六条第（三）项" in body
    assert "理由：属于内部讨论记录" in body
    assert "六十日内向示例县人民政府申请行政复议" in body and "应当先申请行政复议" in body
    assert "2025年财政预算执行情况" in body and "2026年6月1日收到" in body


def test_partial_reply_gives_reasons_per_withheld_item_and_review_first_for_that_part(make_case, town):
    case = make_case(
        items=("预算表", "会议纪要"),
        outcome="partially_granted",
        decisions=[("granted", ""), ("withheld_process_info", "属于过程性信息")],
    )
    letter = letter_issue(case=case, kind="reply_partial", actor=town.people.handler, on=D(2026, 6, 22))
    assert "第2项“会议纪要”" in letter.body and "属于过程性信息" in letter.body
    assert "第1项“预算表”" not in letter.body
    assert "对不予公开部分不服的" in letter.body and "对其他部分不服的" in letter.body
    assert "随本答复书一并向您提供" in letter.body


@pytest.mark.parametrize(
    ("decisions", "stated"),
    [
        ([("partially_granted", "名单中的身份证号码属于个人信息")], True),  # one item, partly withheld: its reason
        ([("granted", "")], False),  # disclosed in full: no reason to state
    ],
    ids=["item-partly-withheld", "item-disclosed"],
)
def test_partial_reply_states_the_reason_of_an_item_disclosed_in_part(make_case, town, decisions, stated):
    """条例第三十七条: the part withheld from an item disclosed in part is explained, item by item."""
    case = make_case(items=("低保名单",), outcome="partially_granted", decisions=decisions)
    letter = letter_issue(case=case, kind="reply_partial", actor=town.people.handler, on=D(2026, 6, 22))
    assert ("第1项“低保名单”" in letter.body) is stated
    assert ("名单中的身份证号码属于个人信息" in letter.body) is stated


def test_granted_reply_offers_litigation_within_six_months(make_case, town):
    case = make_case(outcome="granted", decisions=[("granted", "")])
    letter = letter_issue(case=case, kind="reply_granted", actor=town.people.reviewer, on=D(2026, 6, 22))
    assert "第三十六条第（二）项" in letter.body and "六个月内依法向人民法院提起行政诉讼" in letter.body
    assert "应当先申请行政复议" not in letter.body


def test_a_reply_before_the_outcome_is_refused_without_using_a_number(make_case, town):
    case = make_case()
    with pytest.raises(LetterRefused, match="本案当前不能出具"):
        letter_issue(case=case, kind="reply_granted", actor=town.people.handler, on=D(2026, 6, 2))
    assert not LetterSequence.objects.exists() and not Letter.objects.exists()


def test_the_reply_of_another_outcome_group_is_refused(make_case, town):
    case = make_case(outcome="granted", decisions=[("granted", "")])
    with pytest.raises(LetterRefused, match="不予公开"):
        letter_issue(case=case, kind="reply_withheld", actor=town.people.handler, on=D(2026, 6, 22))


def test_a_reply_is_refused_while_the_review_body_is_not_configured(make_case, town):
    town.unit.parent = None  # a top-level government: the administrator must name its review body
    town.unit.save()
    case = make_case(outcome="granted", decisions=[("granted", "")])
    with pytest.raises(LetterRefused, match="行政复议机关尚未确定"):
        letter_issue(case=case, kind="reply_granted", actor=town.people.handler, on=D(2026, 6, 22))
    town.unit.review_body_override = "示例市人民政府"
    town.unit.save()
    case.unit.refresh_from_db()
    letter = letter_issue(case=case, kind="reply_granted", actor=town.people.handler, on=D(2026, 6, 22))
    assert "向示例市人民政府申请行政复议" in letter.body


def test_staff_of_another_unit_cannot_issue(make_case, town):
    with pytest.raises(PermissionDenied):
        letter_issue(case=make_case(), kind="receipt", actor=town.people.other_handler, on=D(2026, 6, 2))


def test_an_unknown_kind_is_refused_in_chinese(make_case, town):
    with pytest.raises(LetterRefused, match="未知的文书类型"):
        letter_issue(case=make_case(), kind="love_letter", actor=town.people.handler, on=D(2026, 6, 2))


def test_letters_to_a_third_party_do_not_name_the_applicant(make_case, town):
    case = make_case(
        steps=[("handler", "send_consultation", D(2026, 6, 5), {"details": {"party": "某某建设有限公司"}})]
    )
    letter = letter_issue(case=case, kind="consultation", actor=town.people.handler, on=D(2026, 6, 5))
    assert letter.body.startswith("某某建设有限公司：")
    assert "张三" not in letter.body and "15个工作日内" in letter.body


def test_supplement_extension_and_fee_letters_state_what_the_law_requires(make_case, town):
    case = make_case(
        steps=[
            (
                "handler",
                "request_supplement",
                D(2026, 6, 3),
                {"details": {"what_to_add": "请写明文件的文号", "supplement_by": "2026-06-24"}},
            ),
            ("registrar", "receive_supplement", D(2026, 6, 15), {}),
            ("handler", "request_extension", D(2026, 7, 1), {"details": {"working_days": 20, "reason": "信息量大"}}),
            ("reviewer", "approve_extension", D(2026, 7, 2), {"details": {"working_days": 20}}),
            ("handler", "send_fee_notice", D(2026, 7, 3), {"fee": {"method": "by_pages", "quantity": 250}}),
        ]
    )
    actor = town.people.handler
    supplement = letter_issue(case=case, kind="supplement", actor=actor, on=D(2026, 6, 3))
    assert "请写明文件的文号" in supplement.body and "于2026年6月24日前" in supplement.body
    assert "视为放弃申请" in supplement.body and "第三十条" in supplement.body
    extension = letter_issue(case=case, kind="extension", actor=actor, on=D(2026, 7, 2))
    assert "信息量大" in extension.body and "延长20个工作日" in extension.body and "第三十三条第二款" in extension.body
    fee = letter_issue(case=case, kind="fee_notice", actor=actor, on=D(2026, 7, 3))
    assert "4700元" in fee.body and "国办函〔2020〕109号" in fee.body and "20个工作日内缴纳" in fee.body
    # the fee notice took its number when it was recorded (7-03), before the other two letters were issued
    assert [fee.number, supplement.number, extension.number] == [f"勍香镇公开〔2026〕{n}号" for n in (1, 2, 3)]
