"""The interpreter: sections, tables 二/三/四 by content, formats, label notes, places."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.core.report.model import Kind, Place
from xxgk.documents.errors import NotAReport
from xxgk.documents.interpret import expected_version, interpret
from xxgk.documents.read_text import read_text
from xxgk.documents.stream import Paragraph, Stream, TableRow, TextCell

T3_HEADER = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
    "\t自然人\t法人或其他组织\t总计\n"
    "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
)
T3_HEAD_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果\t（一）予以公开",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "\t（三）不予公开\t1.属于国家秘密",
    "\t\t2.其他法律行政法规禁止公开",
    "\t\t3.危及“三安全一稳定”",
    "\t\t4.保护第三方合法权益",
    "\t\t5.属于三类内部事务信息",
    "\t\t6.属于四类过程性信息",
    "\t\t7.属于行政执法案卷",
    "\t\t8.属于行政查询事项",
    "\t（四）无法提供\t1.本机关不掌握相关政府信息",
    "\t\t2.没有现成信息需要另行制作",
    "\t\t3.补正后申请内容仍不明确",
    "\t（五）不予处理\t1.信访举报投诉类申请",
    "\t\t2.重复申请",
    "\t\t3.要求提供公开出版物",
    "\t\t4.无正当理由大量反复申请",
    "\t\t5.要求行政机关确认或重新出具已获取信息",
]
T3_OTHER_2021 = [
    "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "\t\t3.其他",
]
T3_OTHER_2019 = ["\t（六）其他处理"]
T3_TAIL = ["\t（七）总计", "四、结转下年度继续办理"]
SEVEN = "\t1\t0\t0\t0\t0\t0\t1"

T4 = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议\t行政诉讼\n"
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
)

T2_2021 = (
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t2\n"
    "行政规范性文件\t3\t1\t20\n"
    "第二十条第（五）项\n"
    "信息内容\t本年处理决定数量\n"
    "行政许可\t150\n"
    "第二十条第（六）项\n"
    "信息内容\t本年处理决定数量\n"
    "行政处罚\t12\n"
    "行政强制\t/\n"
    "第二十条第（八）项\n"
    "信息内容\t本年收费金额（单位：万元）\n"
    "行政事业性收费\t12.35\n"
)

T2_2019 = (
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
    "规章\t0\t0\t0\n"
    "规范性文件\t2\t2\t40\n"
    "第二十条第（五）项\n"
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
    "行政许可\t10\t-1\t300\n"
    "其他对外管理服务事项\t5\t0\t7\n"
    "第二十条第（九）项\n"
    "信息内容\t采购项目数量\t采购总金额\n"
    "政府集中采购\t4\t88.5\n"
)


def report_text(
    *,
    title: str = "某县人民政府2022年政府信息公开工作年度报告",
    t2: str = T2_2021,
    t3_other: list[str] | None = None,
    t3_values: dict[int, str] | None = None,
    with_t3: bool = True,
    problems: str = "五、存在的主要问题及改进情况",
) -> str:
    """A literal report in the browser's row-per-line text layout."""
    parts = [title, "", "一、总体情况", "本年度，本机关新收政府信息公开申请1件。", "", t2, ""]
    if with_t3:
        rows = T3_HEAD_ROWS + (T3_OTHER_2021 if t3_other is None else t3_other) + T3_TAIL
        values = t3_values or {}
        parts += ["三、收到和处理政府信息公开申请情况", T3_HEADER.rstrip("\n")]
        parts += [row + values.get(i, SEVEN) for i, row in enumerate(rows)]
        parts.append("")
    parts += [T4, problems, "无。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    return "\n".join(parts)


def test_a_2021_report_reads_all_cells_with_places() -> None:
    report = interpret(read_text(report_text(), "r.txt"))
    assert (report.unit, report.year, report.format) == ("某县人民政府", 2022, "2021")
    assert len([a for a in report.cells if a.startswith("t2.")]) == 10
    assert len([a for a in report.cells if a.startswith("t3.")]) == 175
    assert len([a for a in report.cells if a.startswith("t4.")]) == 15
    assert report.number("t2.normative_documents.in_force") == Decimal(20)
    assert report.number("t2.fees.amount") == Decimal("12.35")
    assert report.cell("t2.coercion.decisions").kind is Kind.NA
    assert report.number("t3.new_received.total") == 1
    assert report.number("t4.review.total") == 1
    assert report.cell("t3.granted.natural_person").place.line is not None
    assert set(report.sections) == {"overview", "table2", "table3", "table4", "problems", "other"}
    assert report.sections["other"].text == "本年度未收取信息处理费。"
    assert all(n.status == "exact" for n in report.labels), [n for n in report.labels if n.status != "exact"]


def test_a_changed_value_is_read_as_printed() -> None:
    text = report_text(t3_values={4: "\t0\t2\t0\t0\t0\t0\t2"})
    report = interpret(read_text(text))
    assert report.number("t3.withheld_state_secret.commercial") == 2
    assert report.number("t3.withheld_state_secret.natural_person") == 0


def test_blank_and_na_cells_are_never_zero() -> None:
    text = report_text(t3_values={0: "\t\t—\t0\t0\t0\t0\t1"})
    report = interpret(read_text(text))
    assert report.cell("t3.new_received.natural_person").kind is Kind.BLANK
    assert report.cell("t3.new_received.commercial").kind is Kind.NA
    assert report.number("t3.new_received.natural_person") is None


def test_a_2019_table_three_gives_other_handling() -> None:
    report = interpret(read_text(report_text(t3_other=T3_OTHER_2019)))
    assert report.t3_format == "2019" and report.t2_format == "2021" and report.format == "mixed"
    assert report.number("t3.other_handling.total") == 1
    assert "t3.other_other.total" not in report.cells
    assert len([a for a in report.cells if a.startswith("t3.")]) == 23 * 7
    notes = [n for n in report.labels if n.status == "other_format"]
    assert [(n.expected, n.where) for n in notes] == [("（六）其他处理", "t3.row")]


def test_a_2019_report_in_2020_is_in_its_own_format() -> None:
    text = report_text(
        title="某县2020年政府信息公开工作年度报告",
        t2=T2_2019,
        t3_other=T3_OTHER_2019,
        problems="五、政府信息公开工作存在的主要问题及改进情况",
    )
    report = interpret(read_text(text))
    assert (report.year, report.format, expected_version(report.year)) == (2020, "2019", "2019")
    assert report.number("t2_2019.normative_documents.total_public") == 40
    assert report.number("t2_2019.licensing.change") == -1
    assert report.number("t2_2019.procurement.amount") == Decimal("88.5")
    assert not [a for a in report.cells if a.startswith("t2.")]
    assert not [n for n in report.labels if n.status == "other_format"]


def test_a_missing_table_three_is_absent_not_zero() -> None:
    report = interpret(read_text(report_text(with_t3=False)))
    assert report.t3_format is None and report.has_t4
    assert not [a for a in report.cells if a.startswith("t3.")]
    assert [n.expected for n in report.labels if n.status == "missing"] == ["三、收到和处理政府信息公开申请情况"]


def test_misspelled_and_missing_labels_are_noted() -> None:
    text = report_text().replace("1.属于国家秘密", "1.属于国家秘").replace("\t\t2.重复申请" + SEVEN + "\n", "")
    report = interpret(read_text(text))
    assert report.number("t3.withheld_state_secret.total") == 1
    notes = {(n.status, n.expected) for n in report.labels if n.status != "exact"}
    assert notes == {("misspelled", "1.属于国家秘密"), ("missing", "2.重复申请")}
    assert "t3.not_processed_duplicate.total" not in report.cells


def test_truncated_text_keeps_what_was_read() -> None:
    text = report_text()
    report = interpret(read_text(text[: text.index("（四）无法提供")]))
    assert report.number("t3.withheld_query_matter.total") == 1
    assert "t3.unavailable_not_held.total" not in report.cells
    assert not report.has_t4
    assert "other" not in report.sections


@pytest.mark.parametrize(
    ("title", "unit", "year"),
    [
        ("勍香镇2022年政府信息公开工作年度报告", "勍香镇", 2022),
        ("淮安市人民政府2024年度政府信息公开工作年度报告", "淮安市人民政府", 2024),
        ("2023年某市市场监督管理局政府信息公开工作年度报告", "某市市场监督管理局", 2023),
    ],
)
def test_title_unit_and_year(title: str, unit: str, year: int) -> None:
    report = interpret(read_text(report_text(title=title)))
    assert (report.title, report.unit, report.year) == (title, unit, year)


def row(table: int, number: int, *texts: str, origins: tuple | None = None) -> TableRow:
    cells = tuple(
        TextCell(t, Place(page=1, table=table, row=number, column=i + 1), origins[i] if origins else None)
        for i, t in enumerate(texts)
    )
    return TableRow(table, cells, Place(page=1, table=table, row=number))


def test_a_table_split_over_pages_with_repeated_header_and_span_cells() -> None:
    header = ("申请人情况", "自然人", "企业", "科研机构", "公益组织", "法律服务机构", "其他", "合计")
    values = ("1", "0", "0", "0", "0", "0", "1")
    items: list = [Paragraph("三、收到和处理政府信息公开申请情况", Place(page=1))]
    items.append(row(2, 1, *header))
    items.append(
        row(
            2,
            2,
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公开申请数量",
            *values,
            origins=((2, 1), (2, 1), *[None] * 7),
        )
    )
    items.append(row(3, 1, *header))  # next page: header repeated, new table number
    items.append(row(3, 2, "二、上年结转政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"))
    report = interpret(Stream(items=items))
    assert report.number("t3.new_received.total") == 1
    assert report.number("t3.carried_over.natural_person") == 3
    assert report.cell("t3.carried_over.total").place == Place(page=1, table=3, row=2, column=8)
    statuses = {n.expected: n.status for n in report.labels if n.where == "t3.column"}
    assert statuses["总计"] == "variant" and statuses["自然人"] == "exact"


def test_an_unofficial_subtotal_column_does_not_shift_values() -> None:
    items = [
        Paragraph("三、收到和处理政府信息公开申请情况", Place()),
        row(1, 1, "", "自然人", "法人或其他组织", "总计"),
        row(1, 2, "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "法人小计"),
        row(1, 3, "一、本年新收政府信息公开申请数量", "4", "1", "2", "0", "0", "0", "3", "7"),
    ]
    report = interpret(Stream(items=items))
    assert report.number("t3.new_received.natural_person") == 4
    assert report.number("t3.new_received.research") == 2
    assert report.number("t3.new_received.other_org") == 0
    assert report.number("t3.new_received.total") == 7


@pytest.mark.parametrize(
    "items",
    [
        [
            Paragraph("关于开展2023年春季植树活动的通知", Place(line=1)),
            Paragraph("各单位：请于3月12日前报名。", Place()),
        ],
        [row(1, 1, "姓名", "年龄"), row(1, 2, "张三", "30")],
        [],
    ],
)
def test_a_document_that_is_no_report_raises(items: list) -> None:
    with pytest.raises(NotAReport):
        interpret(Stream(items=items))


def test_a_2019_table_two_in_a_2021_year_is_noted_as_other_format() -> None:
    report = interpret(read_text(report_text(t2=T2_2019)))
    assert (report.t2_format, report.t3_format, report.format) == ("2019", "2021", "mixed")
    assert report.number("t2_2019.licensing.decisions") == 300
    other = {(n.expected, n.where) for n in report.labels if n.status == "other_format"}
    assert ("其他对外管理服务事项", "t2.row") in other and ("本年新制作数量", "t2.column") in other


def test_the_most_specific_label_wins_over_vertically_repeated_group_cells() -> None:
    values = ("0", "0", "0", "0", "0", "2", "2")
    items = [
        Paragraph("三、收到和处理政府信息公开申请情况", Place()),
        row(
            1,
            1,
            "三、本年度办理结果",
            "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            *values,
        ),
        row(1, 2, "三、本年度办理结果", "（六）其他处理", "3.其他", "0", "0", "0", "0", "0", "1", "1"),
    ]
    report = interpret(Stream(items=items))
    assert report.t3_format == "2021"
    assert report.number("t3.other_no_supplement.other_org") == 2
    assert report.number("t3.other_other.total") == 1
    assert "t3.other_handling.total" not in report.cells
