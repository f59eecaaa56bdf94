"""The generated drafts of sections 一, 五 and 六 of the annual report, written from the year's figures.

国办公开办函〔2021〕30号: section 一 covers 主动公开, 依申请公开, 政府信息管理,
平台建设 and 监督保障; section 五 the problems and how last year's were fixed;
section 六 must state the 信息处理费 charged (annual-report.md §1). Every count
in a generated sentence is taken from its cell (or the figure passed in), so a
fresh draft always agrees with the tables; staff then edit it as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["DRAFTED_SECTIONS", "DraftFigures", "draft_sections", "fee_statement"]

# the sections that start from a generated draft (the others are the tables)
DRAFTED_SECTIONS: tuple[str, ...] = ("overview", "problems", "other")


@dataclass(frozen=True)
class DraftFigures:
    """What the drafts state besides the table cells: catalogue entries, late replies, fee notices."""

    entries_published: int | None = None  # catalogue entries published in the year (None: no catalogue)
    late_replies: int = 0  # applications concluded in the year after their statutory deadline
    fee_notices: int = 0  # 信息处理费 notices sent in the year
    fees_collected: Decimal = Decimal(0)  # yuan paid in the year


def fee_statement(notices: int, collected: Decimal, *, unpaid: int = 0) -> str:
    """Section 六's 信息处理费 sentence from the fee notices issued (国办函〔2020〕109号).

    ``unpaid`` is table 三's 申请人逾期未按收费通知要求缴纳费用 count: those
    applications had a fee notice, so the sentence names them (rule TEXT-FEES).
    """
    if not notices and not collected:
        text = "本年度未收取信息处理费。"
    else:
        amount = format(collected.normalize(), "f") if collected else "0"
        text = f"本年度发出信息处理费收费通知{notices}件，收取信息处理费{amount}元。"
    if unpaid:
        text += f"因申请人逾期未按收费通知要求缴纳费用而不再处理的申请{unpaid}件。"
    return text


def _n(cells: Mapping[str, Decimal | int | None], address: str) -> int:
    value = cells.get(address)
    return int(value) if value is not None else 0


def _overview(unit: str, year: int, cells: Mapping[str, Decimal | int | None], figures: DraftFigures) -> str:
    received = _n(cells, "t3.new_received.total")
    carried_over = _n(cells, "t3.carried_over.total")
    processed = _n(cells, "t3.total_processed.total")
    carried_forward = _n(cells, "t3.carried_forward.total")
    granted = _n(cells, "t3.granted.total") + _n(cells, "t3.partially_granted.total")
    reviews = _n(cells, "t4.review.total")
    suits = _n(cells, "t4.litigation_direct.total") + _n(cells, "t4.litigation_after_review.total")
    issued = _n(cells, "t2.normative_documents.issued")
    in_force = _n(cells, "t2.normative_documents.in_force")
    published = (
        f"全年通过政府信息公开目录主动公开政府信息{figures.entries_published}条。"
        if figures.entries_published is not None
        else ""
    )
    paragraphs = [
        f"{year}年，{unit}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "现将本年度政府信息公开工作情况报告如下。",
        f"（一）主动公开。{published}本年度制发行政规范性文件{issued}件，现行有效行政规范性文件{in_force}件，"
        "均按规定主动公开。",
        f"（二）依申请公开。本年度新收政府信息公开申请{received}件，上年结转政府信息公开申请{carried_over}件，"
        f"办结{processed}件，其中予以公开和部分公开{granted}件；结转下年度继续办理{carried_forward}件。",
        "（三）政府信息管理。严格执行政府信息公开前审查制度，对拟公开的信息逐条审核，"
        "依申请公开案件按登记、承办、审核、答复的程序办理并留存记录。",
        "（四）平台建设。依托政府信息公开专栏发布主动公开信息和政府信息公开工作年度报告，"
        "并提供网上申请渠道和办理进度查询。",
        f"（五）监督保障。本年度因政府信息公开被申请行政复议{reviews}件，被提起行政诉讼{suits}件。",
    ]
    return "\n\n".join(paragraphs)


def _problems(year: int, cells: Mapping[str, Decimal | int | None], figures: DraftFigures) -> str:
    processed = _n(cells, "t3.total_processed.total")
    if figures.late_replies:
        timeliness = f"本年度办结的{processed}件申请中，有{figures.late_replies}件未在法定期限内答复。"
    else:
        timeliness = f"本年度办结的{processed}件申请均在法定期限内答复。"
    return "\n\n".join(
        [
            f"存在的主要问题：{timeliness}",
            f"改进情况：{year + 1}年将加强依申请公开案件的期限管理，"
            "对临近答复期限的案件逐件提醒，并加强工作人员业务培训。",
        ]
    )


def draft_sections(
    *, unit: str, year: int, cells: Mapping[str, Decimal | int | None], figures: DraftFigures
) -> dict[str, str]:
    """The generated text of sections 一, 五 and 六 (keys of DRAFTED_SECTIONS) from the year's figures.

    ``cells`` maps cell addresses to numbers (None for a cell that is not a
    number, stated as 0); ``figures`` holds what has no cell.
    """
    return {
        "overview": _overview(unit, year, cells, figures),
        "problems": _problems(year, cells, figures),
        "other": fee_statement(
            figures.fee_notices, figures.fees_collected, unpaid=_n(cells, "t3.other_fee_unpaid.total")
        ),
    }
