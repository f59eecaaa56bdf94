"""The 21 outcomes: labels, articles, letter groups and what they demand."""

from __future__ import annotations

import pytest

from xxgk.core.cases.outcomes import OUTCOMES, LetterGroup, PriorStep, UnknownOutcome, outcome, outcome_by_label
from xxgk.core.report.layout import T3_OUTCOME_ROWS


def test_there_is_one_outcome_per_outcome_row_in_table_order():
    assert list(OUTCOMES) == list(T3_OUTCOME_ROWS)
    assert len(OUTCOMES) == 21


@pytest.mark.parametrize(
    ("key", "label", "article", "group"),
    [
        ("granted", "（一）予以公开", "第三十六条第（一）项", LetterGroup.GRANTED),
        (
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "第三十七条",
            LetterGroup.PARTIAL,
        ),
        ("withheld_third_party", "4.保护第三方合法权益", "第十五条", LetterGroup.WITHHELD),
        ("withheld_query_matter", "8.属于行政查询事项", "第三十六条第（七）项", LetterGroup.WITHHELD),
        ("unavailable_not_held", "1.本机关不掌握相关政府信息", "第三十六条第（四）项", LetterGroup.UNAVAILABLE),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作", "第三十八条", LetterGroup.UNAVAILABLE),
        ("not_processed_duplicate", "2.重复申请", "第三十六条第（六）项", LetterGroup.NOT_PROCESSED),
        ("not_processed_excessive", "4.无正当理由大量反复申请", "第三十五条", LetterGroup.NOT_PROCESSED),
        ("not_processed_petition", "1.信访举报投诉类申请", "第三十九条", LetterGroup.NOT_PROCESSED),
        (
            "other_no_supplement",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "第三十条",
            LetterGroup.ENDED,
        ),
        (
            "other_fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "109号",
            LetterGroup.ENDED,
        ),
    ],
)
def test_outcome_has_exact_label_article_and_letter_group(key, label, article, group):
    item = outcome(key)
    assert (item.label, item.group) == (label, group)
    assert article in item.basis


@pytest.mark.parametrize(
    ("key", "refusal"),
    [(k, True) for k in T3_OUTCOME_ROWS if k.startswith("withheld_")]
    + [("partially_granted", True), ("granted", False), ("unavailable_not_held", False), ("other_other", False)],
)
def test_refusals_are_withheld_and_partial_and_need_reasons_per_item(key, refusal):
    assert outcome(key).is_refusal is refusal
    assert outcome(key).needs_item_reasons is refusal


@pytest.mark.parametrize(
    ("key", "step"),
    [
        ("other_no_supplement", PriorStep.SUPPLEMENT_NOTICE),
        ("unavailable_unclear", PriorStep.SUPPLEMENT_NOTICE),
        ("other_fee_unpaid", PriorStep.FEE_NOTICE),
        ("granted", None),
        ("withheld_state_secret", None),
    ],
)
def test_prior_step(key, step):
    assert outcome(key).prior_step is step


def test_only_not_held_names_the_responsible_agency():
    assert [k for k, o in OUTCOMES.items() if o.names_other_agency] == ["unavailable_not_held"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("granted", "granted"),
        ("（一）予以公开", "granted"),
        ("(一)予以公开", "granted"),
        ('3.危及"三安全一稳定"', "withheld_security_stability"),
        (" 2.重复申请 ", "not_processed_duplicate"),
        ("3.其他", "other_other"),
        ("3.其他原因", "other_other"),
        ("2.申请人逾期未缴费", "other_fee_unpaid"),
        ("部分公开（区分处理）", "partially_granted"),
    ],
)
def test_lookup_by_key_label_or_variant(text, key):
    assert outcome_by_label(text).key == key


@pytest.mark.parametrize("text", ["", "予以公開了", "refused", "9.其他", "（六）其他处理", "大体公开"])
def test_unknown_outcome_is_refused_with_a_chinese_message(text):
    with pytest.raises(UnknownOutcome, match="未知的办理结果"):
        outcome_by_label(text)


def test_unknown_key_is_refused():
    with pytest.raises(UnknownOutcome):
        outcome("other_handling")


def test_every_outcome_has_statutory_wording_and_one_of_six_groups():
    from xxgk.core.cases.outcomes import PICKER_GROUPS, grouped_outcomes

    groups = grouped_outcomes()
    assert [g for g, _ in groups] == list(PICKER_GROUPS)
    keys = [key for _, choices in groups for key, _ in choices]
    assert sorted(keys) == sorted(OUTCOMES) and len(keys) == 21
    for item in OUTCOMES.values():
        assert item.wording and item.label not in item.wording and not item.wording[0].isdigit()
    assert [key for key, _ in dict(groups)["其他处理"]] == ["other_no_supplement", "other_fee_unpaid", "other_other"]
