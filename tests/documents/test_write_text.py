"""The text writer reproduces the layout of the seed (text copied from the official web page)."""

from __future__ import annotations

import pytest

from tests.conftest import SEED
from tests.documents.write_fixtures import literal_report
from xxgk.core.report.layout import SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Report, Section
from xxgk.documents.write_text import report_text


def _seed_like_report() -> Report:
    """The seed's content as a report: all cells 0, its narrative paragraphs."""
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.split("\n")
    report = Report(unit="勍香镇", year=2022)
    report.cells = {address: Cell.of(0) for address in cell_addresses()}
    overview = [line for line in lines[4:11] if line.strip()]
    report.sections["overview"] = Section("overview", "总体情况", "\n".join(overview))
    problems = seed[seed.index("五、存在") : seed.index("六、其他")].split("\n", 1)[1]
    report.sections["problems"] = Section("problems", "五、存在的主要问题及改进情况", problems)
    report.sections["other"] = Section("other", "六、其他需要报告的事项", "无")
    return report


def _normalised(text: str) -> list[str]:
    return [line.replace("\u00a0", "").rstrip(" \u2002\u3000") for line in text.split("\n")]


def test_tables_reproduce_the_seed_line_for_line():
    seed = _normalised(SEED.read_text(encoding="utf-8"))
    written = _normalised(report_text(_seed_like_report()))
    start = seed.index("二、主动公开政府信息情况")
    end = seed.index("五、存在的主要问题及改进情况")
    assert (
        written[written.index("二、主动公开政府信息情况") : written.index("五、存在的主要问题及改进情况")]
        == (seed[start:end])
    )


def test_only_the_missing_numeral_of_section_one_differs_from_the_seed_before_section_six():
    seed = _normalised(SEED.read_text(encoding="utf-8"))
    written = _normalised(report_text(_seed_like_report()))
    end = seed.index("六、其他需要报告的事项")
    differences = [(a, b) for a, b in zip(seed[:end], written[:end], strict=True) if a != b]
    assert differences == [("总体情况", "一、总体情况")]


@pytest.mark.parametrize(
    ("snippet",),
    [
        ("\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n",),
        ("\t\n\t自然人\n\t法人或其他组织\n\t总计\n\n",),
        ("\t\n\t\n\t商业\n企业\n\t科研\n机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n",),
        ("\t\n\t（三）不予公开\n\t1.属于国家秘密\n",),
        ("\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果\n纠正\n",),
        ("\t信息内容\n\t本年收费金额（单位：万元）\n\n\t行政事业性收费\n\t12.35\n\n",),
    ],
)
def test_header_cells_and_merged_cells_print_as_in_the_seed(snippet):
    assert snippet in report_text(literal_report())


def test_values_one_per_tabbed_line_in_print_order():
    report = literal_report()
    text = report_text(report)
    row = "\t一、本年新收政府信息公开申请数量\n" + "".join(
        f"\t{report.cell(f't3.new_received.{c}').value}\n"
        for c in ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
    )
    assert row in text
    assert "\t三、本年度办理结果\n\t（一）予以公开\n" in text
    assert "\t/\n" in text  # na prints as in the source
    assert "\t见说明\n" in text


def test_section_headings_and_paragraphs():
    text = report_text(literal_report())
    lines = text.split("\n")
    assert lines[0] == "勍香镇2022年政府信息公开工作年度报告"
    assert [line for line in lines if line in {h for _, h in SECTIONS}] == [h for _, h in SECTIONS]
    assert "一、总体情况\n\n一、总体情况的第一段<&>。\n\n第二段。\n" in text
    assert text.endswith("六、其他需要报告的事项\n\n本年度未收取信息处理费。\n")
