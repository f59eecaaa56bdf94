"""The printed grid of the report's tables, shared by every writer.

Each table is laid out once, as the official format prints it (spec
annual-report.md §2–§4, 国办公开办函〔2021〕30号): rows of origin cells with
their rowspan and colspan. The HTML, DOCX, Markdown and text writers only
render this grid, so the merged header cells are defined in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.core.report.layout import (
    FORMAT_2019,
    SECTION_HEADING_2019_PROBLEMS,
    SECTIONS,
    T2_2019_BLOCKS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_ROWS,
    T3_ROWS_2019,
    T4_GROUPS,
    T4_RESULTS,
    Row,
)
from xxgk.core.report.model import Cell, Kind, Report

__all__ = [
    "GridCell",
    "Slot",
    "Table",
    "TableRow",
    "cell_text",
    "expanded",
    "report_tables",
    "report_title",
    "section_heading",
    "section_paragraphs",
    "table2",
    "table3",
    "table4",
]


@dataclass(frozen=True)
class GridCell:
    """One printed (origin) cell: its text, spans, whether it is a label, and its cell address."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = True
    address: str | None = None


@dataclass(frozen=True)
class TableRow:
    """A printed row: its origin cells left to right, and whether it belongs to the table head."""

    cells: tuple[GridCell, ...]
    head: bool = False
    caption: bool = False


@dataclass(frozen=True)
class Table:
    """A table of the report: its section key, its width in columns and its rows."""

    key: str
    width: int
    rows: tuple[TableRow, ...]

    @property
    def head_rows(self) -> int:
        """How many leading rows are header rows (repeated on each printed page)."""
        count = 0
        for row in self.rows:
            if not row.head:
                break
            count += 1
        return count


def cell_text(cell: Cell) -> str:
    """The printed text of a cell: the canonical number, '' for blank, the raw text for na and text."""
    if cell.kind is Kind.NUMBER:
        return cell.value
    if cell.kind is Kind.BLANK:
        return ""
    return cell.raw or ("/" if cell.kind is Kind.NA else "")


def report_title(report: Report) -> str:
    """The report's title: ``report.title`` or ``{unit}{year}年政府信息公开工作年度报告``."""
    if report.title:
        return report.title
    unit = report.unit or ""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{unit}{year}政府信息公开工作年度报告"


def section_heading(report: Report, key: str) -> str:
    """The official heading of a section; section 五 takes the 2019 wording in a 2019-format report."""
    if key == "problems" and report.format == FORMAT_2019:
        return SECTION_HEADING_2019_PROBLEMS
    return dict(SECTIONS)[key]


def section_paragraphs(report: Report, key: str) -> list[str]:
    """The non-empty paragraphs (lines) of a section's text."""
    section = report.sections.get(key)
    if section is None:
        return []
    return [line.strip() for line in section.text.splitlines() if line.strip()]


def _value(report: Report, address: str, colspan: int = 1) -> GridCell:
    return GridCell(cell_text(report.cell(address)), colspan=colspan, header=False, address=address)


def table2(report: Report) -> Table:
    """Table 二 in its captioned blocks; the last value cell of a narrow block spans the rest (spec §2)."""
    if report.t2_format == FORMAT_2019:
        blocks, prefix = T2_2019_BLOCKS, "t2_2019"
    else:
        blocks, prefix = T2_BLOCKS, "t2"
    values = max(len(block.columns) for block in blocks)
    width = 1 + values
    rows: list[TableRow] = []
    for block in blocks:
        last_span = values - len(block.columns) + 1
        spans = [1] * (len(block.columns) - 1) + [last_span]
        rows.append(TableRow((GridCell(block.caption, colspan=width),), caption=True))
        header = [GridCell("信息内容")]
        header += [GridCell(label, colspan=span) for (_, label), span in zip(block.columns, spans, strict=True)]
        rows.append(TableRow(tuple(header)))
        for row in block.rows:
            cells = [GridCell(row.label)]
            cells += [
                _value(report, f"{prefix}.{row.key}.{col}", span)
                for (col, _), span in zip(block.columns, spans, strict=True)
            ]
            rows.append(TableRow(tuple(cells)))
    return Table("table2", width, tuple(rows))


