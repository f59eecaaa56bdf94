"""The rows of a catalogue file and of a figures file: what is accepted and what is refused, by line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xxgk.core.catalogue.figures import parse_fee, parse_figures
from xxgk.core.catalogue.rows import HEADERS, parse_item, parse_rows


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("第二十条第（一）项", "20.1"),
        ("（五）", "20.5"),
        ("(十二)", "20.12"),
        ("十五", "20.15"),
        ("8", "20.8"),
        ("20.3", "20.3"),
        ("第二十一条", "21.town"),
        ("第二十一条（县级）", "21.county"),
        ("其他", "other"),
        ("（十六）", None),
        ("第三条", None),
    ],
)
def test_items_in_the_spellings_people_use(text: str, key: str | None) -> None:
    assert parse_item(text) == key


def test_a_valid_row_and_its_defaults() -> None:
    result = parse_rows(HEADERS, [{"名称": "某通知", "生成日期": dt.datetime(2024, 1, 2), "发布日期": "2024-01-05"}])
    assert result.ok
    row = result.rows[0]
    assert (row.kind, row.item, row.theme, row.genre, row.validity) == ("其他", "other", "综合政务", "其他", "有效")
    assert row.formed_on == dt.date(2024, 1, 2)


def test_normative_documents_need_an_effective_date_and_a_consistent_repeal() -> None:
    records = [
        {"名称": "甲", "生成日期": "2024-01-02", "类型": "行政规范性文件"},
        {"名称": "乙", "生成日期": "2024-01-02", "类型": "规章", "生效日期": "2024-02-01", "有效性": "废止"},
        {"名称": "丙", "生成日期": "2024-01-02", "类型": "规章", "生效日期": "2024-02-01", "废止日期": "2024-01-01"},
        {"名称": "丁", "生成日期": "2024-01-02", "发布日期": "2023-12-31"},
        {"名称": "", "生成日期": ""},
        {"名称": "戊", "生成日期": "2024-01-02", "主题分类": "体育", "体裁分类": "便函", "第二十条项": "十六"},
    ]
    result = parse_rows(HEADERS, records)
    assert not result.ok
    reasons = dict(result.refused)
    assert reasons[2] == ["行政规范性文件须填写生效日期（用于表二“本年制发件数”）"]
    assert reasons[3] == ["有效性为废止时须填写废止日期"]
    assert reasons[4] == ["废止日期早于生效日期"] or "废止日期早于生效日期" in reasons[4]
    assert reasons[5] == ["发布日期早于生成日期"]
    assert 6 not in reasons  # a blank record is skipped
    assert reasons[7] == [
        "第二十条项“十六”无法识别（例如：第二十条第（一）项、（五）、第二十一条、其他）",
        "主题分类“体育”不在主题分类表中",
        "体裁分类“便函”不在体裁分类表中",
    ]


def test_too_many_rows_are_refused_before_reading_them() -> None:
    result = parse_rows(HEADERS, [{"名称": "x"}] * 20_001)
    assert result.header_errors == ["一次最多导入20000行，文件有20001行"]


@pytest.mark.parametrize(
    ("text", "amount", "error"),
    [
        ("12.35", Decimal("12.35"), None),
        ("１２．５", Decimal("12.5"), None),
        ("3万元", Decimal(3), None),
        ("", Decimal(0), None),
        ("-1", None, "应为不小于0的金额（万元）"),
        ("1.23456", None, "最多保留四位小数"),
        ("NaN", None, "应为不小于0的金额"),
    ],
)
def test_fee_amounts(text: str, amount: Decimal | None, error: str | None) -> None:
    value, message = parse_fee(text)
    assert value == amount
    assert (message is None) if error is None else (error in (message or ""))


def test_figures_need_a_known_unit_and_one_row_per_year() -> None:
    headers = ["单位", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "数据来源"]
    records = [
        {"单位": "甲镇", "年度": "2024", "行政许可": "3", "行政处罚": "", "行政强制": "0", "行政事业性收费": "1.5"},
        {"单位": "甲镇", "年度": "2024年", "行政许可": "1", "数据来源": "执法平台"},
        {"单位": "乙镇", "年度": "24", "行政许可": "1.5"},
    ]
    result = parse_figures(headers, records, units={"甲镇"}, source="导入文件 a.csv")
    assert result.rows[0].punishment == 0 and result.rows[0].source == "导入文件 a.csv"
    assert dict(result.refused) == {
        3: ["与第2行重复（同一单位同一年度只能有一行）"],
        4: ["找不到单位“乙镇”（请使用单位全称）", "年度“24”应为四位年份", "行政许可“1.5”应为不小于0的整数"],
    }
