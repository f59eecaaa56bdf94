"""Standard directory files: columns by label (and variants), the time limit in working days, bad lines."""

from __future__ import annotations

import pytest

from xxgk.core.catalogue.directory import effective_limit, limit_days, parse_directory


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("信息形成或者变更之日起20个工作日内", 20),
        ("10 个工作日内", 10),
        ("１５个工作日", 15),
        ("实时", None),
        ("", None),
    ],
)
def test_time_limits_in_working_days(text: str, days: int | None) -> None:
    assert limit_days(text) == days


def test_lines_without_a_limit_get_the_statutory_20_days() -> None:
    assert effective_limit(None) == 20 and effective_limit(5) == 5


def test_columns_are_found_by_label_with_half_width_brackets_and_short_variants() -> None:
    headers = ["公开事项(一级)", "二级事项", "公开时限", "其他列"]
    records = [{"公开事项(一级)": "社会救助", "二级事项": "低保", "公开时限": "20个工作日内"}, {"其他列": ""}]
    result = parse_directory(headers, records)
    assert result.ok
    [row] = result.rows
    assert (row.values["matter_level1"], row.values["matter_level2"], row.time_limit_days) == ("社会救助", "低保", 20)


def test_a_file_without_the_first_level_column_or_with_an_empty_one_is_refused() -> None:
    assert parse_directory(["公开内容"], [{"公开内容": "x"}]).header_errors == ["缺少列：公开事项（一级）"]
    result = parse_directory(
        ["公开事项（一级）", "公开内容（要素）"], [{"公开事项（一级）": "", "公开内容（要素）": "x"}]
    )
    assert result.refused == [(2, ["公开事项（一级）不能为空"])]
