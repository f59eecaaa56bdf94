"""Literal reports for the rule tests: a balanced 2021 report and a 2019-table-三 variant."""

from __future__ import annotations

from decimal import Decimal

from xxgk.core.report.layout import FORMAT_2019, SECTIONS, T3_APPLICANT_COLUMNS, cell_addresses
from xxgk.core.report.model import Cell, Place, Report, Section

# Per column: the non-zero table 三 values (the rest are 0); totals are derived.
_T3 = {
    "natural_person": {
        "new_received": 5,
        "carried_over": 1,
        "granted": 3,
        "withheld_third_party": 1,
        "other_fee_unpaid": 1,
        "carried_forward": 1,
    },
    "commercial": {"new_received": 2, "granted": 2},
}


def balanced(t3_format: str = "2021", year: int = 2022, unit: str = "勍香镇", t2_format: str = "2021") -> Report:
    """A report whose tables satisfy every in-year rule, with non-zero numbers."""
    title = f"{unit}{year}年政府信息公开工作年度报告"
    report = Report(unit=unit, year=year, title=title, t2_format=t2_format, t3_format=t3_format)
    addresses = cell_addresses(t2_format, t3_format)
    for i, address in enumerate(addresses, 1):
        report.cells[address] = Cell.of(0, Place(table=1, row=i, column=1))
    fee_row = "other_handling" if t3_format == FORMAT_2019 else "other_fee_unpaid"
    for col, rows in _T3.items():
        for row, value in rows.items():
            row = fee_row if row == "other_fee_unpaid" else row
            set_cell(report, f"t3.{row}.{col}", value)
        processed = sum(v for r, v in rows.items() if r not in ("new_received", "carried_over", "carried_forward"))
        set_cell(report, f"t3.total_processed.{col}", processed)
    for row in {r for rows in _T3.values() for r in rows} | {"total_processed"}:
        row = fee_row if row == "other_fee_unpaid" else row
        total = sum(report.cells[f"t3.{row}.{c}"].number or 0 for c in T3_APPLICANT_COLUMNS)
        set_cell(report, f"t3.{row}.total", total)
    if t2_format == "2021":
        set_cell(report, "t2.regulations.issued", 2)
        set_cell(report, "t2.regulations.repealed", 1)
        set_cell(report, "t2.regulations.in_force", 11)
        set_cell(report, "t2.fees.amount", Decimal("12.35"))
    set_cell(report, "t4.review.upheld", 1)
    set_cell(report, "t4.review.pending", 1)
    set_cell(report, "t4.review.total", 2)
    for key, heading in SECTIONS:
        report.sections[key] = Section(key, heading, "")
    report.sections["overview"] = Section("overview", "一、总体情况", "本年度依法做好政府信息公开工作。")
    report.sections["problems"] = Section("problems", "五、存在的主要问题及改进情况", "公开的及时性有待提高。")
    report.sections["other"] = Section("other", "六、其他需要报告的事项", "本年度发出收费通知1件，未收取信息处理费。")
    return report


def set_cell(report: Report, address: str, value: int | Decimal | str | None) -> None:
    """Replace a cell's value, keeping its place."""
    old = report.cells.get(address)
    report.cells[address] = Cell.of(value, old.place if old else None)
