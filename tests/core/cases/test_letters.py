"""Letters core: the right letter, the exact article, the remedy (review first for refusals), the number."""

from __future__ import annotations

import pytest

from xxgk.core.cases.letters import (
    REPLY_KINDS,
    LetterKind,
    allowed_letter_kinds,
    chinese_date,
    decision,
    default_prefix,
    fee_notice_refusal,
    letter_number,
    remedy_text,
    reply_kind,
)
from xxgk.core.cases.outcomes import OUTCOMES, UnknownOutcome
from xxgk.core.units import UnitKind, UnitRef, derive_review_body

# outcome → (reply letter, exact provision in the decision sentence)
EXPECTED = {
    "granted": (LetterKind.REPLY_GRANTED, "第三十六条第（二）项"),
    "partially_granted": (LetterKind.REPLY_PARTIAL, "第三十七条、第三十六条第（二）项、第（三）项"),
    "withheld_state_secret": (LetterKind.REPLY_WITHHELD, "第十四条、第三十六条第（三）项"),
    "withheld_prohibited_by_law": (LetterKind.REPLY_WITHHELD, "第十四条、第三十六条第（三）项"),
    "withheld_security_stability": (LetterKind.REPLY_WITHHELD, "第十四条、第三十六条第（三）项"),
    "withheld_third_party": (LetterKind.REPLY_WITHHELD, "第十五条、第三十六条第（三）项"),
    "withheld_internal_affairs": (LetterKind.REPLY_WITHHELD, "第十六条第一款、第三十六条第（三）项"),
    "withheld_process_info": (LetterKind.REPLY_WITHHELD, "第十六条第二款、第三十六条第（三）项"),
    "withheld_enforcement_files": (LetterKind.REPLY_WITHHELD, "第十六条第二款、第三十六条第（三）项"),
    "withheld_query_matter": (LetterKind.REPLY_WITHHELD, "第三十六条第（七）项"),
    "unavailable_not_held": (LetterKind.REPLY_UNAVAILABLE, "第三十六条第（四）项"),
    "unavailable_needs_creation": (LetterKind.REPLY_UNAVAILABLE, "第三十八条"),
    "unavailable_unclear": (LetterKind.REPLY_UNAVAILABLE, "第三十条"),
    "not_processed_petition": (LetterKind.REPLY_NOT_PROCESSED, "第三十九条第一款"),
    "not_processed_duplicate": (LetterKind.REPLY_NOT_PROCESSED, "第三十六条第（六）项"),
    "not_processed_publication": (LetterKind.REPLY_NOT_PROCESSED, "第三十九条第二款"),
    "not_processed_excessive": (LetterKind.REPLY_NOT_PROCESSED, "第三十五条"),
    "not_processed_confirmation": (LetterKind.REPLY_NOT_PROCESSED, "国办公开办函〔2021〕30号"),
    "other_no_supplement": (LetterKind.REPLY_ENDED, "第三十条"),
    "other_fee_unpaid": (LetterKind.REPLY_ENDED, "国办函〔2020〕109号"),
    "other_other": (LetterKind.REPLY_ENDED, ""),
}


def test_every_outcome_has_an_expected_letter():
    assert set(EXPECTED) == set(OUTCOMES)


@pytest.mark.parametrize(("key", "letter", "article"), [(k, *v) for k, v in EXPECTED.items()])
def test_each_outcome_is_answered_in_its_letter_with_its_exact_article(key, letter, article):
    found = decision(key)
    assert reply_kind(key) is letter
    assert found.article == article
    assert article in found.text


@pytest.mark.parametrize(
    ("kwargs", "article", "phrase"),
    [
        ({"already_public": True}, "第三十六条第（一）项", "已经主动公开"),
        ({"already_public": False}, "第三十六条第（二）项", "决定予以公开"),
    ],
)
def test_granted_distinguishes_already_public_information(kwargs, article, phrase):
    found = decision("granted", **kwargs)
    assert (found.article, phrase in found.text) == (article, True)


