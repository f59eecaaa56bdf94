"""Quirks of real published annual reports, reproduced with synthetic fixtures (spec annual-report.md §5–§7).

Each fixture here is written by hand to reproduce one layout quirk seen in
real reports (PDF text extractions, converter Markdown, saved web pages); no
published report is copied. A test names the quirk and checks the cells,
title, unit and year the reader must find.
"""

from __future__ import annotations

import pytest

from xxgk.core.report.layout import T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS
from xxgk.core.report.model import Report
from xxgk.documents.read import read_string
from xxgk.documents.read_markdown import read_markdown
from xxgk.documents.stream import Paragraph

T3_KEYS = [k for k, _ in T3_COLUMNS]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T4_ADDRESSES = [f"t4.{g}.{r}" for g, _ in T4_GROUPS for r, _ in T4_RESULTS]
T4_VALUES = [3, 1, 2, 0, 6, 1, 0, 0, 1, 2, 0, 0, 1, 0, 1]
SECTIONS_TEXT = "五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"


def t3_values(row_index: int) -> list[int]:
    """Distinct, recognisable values for one table 三 row: six applicant columns and their total."""
    values = [row_index * 10 + c for c in range(6)]
    return [*values, sum(values)]


def md_row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def md_t3(rows: list[tuple[str, list[int]]]) -> str:
    """A Markdown table 三 (one label column, seven value columns) for the given rows."""
    lines = [
        md_row([T3_NOTE, *[k for _, k in T3_COLUMNS]]),
        "|" + "---|" * 8,
    ]
    lines += [md_row([label, *values]) for label, values in rows]
    return "\n".join(lines)


def md_t4() -> str:
    return "\n".join([md_row(T4_VALUES), "|" + "---|" * 15])


def cells(report: Report, prefix: str) -> dict[str, str]:
    return {a: c.value for a, c in report.cells.items() if a.startswith(prefix)}


# --- Markdown from converters: numbered headings without '#' and without a blank line ----------------------

CONVERTER_MD = f"""宿城区2025年政府信息公开工作年度报告

一、总体情况
2025年，本区持续推进政务公开工作。
（一）主动公开
全年主动公开信息120条。
三、收到和处理政府信息公开申请情况
{md_t3([(T3_ROWS[0].label, t3_values(1))])}

四、政府信息公开行政复议、行政诉讼情况
行政复议行政诉讼
{md_t4()}

{SECTIONS_TEXT}"""


def test_markdown_numbered_heading_lines_stand_alone() -> None:
    paragraphs = [i.text for i in read_markdown(CONVERTER_MD).items if isinstance(i, Paragraph)]
    assert "一、总体情况" in paragraphs
    assert "（一）主动公开" in paragraphs
    assert "四、政府信息公开行政复议、行政诉讼情况" in paragraphs
    assert "2025年，本区持续推进政务公开工作。" in paragraphs


def test_markdown_headings_without_blank_line_give_sections_and_table_four() -> None:
    report = read_string(CONVERTER_MD, "r.md")
    assert list(report.sections) == ["overview", "table3", "table4", "problems", "other"]
    assert report.sections["overview"].text.startswith("2025年，本区")
    assert cells(report, "t4.") == dict(zip(T4_ADDRESSES, map(str, T4_VALUES), strict=True))
    assert cells(report, "t3.new_received") == {
        f"t3.new_received.{k}": str(v) for k, v in zip(T3_KEYS, t3_values(1), strict=True)
    }


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("一、总体情况", True),
        ("（二）依申请公开", True),
        ("(三)政府信息管理", True),
        ("四.政府信息公开行政复议、行政诉讼情况", True),
        ("一、坚持以人民为中心，", False),  # a wrapped sentence continues on the next line
        ("（一）主动公开。全年主动公开信息120条。", False),  # running text that starts with a numbering
        ("本年度，本机关认真贯彻", False),
        ("一是政务公开数智化转型有待进一步加强，需要在今后的工作中持续改进并加大投入力度加以解决", False),
    ],
)
def test_markdown_which_lines_are_headings(line: str, alone: bool) -> None:
    paragraphs = [i.text for i in read_markdown(f"开头一行\n{line}\n结尾一行\n").items]
    assert (line in paragraphs) is alone


# --- titles: page furniture, titles broken over two lines, titles that start a joined paragraph -------------


@pytest.mark.parametrize(
    ("source", "unit", "year"),
    [
        # PDF/web text: page furniture (正文) on the line before the title, joined by Markdown into one paragraph
        ("正文\n宿城区 2025 年政府信息公开工作年度报告\n\n一、总体情况\n", "宿城区", 2025),
        ("【字体：大 中 小】\n宿城区2024年度政府信息公开工作年度报告\n\n一、总体情况\n", "宿城区", 2024),
        # a title broken over two lines, and running text right after it (no blank line)
        (
            "正文\n2025 年上海市某区人民政府某街道政府信息\n公开工作年度报告\n2025 年，某街道认真贯彻落实《条例》。\n\n"
            "一、总体情况\n",
            "上海市某区人民政府某街道",
            2025,
        ),
    ],
)
def test_markdown_title_after_page_furniture(source: str, unit: str, year: int) -> None:
    report = read_string(source + md_t3([(T3_ROWS[0].label, t3_values(1))]) + "\n", "r.md")
    assert (report.unit, report.year) == (unit, year)
    assert report.title is not None and report.title.endswith("政府信息公开工作年度报告")
    assert "正文" not in report.title and "字体" not in report.title


