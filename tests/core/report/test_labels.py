"""Label normalisation and matching (spec annual-report.md §7)."""

from __future__ import annotations

import pytest

from xxgk.core.report.labels import (
    SECTION_LABELS,
    T2_COLUMN_LABELS,
    T2_ROW_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_LABELS,
    T4_RESULT_LABELS,
    normalise,
    split_numbering,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("1．属于 国家秘密", "1.属于国家秘密"),
        ("(一)予以公开", "(一)予以公开"),
        ("（一）予以公开", "(一)予以公开"),
        ("3.危及“三安全一稳定”", "3.危及三安全一稳定"),
        ('3.危及"三安全一稳定"', "3.危及三安全一稳定"),
        ("一、总体情况", "一、总体"),
        ("一.总体情况", "一、总体"),
        ("商业\n企业", "商业企业"),
        ("\u00a0总\u3000计 ", "总计"),
        ("１．重复申请", "1.重复申请"),
    ],
)
def test_normalise_folds_printing_differences(printed: str, expected: str) -> None:
    assert normalise(printed) == expected


def test_split_numbering_separates_number_and_body() -> None:
    assert split_numbering("(三)不予公开") == ("(三)", "不予公开")
    assert split_numbering("12.35") == ("", "12.35")


@pytest.mark.parametrize(
    ("labels", "printed", "key", "status"),
    [
        (T3_ROW_LABELS, "1.属于国家秘密", "withheld_state_secret", "exact"),
        (T3_ROW_LABELS, "1、属于国家秘密", "withheld_state_secret", "variant"),
        (T3_ROW_LABELS, "属于国家秘密", "withheld_state_secret", "variant"),
        (T3_ROW_LABELS, '3.危及"三安全一稳定"', "withheld_security_stability", "variant"),
        (T3_ROW_LABELS, "（二）部分公开", "partially_granted", "variant"),
        (T3_ROW_LABELS, "部分公开（区分处理）", "partially_granted", "variant"),
        (T3_ROW_LABELS, "二、上年结转政府信息公开申请数量情况", "carried_over", "variant"),
        (T3_ROW_LABELS, "2.申请人逾期未缴费…", "other_fee_unpaid", "variant"),
        (
            T3_ROW_LABELS,
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "other_no_supplement",
            "variant",
        ),
        (T3_ROW_LABELS, "3.其他原因", "other_other", "variant"),
        (T3_ROW_LABELS, "1.属于国家秘", "withheld_state_secret", "misspelled"),
        (T3_ROW_LABELS, "5.要求行政机关确认或重新出具已获信息", "not_processed_confirmation", "misspelled"),
        (T3_ROW_LABELS, "（六）其他处理", "other_handling", "other_format"),
        (T3_COLUMN_LABELS, "合计", "total", "variant"),
        (T3_COLUMN_LABELS, "企业", "commercial", "variant"),
        (T3_COLUMN_LABELS, "公益组织", "social_welfare", "variant"),
        (T3_COLUMN_LABELS, "社会组织", "social_welfare", "variant"),
        (T3_COLUMN_LABELS, "法律服务\n机构", "legal_services", "exact"),
        (T4_RESULT_LABELS, "维持", "upheld", "variant"),
        (T4_RESULT_LABELS, "结果\n纠正", "corrected", "exact"),
        (T2_ROW_LABELS, "规范性文件", "normative_documents", "variant"),
        (T2_ROW_LABELS, "政府集中采购", "procurement", "other_format"),
        (T2_COLUMN_LABELS, "本年制定", "issued", "variant"),
        (T2_COLUMN_LABELS, "本年有效", "in_force", "variant"),
        (T2_COLUMN_LABELS, "本年新制作数量", "made", "other_format"),
        (SECTION_LABELS, "一、总体情况", "overview", "exact"),
        (SECTION_LABELS, "总体情况", "overview", "misspelled"),
        (SECTION_LABELS, "六、其他需要报告事项", "other", "misspelled"),
        (SECTION_LABELS, "五、政府信息公开工作存在的主要问题及改进情况", "problems", "other_format"),
    ],
)
def test_match_finds_key_and_status(labels, printed: str, key: str, status: str) -> None:
    match = labels.match(printed)
    assert match is not None
    assert (match.key, match.status) == (key, status)


def test_2019_labels_are_exact_when_the_2019_format_is_expected() -> None:
    match = T3_ROW_LABELS.match("（六）其他处理", "2019")
    assert match is not None and match.status == "exact"
    match = T3_ROW_LABELS.match("3.其他", "2019")
    assert match is not None and match.status == "other_format"


@pytest.mark.parametrize(
    ("labels", "printed"),
    [
        (T3_ROW_LABELS, "三、本年度办理结果"),  # a group cell, not a value row
        (T3_ROW_LABELS, "0"),
        (T3_ROW_LABELS, "申请人情况"),
        (T3_COLUMN_LABELS, "法人或其他组织"),
        (T2_ROW_LABELS, "信息内容"),
        (T2_ROW_LABELS, "规定"),  # too short to match by similarity
        (SECTION_LABELS, "（二）主动公开"),
        (SECTION_LABELS, "2022年，本机关认真贯彻落实条例"),
    ],
)
def test_match_rejects_unrelated_text(labels, printed: str) -> None:
    assert labels.match(printed) is None