def test_not_held_names_the_responsible_agency_under_item_five():
    found = decision("unavailable_not_held", other_agency="示例县自然资源局", other_agency_contact="0000-1234567")
    assert found.article == "第三十六条第（五）项"
    assert "示例县自然资源局" in found.text and "0000-1234567" in found.text


def test_not_held_without_an_agency_says_the_information_does_not_exist():
    found = decision("unavailable_not_held")
    assert found.article == "第三十六条第（四）项" and "不存在" in found.text


@pytest.mark.parametrize("bad", ["", "granted_all", "予以公开"])
def test_an_unknown_outcome_is_refused_in_chinese(bad):
    with pytest.raises(UnknownOutcome, match="未知的办理结果"):
        decision(bad)
    with pytest.raises(UnknownOutcome, match="未知的办理结果"):
        reply_kind(bad)


REVIEW_FIRST = "应当先申请行政复议"


@pytest.mark.parametrize("key", list(OUTCOMES))
def test_remedy_names_the_body_and_60_days_for_every_outcome(key):
    text = remedy_text(review_body="示例县人民政府", outcome_key=key)
    assert "六十日内向示例县人民政府申请行政复议" in text


@pytest.mark.parametrize("key", [k for k, o in OUTCOMES.items() if o.group.value == "不予公开"])
def test_a_refusal_requires_review_first_and_offers_no_direct_litigation(key):
    text = remedy_text(review_body="示例县人民政府", outcome_key=key)
    assert REVIEW_FIRST in text and "行政复议法》第二十三条" in text
    assert "或者自收到本答复书之日起六个月内" not in text


def test_a_partial_disclosure_requires_review_first_for_the_withheld_part_only():
    text = remedy_text(review_body="示例县人民政府", outcome_key="partially_granted")
    assert "对不予公开部分不服的" in text and REVIEW_FIRST in text
    assert "对其他部分不服的，也可以自收到本答复书之日起六个月内依法向人民法院提起行政诉讼" in text


@pytest.mark.parametrize("key", [k for k, o in OUTCOMES.items() if not o.is_refusal])
def test_other_outcomes_offer_review_or_litigation_within_six_months(key):
    text = remedy_text(review_body="示例县人民政府", outcome_key=key)
    assert "或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼" in text
    assert REVIEW_FIRST not in text


def test_a_blank_review_body_is_refused():
    with pytest.raises(ValueError, match="行政复议机关不能为空"):
        remedy_text(review_body="  ", outcome_key="granted")


COUNTY = UnitRef("示例县人民政府", UnitKind.GOVERNMENT)
CITY = UnitRef("示例市人民政府", UnitKind.GOVERNMENT)
EDUCATION = UnitRef("示例县教育局", UnitKind.DEPARTMENT)


@pytest.mark.parametrize(
    ("kind", "ancestors", "body"),
    [
        (UnitKind.GOVERNMENT, [COUNTY, CITY], "示例县人民政府"),  # township → county government
        (UnitKind.GOVERNMENT, [CITY], "示例市人民政府"),  # county → next level up
        (UnitKind.DEPARTMENT, [COUNTY, CITY], "示例县人民政府"),  # department → same-level government
        (UnitKind.DISPATCHED, [COUNTY, CITY], "示例县人民政府"),  # street office → the government that set it up
        (UnitKind.DISPATCHED, [EDUCATION, COUNTY], "示例县人民政府"),  # 派出机构 of a department
    ],
)
def test_the_remedy_names_the_review_body_of_each_unit_kind(kind, ancestors, body):
    derived = derive_review_body(kind, ancestors)
    assert not derived.needs_override
    assert f"六十日内向{body}申请行政复议" in remedy_text(review_body=derived.name, outcome_key="granted")


def test_a_vertically_managed_agency_needs_its_review_body_configured():
    assert derive_review_body(UnitKind.VERTICAL, [COUNTY]).needs_override


def test_the_third_party_notice_speaks_of_the_notice_not_the_reply():
    text = remedy_text(review_body="示例县人民政府", third_party=True)
    assert text.startswith("如对本决定不服") and "收到本告知书之日起六十日内" in text


