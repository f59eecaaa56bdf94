"""The server-drawn SVG bar charts: categories summed, bars scaled, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from xxgk.apps.reports.charts import Bar, bar_chart_svg, t3_outcome_bars, t4_bars
from xxgk.core.report.layout import t2_addresses, t3_addresses, t4_addresses
from xxgk.core.report.model import Cell, Report

SVG = "{http://www.w3.org/2000/svg}"


def _report(values):
    cells = {a: Cell.of(0) for a in (*t2_addresses(), *t3_addresses(), *t4_addresses())}
    cells.update({a: Cell.of(n) for a, n in values.items()})
    return Report(unit="某镇", year=2025, cells=cells)


def test_outcome_bars_sum_each_category():
    report = _report(
        {
            "t3.granted.total": 4,
            "t3.withheld_state_secret.total": 1,
            "t3.withheld_third_party.total": 2,
            "t3.other_fee_unpaid.total": 3,
        }
    )
    bars = {bar.label: bar.value for bar in t3_outcome_bars(report)}
    assert bars == {
        "（一）予以公开": 4,
        "（二）部分公开": 0,
        "（三）不予公开": 3,
        "（四）无法提供": 0,
        "（五）不予处理": 0,
        "（六）其他处理": 3,
    }


def test_review_bars_are_the_group_totals():
    report = _report({"t4.review.total": 2, "t4.litigation_after_review.total": 1})
    assert [(b.label, b.value) for b in t4_bars(report)] == [
        ("行政复议", 2),
        ("未经复议直接起诉", 0),
        ("复议后起诉", 1),
    ]


@pytest.mark.parametrize(("values", "widths"), [((10, 5, 0), (420, 210, 0)), ((0, 0), (0, 0))])
def test_bars_are_scaled_to_the_largest_value(values, widths):
    bars = [Bar(f"第{i}类", v) for i, v in enumerate(values)]
    svg = ET.fromstring(bar_chart_svg(bars, title="图", width=640))
    assert tuple(int(r.get("width")) for r in svg.iter(f"{SVG}rect")) == widths


def test_text_is_escaped_and_links_only_where_given():
    bars = [Bar("<b>&", 1, "t3.granted.total"), Bar("其他", 2)]
    text = bar_chart_svg(bars, title="a<b", link=lambda address: f"/cell/{address}/")
    svg = ET.fromstring(text)  # well-formed: the label's markup is escaped
    assert "<b>" not in text
    assert [a.get("href") for a in svg.iter(f"{SVG}a")] == ["/cell/t3.granted.total/"]
