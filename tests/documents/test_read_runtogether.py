"""Run-together text: rows whose cells lost their separators are decoded only when the split is unique."""

from __future__ import annotations

import time

from xxgk.core.report.layout import T2_BLOCKS, T3_ROWS
from xxgk.core.report.model import DECODED
from xxgk.core.report.rules import ERROR, FAIL, NOT_ASSESSABLE, check
from xxgk.documents.decode_digits import MAX_SPLITS, splits, tokens_of
from xxgk.documents.read import read_bytes
from xxgk.documents.read_runtogether import is_run_together, strip_page_furniture

HEADER = (
    "标题: 某某镇2023年政府信息公开工作年度报告\n发布时间: 2024-01-20 10:00\n"
    "原文链接: https://example.gov.cn/a.htm\n==================== 正文 ====================\n"
)


def _t3_values() -> dict[str, list[int]]:
    rows = {r.key: [0] * 7 for r in T3_ROWS}
    rows["new_received"] = [80, 1, 0, 0, 0, 0, 81]
    rows["carried_over"] = [2, 0, 0, 0, 0, 0, 2]
    rows["granted"] = [22, 0, 0, 0, 0, 0, 22]
    rows["partially_granted"] = [19, 1, 0, 0, 0, 0, 20]
    rows["unavailable_not_held"] = [39, 0, 0, 0, 0, 0, 39]
    rows["total_processed"] = [80, 1, 0, 0, 0, 0, 81]
    rows["carried_forward"] = [2, 0, 0, 0, 0, 0, 2]
    return rows