@pytest.mark.parametrize(
    ("events", "outcome", "is_open", "expected"),
    [
        (set(), None, True, [LetterKind.RECEIPT, LetterKind.REASONS]),
        ({"supplement_requested"}, None, True, [LetterKind.RECEIPT, LetterKind.SUPPLEMENT, LetterKind.REASONS]),
        ({"extension_approved", "fee_notice_sent"}, None, True, [
            LetterKind.RECEIPT, LetterKind.EXTENSION, LetterKind.FEE_NOTICE, LetterKind.REASONS
        ]),
        ({"consultation_sent"}, "granted", False, [
            LetterKind.RECEIPT, LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_DECISION, LetterKind.REPLY_GRANTED
        ]),
        ({"consultation_sent"}, "withheld_third_party", False, [
            LetterKind.RECEIPT, LetterKind.CONSULTATION, LetterKind.REPLY_WITHHELD
        ]),
        (set(), "other_other", False, [LetterKind.RECEIPT, LetterKind.REPLY_ENDED]),
    ],
)  # fmt: skip
def test_allowed_letters_follow_the_recorded_steps(events, outcome, is_open, expected):
    assert allowed_letter_kinds(event_kinds=events, outcome=outcome, is_open=is_open) == expected


def test_no_reply_letter_before_an_outcome():
    allowed = allowed_letter_kinds(event_kinds={"reply_drafted"}, outcome=None, is_open=True)
    assert not REPLY_KINDS & set(allowed)


@pytest.mark.parametrize(
    ("short", "name", "prefix"),
    [
        ("勍香镇", "勍香镇人民政府", "勍香镇公开"),
        ("", "勍香镇人民政府", "勍香镇公开"),
        ("", "示例县教育局", "示例县教育局公开"),
    ],
)
def test_default_prefix_is_the_short_name_and_gongkai(short, name, prefix):
    assert default_prefix(short, name) == prefix


def test_letter_number_format():
    assert letter_number("勍香镇公开", 2026, 12) == "勍香镇公开〔2026〕12号"


@pytest.mark.parametrize(("prefix", "serial", "message"), [("", 1, "前缀不能为空"), ("勍香镇公开", 0, "正整数")])
def test_letter_number_refuses_bad_parts(prefix, serial, message):
    with pytest.raises(ValueError, match=message):
        letter_number(prefix, 2026, serial)


def test_chinese_date_has_no_leading_zeros():
    import datetime as dt

    assert chinese_date(dt.date(2026, 6, 1)) == "2026年6月1日" and chinese_date(None) == ""


@pytest.mark.parametrize(
    ("events", "is_open", "fee_waiting", "allowed"),
    [
        ({"fee_notice_sent"}, True, None, True),
        ({"fee_notice_sent"}, True, True, True),
        ({"fee_notice_sent", "fee_paid"}, True, None, False),  # paid
        ({"fee_notice_sent"}, True, False, False),  # lapsed: the case no longer waits for the fee
        ({"fee_notice_sent"}, False, None, False),  # concluded or withdrawn
        (set(), True, True, False),  # no notice recorded
    ],
)
def test_the_fee_notice_only_while_the_applicant_may_still_pay(events, is_open, fee_waiting, allowed):
    kinds = allowed_letter_kinds(event_kinds=events, outcome=None, is_open=is_open, fee_waiting=fee_waiting)
    assert (LetterKind.FEE_NOTICE in kinds) is allowed


@pytest.mark.parametrize(
    ("sent", "paid", "waiting", "reason"),
    [(False, False, True, "没有登记发出收费通知"), (True, True, False, "已缴纳"), (True, False, False, "逾期未缴费")],
)
def test_fee_notice_refusals_say_why(sent, paid, waiting, reason):
    assert reason in fee_notice_refusal(sent=sent, paid=paid, waiting=waiting)
    assert fee_notice_refusal(sent=True, paid=False, waiting=True) is None