def _t3_label_cells(rows: tuple[Row, ...], index: int) -> list[GridCell]:
    """The label cells that start in value row ``index`` of table 三 (3 label columns)."""
    row = rows[index]
    previous = rows[index - 1] if index else None
    if row.group is None:
        return [GridCell(row.label, colspan=3)]
    cells: list[GridCell] = []
    outer = "三、本年度办理结果"
    if previous is None or previous.group is None:
        height = sum(1 for r in rows if r.group is not None)
        cells.append(GridCell(outer, rowspan=height))
    if row.group == outer:
        cells.append(GridCell(row.label, colspan=2))
    else:
        if previous is None or previous.group != row.group:
            cells.append(GridCell(row.group, rowspan=sum(1 for r in rows if r.group == row.group)))
        cells.append(GridCell(row.label))
    return cells


def table3(report: Report) -> Table:
    """Table 三 with its three header rows and row-group label cells (spec §3)."""
    rows = T3_ROWS_2019 if report.t3_format == FORMAT_2019 else T3_ROWS
    out = [
        TableRow((GridCell(T3_HEADER_NOTE, rowspan=3, colspan=3), GridCell("申请人情况", colspan=7)), head=True),
        TableRow(
            (GridCell("自然人", rowspan=2), GridCell("法人或其他组织", colspan=5), GridCell("总计", rowspan=2)),
            head=True,
        ),
        TableRow(tuple(GridCell(label) for key, label in T3_COLUMNS[1:-1]), head=True),
    ]
    for index, row in enumerate(rows):
        cells = _t3_label_cells(rows, index)
        cells += [_value(report, f"t3.{row.key}.{col}") for col, _ in T3_COLUMNS]
        out.append(TableRow(tuple(cells)))
    return Table("table3", 10, tuple(out))


def table4(report: Report) -> Table:
    """Table 四 with its three header rows and one row of 15 numbers (spec §4)."""
    results = len(T4_RESULTS)
    review_label = T4_GROUPS[0][1]
    head = (
        TableRow((GridCell(review_label, colspan=results), GridCell("行政诉讼", colspan=2 * results)), head=True),
        TableRow(
            tuple(GridCell(label, rowspan=2) for _, label in T4_RESULTS)
            + tuple(GridCell(label, colspan=results) for _, label in T4_GROUPS[1:]),
            head=True,
        ),
        TableRow(tuple(GridCell(label) for _ in T4_GROUPS[1:] for _, label in T4_RESULTS), head=True),
    )
    values = TableRow(
        tuple(_value(report, f"t4.{group}.{result}") for group, _ in T4_GROUPS for result, _ in T4_RESULTS)
    )
    return Table("table4", 3 * results, (*head, values))


def report_tables(report: Report) -> dict[str, Table]:
    """The tables the report prints, keyed by section key (a table the report lacks is left out)."""
    tables: dict[str, Table] = {}
    if report.t2_format:
        tables["table2"] = table2(report)
    if report.t3_format:
        tables["table3"] = table3(report)
    if report.has_t4:
        tables["table4"] = table4(report)
    return tables


@dataclass(frozen=True)
class Slot:
    """One position of the expanded grid: the origin cell covering it and the offset from its origin."""

    cell: GridCell
    row_offset: int = 0
    column_offset: int = 0

    @property
    def is_origin(self) -> bool:
        """True where the cell is printed (its top-left position)."""
        return self.row_offset == 0 and self.column_offset == 0


def expanded(table: Table) -> list[list[Slot]]:
    """The table as a full grid: every position holds the origin cell covering it and its offset."""
    grid: list[list[Slot | None]] = [[None] * table.width for _ in table.rows]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row.cells:
            while grid[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[r + dr][c + dc] = Slot(cell, dr, dc)
            c += cell.colspan
    return [[slot if slot is not None else Slot(GridCell("")) for slot in row] for row in grid]
