"""table_html's optional cell links (used by the web report pages for the drill-down)."""

from __future__ import annotations

from xxgk.core.report.layout import t2_addresses, t3_addresses, t4_addresses
from xxgk.core.report.model import Cell, Report
from xxgk.documents.write_grid import table3, table4
from xxgk.documents.write_html import table_html


def _report() -> Report:
    cells = {a: Cell.of(0) for a in (*t2_addresses(), *t3_addresses(), *t4_addresses())}
    cells["t3.granted.total"] = Cell.of(5)
    return Report(unit="某镇", year=2025, cells=cells)


def test_without_a_link_function_no_value_is_a_link():
    assert "<a " not in table_html(table3(_report()))


def test_each_value_cell_links_where_the_function_gives_a_url():
    html = table_html(table3(_report()), link=lambda a: f"/cell/{a}/?x=1&y=2" if a.endswith(".total") else None)
    assert (
        '<td class="value" data-address="t3.granted.total"><a href="/cell/t3.granted.total/?x=1&amp;y=2">5</a></td>'
        in html
    )
    assert html.count("<a ") == 25  # one per row of the 总计 column
    assert '<th colspan="3" class="row-label">一、本年新收政府信息公开申请数量</th>' in html  # labels are not links


def test_table4_values_link_too():
    html = table_html(table4(_report()), link=lambda a: f"/c/{a}/")
    assert html.count("<a href=") == 15