def test_plain_text_title_broken_over_two_lines() -> None:
    text = "2023年某县人民政府某镇政府信息\n公开工作年度报告\n\n一、总体情况\n2023年，某镇……\n"
    report = read_string(text + "\t一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n", "r.txt")
    assert report.title == "2023年某县人民政府某镇政府信息公开工作年度报告"
    assert (report.unit, report.year) == ("某县人民政府某镇", 2023)


@pytest.mark.parametrize(
    "preamble",
    [
        "2023年，本局认真贯彻落实《条例》，现将2023年政府信息公开工作年度报告如下。",  # a sentence, not a title
        "根据要求，编制本机关2023年政府信息公开工作年度报告。",
    ],
)
def test_sentence_that_names_the_report_is_not_a_title(preamble: str) -> None:
    report = read_string(preamble + "\n\n一、总体情况\n本年度……\n", "r.txt")
    assert report.title is None
    assert report.unit is None


# --- the year from the statistical period when no title is printed in the body ------------------------------

HTML_TITLE_IN_HEAD = """<html><head><title>测试市2025年政府信息公开工作年度报告</title></head><body>
<p>本报告中所列数据统计期限为2025年1月1日至12月31日。</p>
<p>一、总体情况</p><p>2025年，全市……</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr>{values}</tr></table></body></html>"""


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("本报告中所列数据统计期限为2025年1月1日至12月31日。", 2025),
        ("本年度报告中所列数据统计期限从 2019 年 1 月 1 日到 12 月 31 日止。", 2019),
        ("本报告所列数据截至本年年底。", None),
    ],
)
def test_year_from_the_statistical_period_in_the_preamble(sentence: str, year: int | None) -> None:
    values = "".join(f"<td>{v}</td>" for v in T4_VALUES)
    html = HTML_TITLE_IN_HEAD.format(values=values).replace(
        "本报告中所列数据统计期限为2025年1月1日至12月31日。", sentence
    )
    report = read_string(html, "r.html")
    assert report.year == year
    assert cells(report, "t4.") == dict(zip(T4_ADDRESSES, map(str, T4_VALUES), strict=True))


# --- regression guards for layouts that real reports print (already read correctly) -------------------------


def _html_t3_with_subtotal() -> tuple[str, dict[str, str]]:
    """Table 三 with an unofficial 法人小计 column and header words broken by <p>/<br> inside cells."""
    head = (
        '<tr><td colspan="3" rowspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，</p>'
        '<p>等于第三项加第四项之和）</p></td><td colspan="8">申请人情况</td></tr>'
        '<tr><td rowspan="2">自然人</td><td colspan="6">法人或其他组织</td><td rowspan="2">总计</td></tr>'
        "<tr><td><p>商业</p><p>企业</p></td><td>科研<br/>机构</td><td>社会公益<br>组织</td>"
        "<td>法律服务<br>机构</td><td>其他</td><td>小计</td></tr>"
    )
    rows, expected = [], {}
    for i, row in enumerate(T3_ROWS[:4]):
        values = t3_values(i + 1)
        shown = [*values[:6], sum(values[1:6]), values[6]]
        rows.append(
            f'<tr><td colspan="3">{row.label}</td>' + "".join(f"<td><p><span>{v}</span></p></td>" for v in shown)
        )
        expected.update({f"t3.{row.key}.{k}": str(v) for k, v in zip(T3_KEYS, values, strict=True)})
    html = "<p>三、收到和处理政府信息公开申请情况</p><table>" + head + "</tr>".join(rows) + "</tr></table>"
    return html, expected


def _markdown_t3_blank_group_cells() -> tuple[str, dict[str, str]]:
    """Converter Markdown: merged group cells left blank on later rows; thousands separators in values."""
    lines = [
        md_row([T3_NOTE, "", "", "申请人情况", *[""] * 6]),
        "|" + "---|" * 10,
        md_row(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        md_row(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
    ]
    expected = {}
    for i, row in enumerate(T3_ROWS[4:8]):
        values = [v * 1000 for v in t3_values(i + 1)]
        group = "（三）不予公开" if i == 0 else ""
        lines.append(md_row(["三、本年度办理结果" if i == 0 else "", group, row.label, *[f"{v:,}" for v in values]]))
        expected.update({f"t3.{row.key}.{k}": str(v) for k, v in zip(T3_KEYS, values, strict=True)})
    return "三、收到和处理政府信息公开申请情况\n\n" + "\n".join(lines) + "\n", expected


@pytest.mark.parametrize(
    ("build", "name"), [(_html_t3_with_subtotal, "r.html"), (_markdown_t3_blank_group_cells, "r.md")]
)
def test_table_three_layouts_of_real_reports(build, name: str) -> None:
    source, expected = build()
    report = read_string(source, name)
    assert {a: v for a, v in cells(report, "t3.").items() if a in expected} == expected
