"""A whole annual report in the official 2021 layout, as explicit cells with spans.

The tables are written out the way 国办公开办函〔2021〕30号 prints them (spec
annual-report.md §2–§4): every printed cell with its 1-based position, rowspan
and colspan, so each format builder (HTML, DOCX) renders the same layout and
the tests can state the expected grid independently of the readers.
Every value cell holds a distinct number, so a value read into the wrong
address cannot go unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.core.report.layout import T2_BLOCKS, T3_COLUMNS, T3_HEADER_NOTE, T3_ROWS, T4_GROUPS, T4_RESULTS

TITLE = "示例县人民政府办公室2023年政府信息公开工作年度报告"
FEE = "12.35"


@dataclass(frozen=True)
class Spec:
    """One printed cell: 1-based row and column of its top-left slot, text, spans."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def _t2_values() -> dict[str, str]:
    """Distinct table 二 values; the fee is a decimal number of 万元."""
    out: dict[str, str] = {}
    n = 1
    for block in T2_BLOCKS:
        for row in block.rows:
            for col, _ in block.columns:
                out[f"t2.{row.key}.{col}"] = FEE if col == "amount" else str(n)
                n += 1
    return out


T2_VALUES = _t2_values()
T3_VALUES = {
    f"t3.{row.key}.{col}": str(100 * (i + 1) + j)
    for i, row in enumerate(T3_ROWS)
    for j, (col, _) in enumerate(T3_COLUMNS)
}
T4_VALUES = {
    f"t4.{group}.{result}": str(40 + 5 * g + r)
    for g, (group, _) in enumerate(T4_GROUPS)
    for r, (result, _) in enumerate(T4_RESULTS)
}
ALL_VALUES = {**T2_VALUES, **T3_VALUES, **T4_VALUES}


def table2() -> list[Spec]:
    """Table 二: four captioned blocks, 4 columns; one-value blocks merge the value over 3 columns."""
    specs: list[Spec] = []
    r = 1
    for block in T2_BLOCKS:
        specs.append(Spec(r, 1, block.caption, colspan=4))
        r += 1
        specs.append(Spec(r, 1, "信息内容"))
        if len(block.columns) == 3:
            specs += [Spec(r, 2 + i, label) for i, (_, label) in enumerate(block.columns)]
        else:
            specs.append(Spec(r, 2, block.columns[0][1], colspan=3))
        r += 1
        for row in block.rows:
            specs.append(Spec(r, 1, row.label))
            if len(block.columns) == 3:
                specs += [Spec(r, 2 + i, T2_VALUES[f"t2.{row.key}.{col}"]) for i, (col, _) in enumerate(block.columns)]
            else:
                specs.append(Spec(r, 2, T2_VALUES[f"t2.{row.key}.{block.columns[0][0]}"], colspan=3))
            r += 1
    return specs


# (group label, rowspan) where a group cell starts, keyed by the first row key of the group
_T3_GROUP_STARTS = {
    "withheld_state_secret": ("（三）不予公开", 8),
    "unavailable_not_held": ("（四）无法提供", 3),
    "not_processed_petition": ("（五）不予处理", 5),
    "other_no_supplement": ("（六）其他处理", 3),
}
_T3_TOP_ROWS = ("new_received", "carried_over", "carried_forward")


def table3(header_break: str = "") -> list[Spec]:
    """Table 三 as printed: 3 header rows under a 3×3 note cell, then 25 value rows.

    ``header_break`` is put between the two halves of the narrow header labels
    (e.g. ``"<br>"`` in HTML, ``"\\n"`` in DOCX) as many reports print them.
    """
    specs = [
        Spec(1, 1, T3_HEADER_NOTE, rowspan=3, colspan=3),
        Spec(1, 4, "申请人情况", colspan=7),
        Spec(2, 4, "自然人", rowspan=2),
        Spec(2, 5, "法人或其他组织", colspan=5),
        Spec(2, 10, "总计", rowspan=2),
    ]
    for j, (_, label) in enumerate(T3_COLUMNS[1:6]):
        specs.append(Spec(3, 5 + j, label[:2] + header_break + label[2:] if len(label) == 4 else label))
    for i, row in enumerate(T3_ROWS):
        r = 4 + i
        if row.key in _T3_TOP_ROWS:
            specs.append(Spec(r, 1, row.label, colspan=3))
        else:
            if row.key == "granted":
                specs.append(Spec(r, 1, "三、本年度办理结果", rowspan=22))
            if row.key in _T3_GROUP_STARTS:
                label, height = _T3_GROUP_STARTS[row.key]
                specs.append(Spec(r, 2, label, rowspan=height))
            if row.group == "三、本年度办理结果":
                specs.append(Spec(r, 2, row.label, colspan=2))
            else:
                specs.append(Spec(r, 3, row.label))
        specs += [Spec(r, 4 + j, T3_VALUES[f"t3.{row.key}.{col}"]) for j, (col, _) in enumerate(T3_COLUMNS)]
    return specs


