"""Literal reports shared by the writer tests."""

from __future__ import annotations

from decimal import Decimal

from xxgk.core.report.layout import FORMAT_2019, SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Kind, Report, Section


def literal_report(*, t3_format: str = "2021", unit: str = "勍香镇", year: int = 2022) -> Report:
    """A report whose cells are all different: numbers 0…n, a decimal fee, one blank, one na, one text."""
    report = Report(unit=unit, year=year, t2_format="2021", t3_format=t3_format, has_t4=True)
    report.sections = {
        key: Section(key, heading, f"{heading}的第一段<&>。\n第二段。" if key in ("overview", "problems") else "")
        for key, heading in SECTIONS
    }
    report.sections["other"] = Section("other", "六、其他需要报告的事项", "本年度未收取信息处理费。")
    for index, address in enumerate(cell_addresses("2021", t3_format)):
        report.cells[address] = Cell.of(index)
    report.cells["t2.fees.amount"] = Cell.of(Decimal("12.35"))
    report.cells["t3.carried_over.research"] = Cell(Kind.BLANK)
    report.cells["t3.granted.research"] = Cell(Kind.NA, "/")
    report.cells["t4.review.other"] = Cell(Kind.TEXT, "见说明")
    return report


def value_of(report: Report, address: str) -> str:
    """The flat export value of a cell."""
    return report.cell(address).value


__all__ = ["FORMAT_2019", "literal_report", "value_of"]