def run_together(t3: dict[str, list[int]] | None = None, t4: str = "110024001510102", t2: str = "000") -> str:
    t3 = t3 or _t3_values()
    body = ["本报告依据条例编制。一、总体情况本镇依法公开政府信息。二、主动公开政府信息情况"]
    body.append("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章" + t2 + "行政规范性文件5210")
    body.append("第二十条第（五）项信息内容本年处理决定数量行政许可2629")
    body.append(
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    body.append("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
    group = None
    for row in T3_ROWS:
        if row.group and row.group != group and row.group != "三、本年度办理结果":
            body.append(row.group)
        group = row.group
        body.append(row.label + "".join(str(v) for v in t3[row.key]))
    body.append("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计")
    body.append("未经复议直接起诉复议后起诉" + "结果维持结果纠正其他结果尚未审结总计" * 2 + t4)
    body.append("五、存在的主要问题及改进情况公开质量有待提高。六、其他需要报告的事项本年度未收取信息处理费。")
    return HEADER + "".join(body) + "\n首页 > 政务公开 > 年度报告\n"


def read(text: str):
    return read_bytes(text.encode("utf-8"), "report.txt")


def test_splits_need_the_cell_count_no_leading_zeros_and_decimals_only_where_allowed():
    found = splits(["801000081"], 7)
    assert found is not None and ("80", "1", "0", "0", "0", "0", "81") in found
    assert all(not (v.startswith("0") and len(v) > 1) for split in found for v in split)
    assert splits(["0000000"], 7) == [("0",) * 7]
    assert splits(["9116.36"], 1, [True]) == [("9116.36",)]
    assert splits(["9116.36"], 1, [False]) == []
    # A space is a cell boundary: "230 000023" splits three ways, of which only one balances its 总计.
    assert set(splits(["230", "000023"], 7) or []) == {
        ("23", "0", "0", "0", "0", "0", "23"),
        ("2", "30", "0", "0", "0", "0", "23"),
        ("230", "0", "0", "0", "0", "2", "3"),
    }
    assert tokens_of(" 0 1 1 0 2 ") == ["0", "1", "1", "0", "2"]


def test_decoding_is_bounded_and_gives_up_instead_of_running_long():
    started = time.perf_counter()
    assert splits(["1234567891234567891234567"], 7) is None  # more than MAX_SPLITS candidates
    assert time.perf_counter() - started < 5 and MAX_SPLITS >= 1000


def test_a_run_together_report_is_read_with_each_row_decoded_uniquely():
    text = run_together()
    assert is_run_together(strip_page_furniture(text))
    report = read(text)
    assert (report.unit, report.year) == ("某某镇", 2023)
    for key, values in _t3_values().items():
        cols = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
        for col, value in zip(cols, values, strict=True):
            assert report.number(f"t3.{key}.{col}") == value, (key, col)
    assert [report.number(f"t4.review.{r}") for r in ("upheld", "corrected", "other", "pending", "total")] == [
        1, 1, 0, 0, 2
    ]  # fmt: skip
    assert report.cells["t3.new_received.total"].provenance == DECODED
    assert report.number("t2.licensing.decisions") == 2629
    assert [report.number(f"t2.regulations.{c}") for c, _ in T2_BLOCKS[0].columns] == [0, 0, 0]
    results = check(report)
    assert not [r for r in results if r.status == FAIL and r.severity == ERROR]
    # The row 801000081 needs the 总计 = sum constraint; its T3-COLUMNS result says it is not independent.
    (row,) = [r for r in results if r.rule == "T3-COLUMNS" and "t3.new_received.total" in r.cells]
    assert "不是独立核对" in row.message
    assert any("仍独立核对" in note for note in report.notes)
    # The crawler header is not text of the report; the navigation line is dropped.
    assert "原文链接" not in report.sections["overview"].text and "首页" not in report.sections["other"].text


def test_an_ambiguous_row_is_left_unread_and_no_rule_fails_because_of_it():
    report = read(run_together())
    # 行政规范性文件 5210: 5|2|10, 5|21|0, 52|1|0 — table 二 has no identity to tell them apart.
    for col in ("issued", "repealed", "in_force"):
        address = f"t2.normative_documents.{col}"
        assert address not in report.cells and "有多种拆法" in report.unread[address]


def test_a_misprinted_total_still_fails_when_the_split_did_not_use_that_rule():
    t3 = _t3_values()
    t3["granted"] = [2, 2, 0, 0, 0, 0, 5]  # 2220000 5: seven digits for seven cells, the total is wrong
    t3["total_processed"] = [60, 3, 0, 0, 0, 0, 63]
    report = read(run_together(t3))
    assert [report.number(f"t3.granted.{c}") for c in ("natural_person", "commercial", "total")] == [2, 2, 5]
    results = check(report)
    (row,) = [r for r in results if r.rule == "T3-COLUMNS" and "t3.granted.total" in r.cells]
    assert row.status == FAIL and "不是独立核对" not in row.message


def test_a_row_that_no_split_can_balance_is_unread_not_failed():
    t3 = _t3_values()
    t3["new_received"] = [80, 1, 0, 0, 0, 0, 99]  # 80100009 9: no split gives 总计 = sum
    report = read(run_together(t3))
    assert "t3.new_received.total" in report.unread
    results = check(report)
    involved = [r for r in results if "t3.new_received.total" in r.cells]
    assert involved and all(r.status == NOT_ASSESSABLE for r in involved)


def test_table_four_with_spaces_between_some_cells_reads_like_separated_cells():
    report = read(run_together(t4="0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"))
    assert report.number("t4.review.total") == 2 and report.number("t4.litigation_direct.total") == 1
    assert report.cells["t4.review.total"].provenance == "read"


def test_crawler_headers_before_ordinary_text_are_dropped_too():
    text = HEADER + "某某镇2023年政府信息公开工作年度报告\n一、总体情况\n本镇依法公开。\n"
    stripped = strip_page_furniture(text)
    assert "原文链接" not in stripped and "发布时间" not in stripped
    assert stripped.splitlines()[0] == "某某镇2023年政府信息公开工作年度报告"
    assert len(stripped.splitlines()) == len(text.splitlines())  # line numbers are kept


def test_table_four_digits_that_cannot_make_fifteen_cells_are_unread_but_the_table_is_there():
    report = read(run_together(t4="11002400151010"))  # 14 digits for 15 cells
    assert report.has_t4 and "t4.review.total" in report.unread
    groups = [r for r in check(report) if r.rule == "T4-GROUP"]
    assert len(groups) == 3 and all(r.status == NOT_ASSESSABLE and "未读取" in r.message for r in groups)


def test_counts_stated_in_the_narrative_decide_a_table_two_row_they_agree_with():
    text = run_together().replace(
        "本镇依法公开政府信息。", "本镇依法公开政府信息，现行有效行政规范性文件10件，本年度制发的规范性文件5件。"
    )
    report = read(text)
    assert [report.number(f"t2.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [5, 2, 10]
    assert any("正文所述的件数" in n for n in report.notes)
    # A stated count that no split agrees with decides nothing: the row stays unread.
    report = read(run_together().replace("本镇依法公开政府信息。", "现行有效行政规范性文件393件。"))
    assert "t2.normative_documents.in_force" in report.unread
