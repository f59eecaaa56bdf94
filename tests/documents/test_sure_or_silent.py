"""Sure or silent: a value is placed only where header, row width, official order and row agree.

The fixtures reproduce the two defects seen in real converter output: a Markdown converter printing a
five-label header (商业企业 … 其他) over rows of seven numbers, and label rows printed apart from their
value rows. Each reads exactly or leaves the doubtful cells unread — never shifted — and no rule fails
because of the reader.
"""

from __future__ import annotations

import json

from xxgk.cli import main
from xxgk.core.report.layout import T3_COLUMNS, T3_ROWS
from xxgk.core.report.rules import FAIL, NOT_ASSESSABLE, check
from xxgk.documents.read import read_bytes

COLUMNS = [k for k, _ in T3_COLUMNS]
HEAD = (
    "# 某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本局依法公开。\n\n三、收到和处理政府信息公开申请情况\n\n"
)
TAIL = "\n五、存在的主要问题及改进情况\n\n公开质量有待提高。\n\n六、其他需要报告的事项\n\n未收取信息处理费。\n"


def values() -> dict[str, list[int]]:
    rows = {r.key: [0] * 7 for r in T3_ROWS}
    rows["new_received"] = [5, 2, 1, 0, 0, 1, 9]
    rows["carried_over"] = [1, 0, 0, 0, 0, 0, 1]
    rows["granted"] = [3, 1, 1, 0, 0, 0, 5]
    rows["unavailable_not_held"] = [2, 1, 0, 0, 0, 1, 4]
    rows["total_processed"] = [5, 2, 1, 0, 0, 1, 9]
    rows["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]
    return rows


def _line(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def five_label_markdown() -> str:
    lines = [_line(["申请人情况", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]), _line(["---"] * 6)]
    lines += [_line([r.label, *values()[r.key]]) for r in T3_ROWS]
    return HEAD + "\n".join(lines) + "\n" + TAIL


def split_label_markdown(values_first: bool = False) -> str:
    header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    lines = [_line(header), _line(["---"] * 8)]
    for r in T3_ROWS:
        label, numbers = _line([r.label] + [""] * 7), _line(["", *values()[r.key]])
        lines += [numbers, label] if values_first else [label, numbers]
    return HEAD + "\n".join(lines) + "\n" + TAIL


def read(text: str, name: str = "r.md"):
    return read_bytes(text.encode("utf-8"), name)


def assert_exact(report) -> None:
    for key, row in values().items():
        assert [report.number(f"t3.{key}.{c}") for c in COLUMNS] == row, key


def assert_no_rule_fails_because_of_the_reader(report) -> None:
    results = check(report)
    failed = [r for r in results if r.status == FAIL and r.rule.startswith(("T3-", "T4-", "VALUE-"))]
    assert failed == [], [r.message for r in failed]


def test_a_five_label_header_over_seven_number_rows_reads_in_the_official_order():
    report = read(five_label_markdown())
    assert_exact(report)  # 自然人 is not lost and 总计 does not land in 其他
    assert any("表头印出 5 列" in n and "按规定的列序" in n for n in report.notes)
    assert_no_rule_fails_because_of_the_reader(report)
    results = check(report)
    assert all(r.status != NOT_ASSESSABLE for r in results if r.rule in ("T3-BALANCE", "T3-COLUMNS"))


def test_a_five_label_header_over_a_row_of_another_width_leaves_that_row_unread():
    text = five_label_markdown().replace(
        _line(["（一）予以公开", 3, 1, 1, 0, 0, 0, 5]), _line(["（一）予以公开", 3, 1, 1, 0, 0, 5])
    )
    report = read(text)
    for c in COLUMNS:
        assert f"t3.granted.{c}" not in report.cells
        assert "有 6 格数值" in report.unread[f"t3.granted.{c}"]
    assert report.number("t3.new_received.total") == 9  # the other rows still read
    assert_no_rule_fails_because_of_the_reader(report)
    (outcome,) = [
        r for r in check(report) if r.rule == "T3-OUTCOMES" and "t3.total_processed.natural_person" in r.cells
    ]
    assert outcome.status == NOT_ASSESSABLE and "未读取" in outcome.message


def test_label_rows_followed_by_their_value_rows_pair_up_exactly():
    report = read(split_label_markdown())
    assert_exact(report)
    assert any("印在行标签的下一行" in n for n in report.notes)
    assert_no_rule_fails_because_of_the_reader(report)


def test_value_rows_printed_before_their_labels_are_never_given_to_a_neighbouring_row():
    report = read(split_label_markdown(values_first=True))
    assert not any(a.startswith("t3.") for a in report.cells)  # nothing placed at a wrong address
    assert report.unread and all("无法确定" in why or "找不到" in why for why in report.unread.values())
    assert any("没有紧邻的行标签" in n for n in report.notes)
    assert_no_rule_fails_because_of_the_reader(report)


def test_reader_notes_and_unread_cells_are_in_check_output_and_json(tmp_path, capsys):
    path = tmp_path / "five.md"
    path.write_text(five_label_markdown().replace("| 3 | 1 | 1 | 0 | 0 | 0 | 5 |", "| 3 | 1 | 1 | 0 | 0 | 5 |"))
    main(["report", "check", str(path)])
    out = capsys.readouterr().out
    assert "读取说明：表三表头印出 5 列" in out and "7 格未读取" in out
    main(["report", "check", "--json", str(path)])
    (item,) = json.loads(capsys.readouterr().out)
    assert any("表头印出 5 列" in n for n in item["notes"])
    unread = {u["address"]: u["reason"] for u in item["unread"]}
    assert set(unread) == {f"t3.granted.{c}" for c in COLUMNS}
    outcome = next(r for r in item["results"] if r["rule"] == "T3-COLUMNS" and "t3.granted.total" in r["cells"])
    assert outcome["status"] == "not_assessable" and "unread" in outcome["provenance"]


def test_a_pdf_with_labels_printed_between_value_lines_never_gives_values_to_a_neighbouring_row():
    import pytest

    pytest.importorskip("weasyprint")
    from xxgk.documents.write_pdf import html_pdf

    css = (  # landscape and a wide label column: each label fits on one line
        "@page { size: A3 landscape; } body { font-family: 'Noto Serif CJK SC'; font-size: 11pt; }"
        " table { border-collapse: collapse; width: 100%; font-size: 9pt; }"
        " td { border: none; padding: 2pt 3pt; text-align: center; } td:first-child { width: 28em; }"
    )
    rows = []
    for r in T3_ROWS:  # each label on a line of its own, midway between the value lines around it (no ruling)
        rows.append(f"<tr><td style='text-align:left'>{r.label}</td>{'<td></td>' * 7}</tr>")
        rows.append("<tr><td></td>" + "".join(f"<td>{v}</td>" for v in values()[r.key]) + "</tr>")
    body = (
        "<p>某某局2023年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td>申请人情况</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
        "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>" + "".join(rows) + "</table>"
    )
    data = html_pdf(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    report = read_bytes(data, "r.pdf")
    truth = {f"t3.{key}.{c}": v for key, row in values().items() for c, v in zip(COLUMNS, row, strict=True)}
    placed = {a: c.number for a, c in report.cells.items() if a.startswith("t3.")}
    assert {a: v for a, v in placed.items() if v != truth[a]} == {}  # none at a wrong address
    assert_no_rule_fails_because_of_the_reader(report)


T4_HEADER = (
    "四、政府信息公开行政复议、行政诉讼情况\n\n| 行政复议 | | | | | 行政诉讼 |\n| --- | --- | --- | --- | --- | --- |\n"
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
)


def _with_t4(numbers: list[int]) -> str:
    row = "| " + " | ".join(str(n) for n in numbers) + " |\n"
    return five_label_markdown().replace("\n五、存在的主要问题", "\n" + T4_HEADER + row + "\n五、存在的主要问题")


def test_a_table_four_row_of_fifteen_values_reads_and_one_of_another_width_stays_unread():
    fifteen = [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]
    report = read(_with_t4(fifteen))
    assert [report.number(f"t4.review.{r}") for r in ("upheld", "corrected", "other", "pending", "total")] == [
        1, 1, 0, 0, 2
    ]  # fmt: skip
    report = read(_with_t4([9, *fifteen]))  # sixteen values: which fifteen is not sure
    assert report.has_t4 and not any(a.startswith("t4.") for a in report.cells)
    assert "有 16 格数值" in report.unread["t4.review.total"]
    assert any("表四数值行有 16 格" in n for n in report.notes)
    assert_no_rule_fails_because_of_the_reader(report)


def test_the_verdict_says_when_cells_were_left_unread(tmp_path, capsys):
    path = tmp_path / "five.md"
    path.write_text(five_label_markdown().replace("| 3 | 1 | 1 | 0 | 0 | 0 | 5 |", "| 3 | 1 | 1 | 0 | 0 | 5 |"))
    main(["report", "check", str(path)])
    verdict = [line for line in capsys.readouterr().out.splitlines() if "结论" in line]
    assert verdict and "另有 7 格读取存疑未读取" in verdict[0]
