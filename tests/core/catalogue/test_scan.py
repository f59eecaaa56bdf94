"""The pre-publication scan finds personal data and markings, with their place, and leaves ordinary text alone."""

from __future__ import annotations

import pytest

from xxgk.core.catalogue.scan import FindingKind, TextPart, id_number_valid, luhn_valid, mask, scan_parts, scan_text

VALID_ID = "11010519491231002X"  # GB 11643 example with a correct check character


def test_a_checksum_valid_identity_number_is_found_with_its_line() -> None:
    findings = scan_text(f"第一行\n申请人身份证号{VALID_ID}。", "正文")
    assert [(f.kind, f.text, f.place) for f in findings] == [(FindingKind.ID_NUMBER, VALID_ID, "正文第2行")]


@pytest.mark.parametrize(
    "number",
    ["110105194912310021", "110105194913310020", "11010519491231002"],
    ids=["wrong check character", "no such month", "17 digits"],
)
def test_numbers_that_are_not_identity_numbers_are_not_reported_as_such(number: str) -> None:
    assert not any(f.kind is FindingKind.ID_NUMBER for f in scan_text(number))


def test_id_checksum() -> None:
    assert id_number_valid(VALID_ID)
    assert id_number_valid(VALID_ID.lower())
    assert not id_number_valid("11010519491231002Y")


@pytest.mark.parametrize("text", ["13812345678", "138-1234-5678", "+86 138 1234 5678", "电话：19912345678。"])
def test_mobile_numbers_in_the_usual_spellings(text: str) -> None:
    assert [f.kind for f in scan_text(text)] == [FindingKind.MOBILE]


def test_a_landline_or_a_document_number_is_not_a_mobile() -> None:
    assert scan_text("办公电话：0371-12345678，文号：县政办〔2024〕12号，邮编453000。") == []


def test_bank_cards_need_the_luhn_check() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert [f.kind for f in scan_text("账号 6222 0212 3456 7890 128")] == [FindingKind.BANK_CARD]
    assert scan_text("账号 6222 0212 3456 7890 129") == []


def test_email_addresses() -> None:
    findings = scan_text("请发送至 zhang.san@example.gov.cn 。")
    assert [(f.kind, f.masked) for f in findings] == [(FindingKind.EMAIL, "z***@example.gov.cn")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("机密★", "机密★"),
        ("秘密★1年", "秘密★1年"),
        ("绝密 ★", "绝密 ★"),
        ("绝密", "绝密"),
        ("【机密】", "机密"),
        ("（征求意见稿）", "征求意见稿"),
        ("内部资料 注意保存", "内部资料"),
        ("仅限内部使用", "内部使用"),
    ],
)
def test_secrecy_and_internal_markings(text: str, found: str) -> None:
    assert [(f.kind, f.text) for f in scan_text(text)] == [(FindingKind.MARKING, found)]


def test_secrecy_words_inside_a_sentence_are_not_markings() -> None:
    assert scan_text("公开前应审查是否涉及国家秘密、商业秘密和个人隐私。") == []


def test_an_ordinary_notice_has_no_findings() -> None:
    text = (
        "关于做好2024年春季森林防火工作的通知\n各村（社区）：\n"
        "为切实做好森林防火工作，现将有关事项通知如下。\n咨询电话：0371-6312345。"
    )
    assert scan_text(text) == []


def test_places_name_the_part_and_line() -> None:
    parts = [TextPart("正文", "无"), TextPart("附件“名单.pdf”第2页", f"甲\n乙 {VALID_ID}")]
    assert [f.place for f in scan_parts(parts)] == ["附件“名单.pdf”第2页第2行"]


def test_masking_hides_the_middle() -> None:
    assert mask(VALID_ID) == "110***********002X"
    assert mask("138-1234-5678") == "138****5678"
