"""The case ledger (台账): headers, rows, refusals and flags (applications.md §10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from xxgk.core.cases.ledger import (
    FLAG_LATE,
    FLAG_LONG_EXTENSION,
    FLAG_LONG_OPEN,
    HEADERS,
    check_headers,
    parse_ledger,
    parse_row,
    row_to_record,
)

TODAY = date(2026, 11, 28)


def rec(**overrides: str) -> dict[str, str]:
    """A good closed row, with changes by header."""
    base = dict.fromkeys(HEADERS, "")
    base.update(
        {
            "编号": "2026-0001",
            "收到日期": "2026-06-01",
            "申请方式": "网络",
            "申请人类型": "自然人",
            "申请人": "张三",
            "申请内容": "某路段拆迁补偿方案",
            "办结日期": "2026-06-20",
            "办理结果": "（一）予以公开",
        }
    )
    base.update(overrides)
    return base


def test_a_good_row_parses_into_project_vocabulary(cal):
    result = parse_row(
        rec(收费通知日期="2026-06-03", 缴费日期="2026-06-05", 收费金额="200"), line=2, calendar=cal, today=TODAY
    )
    assert result.errors == ()
    row = result.row
    assert (row.channel, row.applicant_type, row.outcome) == ("online", "natural_person", "granted")
    assert row.fee_amount == Decimal(200)
    assert result.flags == ()


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"编号": ""}, "编号为空"),
        ({"收到日期": ""}, "收到日期为空"),
        ({"收到日期": "2026/06/01"}, "不是有效日期"),
        ({"收到日期": "2026-02-30"}, "不是有效日期"),
        ({"办结日期": "2026-05-30"}, "早于收到日期"),
        ({"补正告知日期": "2026-06-05", "补正收到日期": "2026-06-03"}, "补正收到日期（2026-06-03）早于补正告知日期"),
        ({"征求意见答复日期": "2026-06-10"}, "有征求意见答复日期却没有征求意见发出日期"),
        ({"缴费日期": "2026-06-10"}, "却没有收费通知日期"),
        ({"收费金额": "100"}, "有收费金额却没有收费通知日期"),
        ({"收费通知日期": "2026-06-03", "收费金额": "一百"}, "不是有效金额"),
        ({"征求意见发出日期": "2026-06-25"}, "办结日期（2026-06-20）早于征求意见发出日期"),
        ({"收到日期": "2026-12-01", "办结日期": "", "办理结果": ""}, "晚于今天"),
        ({"申请方式": "微信"}, "未知的申请方式"),
        ({"申请人类型": "个人"}, "未知的申请人类型"),
        ({"办理结果": "大体公开"}, "未知的办理结果"),
        ({"办理结果": ""}, "须同时填写"),
        ({"办结日期": ""}, "须同时填写"),
        ({"延期工作日": "三天"}, "不是正整数"),
        ({"办理结果": "other_fee_unpaid"}, "需要收费通知"),
        ({"办理结果": "unavailable_unclear"}, "需要补正告知"),
        ({"办理结果": "other_no_supplement"}, "需要补正告知"),
        (
            {"补正告知日期": "2026-06-02", "补正收到日期": "2026-06-04", "办理结果": "other_no_supplement"},
            "已收到补正材料",
        ),
        ({"收费通知日期": "2026-06-02", "缴费日期": "2026-06-04", "办理结果": "other_fee_unpaid"}, "已有缴费日期"),
    ],
)
def test_rows_that_cannot_be_true_are_refused_with_a_reason(cal, overrides, reason):
    result = parse_row(rec(**overrides), line=7, calendar=cal, today=TODAY)
    assert result.row is None
    assert any(reason in e for e in result.errors), result.errors


@pytest.mark.parametrize(
    ("overrides", "flags"),
    [
        ({}, ()),
        ({"办结日期": "2026-06-30"}, ()),  # due 2026-06-30: on time
        ({"办结日期": "2026-07-01"}, (FLAG_LATE,)),
        ({"征求意见发出日期": "2026-06-05", "征求意见答复日期": "2026-06-19", "办结日期": "2026-07-13"}, ()),
        ({"办结日期": "", "办理结果": ""}, (FLAG_LONG_OPEN,)),
        ({"收到日期": "2026-11-20", "办结日期": "", "办理结果": ""}, ()),
        ({"延期工作日": "25", "办结日期": "2026-07-01"}, (FLAG_LONG_EXTENSION,)),
    ],
)
def test_late_and_long_open_rows_are_accepted_and_flagged(cal, overrides, flags):
    result = parse_row(rec(**overrides), line=2, calendar=cal, today=TODAY)
    assert result.errors == ()
    assert result.flags == flags


@pytest.mark.parametrize(
    ("outcome", "extra"),
    [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", {"补正告知日期": "2026-06-03"}),
        ("unavailable_unclear", {"补正告知日期": "2026-06-03", "补正收到日期": "2026-06-08"}),
        ("other_fee_unpaid", {"收费通知日期": "2026-06-03", "办结日期": "2026-07-03"}),
    ],
)
def test_outcomes_with_their_prior_step_are_accepted(cal, outcome, extra):
    assert parse_row(rec(办理结果=outcome, **extra), line=2, calendar=cal, today=TODAY).errors == ()


@pytest.mark.parametrize(
    ("channel", "concluded", "refused"),
    [
        # notice 2026-06-03 received the same day online: pay by 2026-07-02 (20 working days, 端午 6-19 skipped)
        ("网络", "2026-06-05", True),
        ("网络", "2026-07-02", True),
        ("网络", "2026-07-03", False),
        # by post, received 5 working days later (applications.md §2): pay by 2026-07-09
        ("信函", "2026-07-03", True),
        ("信函", "2026-07-09", True),
        ("信函", "2026-07-10", False),
    ],
)
def test_fee_unpaid_is_refused_until_the_payment_limit_has_passed(cal, channel, concluded, refused):
    row = rec(申请方式=channel, 收费通知日期="2026-06-03", 办结日期=concluded, 办理结果="other_fee_unpaid")
    errors = parse_row(row, line=4, calendar=cal, today=TODAY).errors
    assert bool(errors) is refused
    if refused:
        assert errors == (
            f"办结日期（{concluded}）未晚于缴费期限（{'2026-07-02' if channel == '网络' else '2026-07-09'}，"
            "收到收费通知次日起第20个工作日），不能以“逾期未缴费”办结",
        )


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (list(HEADERS)[:-1], "缺少列：办理结果"),
        ([*HEADERS, "备注"], "无法识别的列：备注"),
        ([*HEADERS, "编号"], "重复的列：编号"),
    ],
)
def test_wrong_headers_are_refused(headers, message):
    assert message in " ".join(check_headers(headers))


def test_headers_in_any_order_with_a_bom_are_accepted():
    assert check_headers(["\ufeff" + HEADERS[0], *reversed(HEADERS[1:])]) == []


def test_ledger_names_every_refused_line_and_duplicate_numbers(cal):
    records = [rec(), {h: "" for h in HEADERS}, rec(编号="2026-0002", 申请人类型="个人"), rec()]
    result = parse_ledger(records, headers=HEADERS, calendar=cal, today=TODAY)
    assert not result.ok
    assert [(r.line, r.errors[0][:6]) for r in result.refused] == [(4, "未知的申请人"), (5, "编号“202")]


def test_a_good_ledger_is_ok(cal):
    records = [rec(), rec(编号="2026-0002", 办结日期="", 办理结果="")]
    result = parse_ledger(records, headers=HEADERS, calendar=cal, today=TODAY)
    assert result.ok and len(result.rows) == 2


def test_export_record_round_trips_and_masks_the_name(cal):
    row = parse_row(rec(延期工作日="5", 办理结果="granted"), line=2, calendar=cal, today=TODAY).row
    masked = row_to_record(row)
    assert masked["申请人"] == "张*"
    assert masked["办理结果"] == "（一）予以公开"
    again = parse_row(row_to_record(row, mask=False), line=2, calendar=cal, today=TODAY).row
    assert again == row
