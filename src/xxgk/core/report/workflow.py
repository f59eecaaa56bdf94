"""The annual report's way from draft to publication, as data: states, actions, who may take them, the due date.

条例第四十九条: a unit publishes its report for the past year by 31 January
(a unit's due date may be set otherwise, annual-report.md intro). Submission
freezes the numbers; approval is by the unit's 审核人 or 单位管理员; a
published report is corrected by a new version (更正), the old one kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACTIONS",
    "STATE_LABELS",
    "ReportAction",
    "ReportState",
    "TransitionRefused",
    "due_date",
    "is_late",
    "transition",
]


class ReportState(StrEnum):
    """Where a unit's report of one year stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"


STATE_LABELS: dict[str, str] = {
    ReportState.DRAFT: "起草中",
    ReportState.SUBMITTED: "已提交待审核",
    ReportState.APPROVED: "已审核待公布",
    ReportState.PUBLISHED: "已公布",
}


@dataclass(frozen=True)
class ReportAction:
    """An allowed step: from which states, to which state, the roles that may take it, its Chinese name."""

    key: str
    label: str
    sources: tuple[ReportState, ...]
    target: ReportState
    roles: tuple[str, ...]  # empty: any role of the unit


ACTIONS: dict[str, ReportAction] = {
    a.key: a
    for a in (
        ReportAction("submit", "提交审核", (ReportState.DRAFT,), ReportState.SUBMITTED, ()),
        ReportAction("return", "退回修改", (ReportState.SUBMITTED,), ReportState.DRAFT, ("reviewer", "unit_admin")),
        ReportAction("approve", "审核通过", (ReportState.SUBMITTED,), ReportState.APPROVED, ("reviewer", "unit_admin")),
        ReportAction("publish", "公布", (ReportState.APPROVED,), ReportState.PUBLISHED, ("reviewer", "unit_admin")),
        ReportAction(
            "correct", "更正（新版本）", (ReportState.PUBLISHED,), ReportState.DRAFT, ("reviewer", "unit_admin")
        ),
    )
}


class TransitionRefused(Exception):
    """A step that the report's state or the user's roles do not allow; ``message_zh`` says why."""

    def __init__(self, message_zh: str, reason: str) -> None:
        super().__init__(reason)
        self.message_zh = message_zh


def transition(state: str, action: str, roles: set[str], *, is_admin: bool = False) -> ReportState:
    """The state after ``action`` from ``state`` for a user with ``roles``; TransitionRefused otherwise."""
    step = ACTIONS.get(action)
    if step is None:
        raise TransitionRefused("没有这项操作。", f"unknown report action {action!r}")
    if state not in step.sources:
        now = STATE_LABELS.get(state, state)
        raise TransitionRefused(
            f"年度报告当前为“{now}”，不能{step.label}。", f"action {action} not allowed in state {state}"
        )
    if not is_admin and not (roles & set(step.roles) if step.roles else roles):
        raise TransitionRefused(
            f"{step.label}须由本单位审核人或单位管理员办理。" if step.roles else "只有本单位工作人员可以提交年度报告。",
            f"roles {sorted(roles)} may not {action}",
        )
    return step.target


def due_date(year: int, month: int = 1, day: int = 31) -> dt.date:
    """The day by which the report of ``year`` must be published (条例第四十九条: 31 January of the next year)."""
    return dt.date(year + 1, month, day)


def is_late(due: dt.date, published_on: dt.date | None, today: dt.date) -> bool:
    """Whether publication missed ``due``: published after it, or still unpublished after it."""
    if published_on is not None:
        return published_on > due
    return today > due
