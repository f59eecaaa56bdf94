"""The fixed layout of the annual report: sections, tables, row and column keys.

Source: 国办公开办函〔2021〕30号 (2021 format) and 国办公开办函〔2019〕60号 (2019
format), as transcribed in shared/spec/annual-report.md §1–§4. Labels are the
exact printed labels; the keys are the project's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "SECTIONS",
    "SECTION_HEADING_2019_PROBLEMS",
    "T2_2019_BLOCKS",
    "T2_BLOCKS",
    "T3_APPLICANT_COLUMNS",
    "T3_COLUMNS",
    "T3_GROUPS",
    "T3_HEADER_NOTE",
    "T3_OUTCOME_ROWS",
    "T3_OUTCOME_ROWS_2019",
    "T3_ROWS",
    "T3_ROWS_2019",
    "T4_GROUPS",
    "T4_RESULTS",
    "Row",
    "T2Block",
    "cell_addresses",
    "t2_addresses",
    "t3_addresses",
    "t4_addresses",
]

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"


@dataclass(frozen=True)
class Row:
    """A value row of a table: its key, its exact label, and the group it sits in."""

    key: str
    label: str
    group: str | None = None  # the label of the enclosing row-group cell, if any


@dataclass(frozen=True)
class T2Block:
    """One captioned block of table 二: caption, column (key, label) pairs and rows."""

    caption: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]


# §1 — (key, exact heading of the 2021 format)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("table2", "二、主动公开政府信息情况"),
    ("table3", "三、收到和处理政府信息公开申请情况"),
    ("table4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
SECTION_HEADING_2019_PROBLEMS = "五、政府信息公开工作存在的主要问题及改进情况"

# §2 — table 二, 2021 format
_T2_COUNTS = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
_T2_DECISIONS = (("decisions", "本年处理决定数量"),)
T2_BLOCKS: tuple[T2Block, ...] = (
    T2Block(
        "第二十条第（一）项",
        _T2_COUNTS,
        (Row("regulations", "规章"), Row("normative_documents", "行政规范性文件")),
    ),
    T2Block("第二十条第（五）项", _T2_DECISIONS, (Row("licensing", "行政许可"),)),
    T2Block(
        "第二十条第（六）项",
        _T2_DECISIONS,
        (Row("punishment", "行政处罚"), Row("coercion", "行政强制")),
    ),
    T2Block(
        "第二十条第（八）项",
        (("amount", "本年收费金额（单位：万元）"),),
        (Row("fees", "行政事业性收费"),),
    ),
)

# §2 — table 二, 2019 format (read only)
_T2_2019_ITEMS = (("previous_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))
T2_2019_BLOCKS: tuple[T2Block, ...] = (
    T2Block(
        "第二十条第（一）项",
        (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")),
        (Row("regulations", "规章"), Row("normative_documents", "规范性文件")),
    ),
    T2Block(
        "第二十条第（五）项",
        _T2_2019_ITEMS,
        (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")),
    ),
    T2Block(
        "第二十条第（六）项",
        _T2_2019_ITEMS,
        (Row("punishment", "行政处罚"), Row("coercion", "行政强制")),
    ),
    T2Block(
        "第二十条第（八）项",
        (("previous_items", "上一年项目数量"), ("change", "本年增/减")),
        (Row("fees", "行政事业性收费"),),
    ),
    T2Block(
        "第二十条第（九）项",
        (("projects", "采购项目数量"), ("amount", "采购总金额")),
        (Row("procurement", "政府集中采购"),),
    ),
)

# §3 — table 三
T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_APPLICANT_COLUMNS: tuple[str, ...] = tuple(k for k, _ in T3_COLUMNS if k != "total")

_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

T3_GROUPS: dict[str, str] = {
    "results": _RESULTS,
    "withheld": _WITHHELD,
    "unavailable": _UNAVAILABLE,
    "not_processed": _NOT_PROCESSED,
    "other": _OTHER,
}

_T3_HEAD = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row("granted", "（一）予以公开", _RESULTS),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _RESULTS),
    Row("withheld_state_secret", "1.属于国家秘密", _WITHHELD),
    Row("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", _WITHHELD),
    Row("withheld_security_stability", "3.危及“三安全一稳定”", _WITHHELD),
    Row("withheld_third_party", "4.保护第三方合法权益", _WITHHELD),
    Row("withheld_internal_affairs", "5.属于三类内部事务信息", _WITHHELD),
    Row("withheld_process_info", "6.属于四类过程性信息", _WITHHELD),
    Row("withheld_enforcement_files", "7.属于行政执法案卷", _WITHHELD),
    Row("withheld_query_matter", "8.属于行政查询事项", _WITHHELD),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", _UNAVAILABLE),
    Row("unavailable_needs_creation", "2.没有现成信息需要另行制作", _UNAVAILABLE),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", _UNAVAILABLE),
    Row("not_processed_petition", "1.信访举报投诉类申请", _NOT_PROCESSED),
    Row("not_processed_duplicate", "2.重复申请", _NOT_PROCESSED),
    Row("not_processed_publication", "3.要求提供公开出版物", _NOT_PROCESSED),
    Row("not_processed_excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED),
    Row("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED),
)
_T3_OTHER_2021 = (
    Row(
        "other_no_supplement",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    Row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    Row("other_other", "3.其他", _OTHER),
)
_T3_OTHER_2019 = (Row("other_handling", _OTHER, _RESULTS),)
_T3_TAIL = (
    Row("total_processed", "（七）总计", _RESULTS),
    Row("carried_forward", "四、结转下年度继续办理"),
)
T3_ROWS: tuple[Row, ...] = _T3_HEAD + _T3_OTHER_2021 + _T3_TAIL
T3_ROWS_2019: tuple[Row, ...] = _T3_HEAD + _T3_OTHER_2019 + _T3_TAIL
T3_OUTCOME_ROWS: tuple[str, ...] = tuple(r.key for r in (_T3_HEAD + _T3_OTHER_2021)[2:])
T3_OUTCOME_ROWS_2019: tuple[str, ...] = tuple(r.key for r in (_T3_HEAD + _T3_OTHER_2019)[2:])

# §4 — table 四
T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
T4_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def t2_addresses(version: str = FORMAT_2021) -> list[str]:
    """Cell addresses of table 二 in print order."""
    if version == FORMAT_2019:
        return [
            f"t2_2019.{row.key}.{col}" for block in T2_2019_BLOCKS for row in block.rows for col, _ in block.columns
        ]
    return [f"t2.{row.key}.{col}" for block in T2_BLOCKS for row in block.rows for col, _ in block.columns]


def t3_addresses(version: str = FORMAT_2021) -> list[str]:
    """Cell addresses of table 三 in print order (row by row)."""
    rows = T3_ROWS_2019 if version == FORMAT_2019 else T3_ROWS
    return [f"t3.{row.key}.{col}" for row in rows for col, _ in T3_COLUMNS]


def t4_addresses() -> list[str]:
    """Cell addresses of table 四 in print order."""
    return [f"t4.{group}.{result}" for group, _ in T4_GROUPS for result, _ in T4_RESULTS]


def cell_addresses(t2_version: str | None = FORMAT_2021, t3_version: str | None = FORMAT_2021) -> list[str]:
    """All cell addresses of a report in the order of spec §5; None omits a table."""
    out: list[str] = []
    if t2_version:
        out += t2_addresses(t2_version)
    if t3_version:
        out += t3_addresses(t3_version)
    out += t4_addresses()
    return out
