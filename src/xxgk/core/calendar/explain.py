"""Chinese explanations of deadlines: dates, steps and the calendar used.

Every deadline shown to a person comes with its explanation: the start, each
event that moved it, and the calendar used (shared/spec/applications.md §4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xxgk.core.calendar.deadline import Deadline

__all__ = ["PROVISIONAL_MARK", "Step", "cn_date", "explain", "provisional_note"]

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
PROVISIONAL_MARK = "暂定（未录入国务院放假安排）"


def cn_date(day: dt.date) -> str:
    """A date as people read it in a letter: 2026年10月22日（星期四）."""
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


@dataclass(frozen=True, slots=True)
class Step:
    """One event on the clock: when, what it did, and the deadline after it (None while waiting)."""

    date: dt.date
    text: str
    due: dt.date | None

    def to_dict(self) -> dict:
        """A JSON-ready dictionary of the step."""
        return {"date": self.date.isoformat(), "text": self.text, "due": self.due.isoformat() if self.due else None}

    def line(self) -> str:
        """The step as one line of Chinese text."""
        after = f"期限为{cn_date(self.due)}" if self.due else "期限暂停计算"
        return f"{self.date.isoformat()}　{self.text}。{after}。"


def provisional_note(years: list[int]) -> str:
    """The short mark of a provisional deadline, e.g. 暂定：2027年放假安排尚未录入."""
    return "暂定：" + "、".join(f"{y}年" for y in years) + "放假安排尚未录入"


def explain(deadline: Deadline) -> str:
    """The Chinese explanation of ``deadline``: start, each step, result and calendar."""
    lines = ["答复期限计算说明："]
    lines += [step.line() for step in deadline.steps]
    if deadline.due is None:
        lines.append("结论：正在等待申请人（补正或缴费），答复期限暂停计算。")
    else:
        result = f"结论：答复期限为{cn_date(deadline.due)}"
        if deadline.paused:
            result += "（征求意见尚未答复，按最长不计算期间计）"
        lines.append(result + "。")
    calendar = []
    if deadline.scheduled_years:
        years = "、".join(f"{y}年" for y in deadline.scheduled_years)
        calendar.append(f"{years}按国务院办公厅公布的放假安排（含调休、补班）计算工作日")
    if deadline.provisional_years:
        years = "、".join(f"{y}年" for y in deadline.provisional_years)
        calendar.append(
            f"{years}放假安排尚未录入，暂按周末和《全国年节及纪念日放假办法》规定的法定节假日计算（不含调休），"
            "结果为暂定，录入放假安排后将重新计算"
        )
    lines.append("日历：" + "；".join(calendar) + "。")
    lines.append("计数规则：“第N个工作日”自所涉日期的次日起算，当日不计。")
    return "\n".join(lines)