def table4() -> list[Spec]:
    """Table 四: 行政复议 over 5 columns, 行政诉讼 over 10, result labels, 15 numbers."""
    specs = [Spec(1, 1, "行政复议", colspan=5), Spec(1, 6, "行政诉讼", colspan=10)]
    specs += [Spec(2, 1 + k, label, rowspan=2) for k, (_, label) in enumerate(T4_RESULTS)]
    specs += [Spec(2, 6, T4_GROUPS[1][1], colspan=5), Spec(2, 11, T4_GROUPS[2][1], colspan=5)]
    specs += [Spec(3, 6 + k, label) for k, (_, label) in enumerate(T4_RESULTS * 2)]
    specs += [Spec(4, 1 + k, value) for k, value in enumerate(T4_VALUES.values())]
    return specs


OVERVIEW = "本年度，本机关坚持以公开为常态、不公开为例外，本年新收政府信息公开申请若干件。"
PROBLEMS = "存在不足：公开内容需要进一步梳理充实。改进措施：及时梳理信息公开项目。"
OTHER = "本年度未收取信息处理费。"

# The report in print order: ("p", text) paragraphs and ("table", specs) tables.
BODY: tuple[tuple[str, object], ...] = (
    ("p", TITLE),
    ("p", "一、总体情况"),
    ("p", OVERVIEW),
    ("p", "二、主动公开政府信息情况"),
    ("table", "t2"),
    ("p", "三、收到和处理政府信息公开申请情况"),
    ("table", "t3"),
    ("p", "四、政府信息公开行政复议、行政诉讼情况"),
    ("table", "t4"),
    ("p", "五、存在的主要问题及改进情况"),
    ("p", PROBLEMS),
    ("p", "六、其他需要报告的事项"),
    ("p", OTHER),
)


# Table 三's merged cells as the reader must expand them: (slots, text, origin); narrow headers broken in two.
T3_SPANS: tuple[tuple[list[tuple[int, int]], str, tuple[int, int] | None], ...] = (
    ([(r, c) for r in (1, 2, 3) for c in (1, 2, 3)], T3_HEADER_NOTE, (1, 1)),
    ([(1, c) for c in range(4, 11)], "申请人情况", (1, 4)),
    ([(2, 4), (3, 4)], "自然人", (2, 4)),
    ([(2, c) for c in range(5, 10)], "法人或其他组织", (2, 5)),
    ([(2, 10), (3, 10)], "总计", (2, 10)),
    ([(3, 5)], "商业\n企业", None),
    ([(3, 7)], "社会公益组织", None),
    ([(4, 1), (4, 2), (4, 3)], "一、本年新收政府信息公开申请数量", (4, 1)),
    ([(r, 1) for r in range(6, 28)], "三、本年度办理结果", (6, 1)),
    ([(6, 2), (6, 3)], "（一）予以公开", (6, 2)),
    ([(r, 2) for r in range(8, 16)], "（三）不予公开", (8, 2)),
    ([(8, 3)], "1.属于国家秘密", None),
    ([(r, 2) for r in range(16, 19)], "（四）无法提供", (16, 2)),
    ([(r, 2) for r in range(19, 24)], "（五）不予处理", (19, 2)),
    ([(r, 2) for r in range(24, 27)], "（六）其他处理", (24, 2)),
    ([(27, 2), (27, 3)], "（七）总计", (27, 2)),
    ([(28, 1), (28, 2), (28, 3)], "四、结转下年度继续办理", (28, 1)),
)


def rows_of(specs: list[Spec]) -> list[list[Spec]]:
    """The specs grouped by row (row 1 first), each row left to right."""
    height = max(s.row for s in specs)
    rows: list[list[Spec]] = [[] for _ in range(height)]
    for s in sorted(specs, key=lambda s: (s.row, s.col)):
        rows[s.row - 1].append(s)
    return rows
