"""Template filters of the case pages: masking personal data in lists (个人信息保护法, applications.md §11)."""

from __future__ import annotations

from django import template

from xxgk.apps.cases.workflow import EVENT_LABELS
from xxgk.core.calendar.explain import cn_date
from xxgk.core.cases import privacy
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.states import STATE_LABELS, State
from xxgk.core.cases.vocab import APPLICANT_TYPES, CHANNELS

__all__: list[str] = []

register = template.Library()


for _mask in (privacy.mask_name, privacy.mask_identity, privacy.mask_phone, privacy.mask_email):
    register.filter(_mask.__name__, _mask)  # the one masking rule of xxgk.core.cases.privacy


@register.filter
def state_label(value: str) -> str:
    """The Chinese label of a case state."""
    try:
        return STATE_LABELS[State(value)]
    except ValueError:
        return value


@register.filter
def outcome_label(value: str | None) -> str:
    """An outcome key in statutory words (table 三's row labels are for the annual report only)."""
    return OUTCOMES[value].wording if value in OUTCOMES else ""


@register.filter
def channel_label(value: str) -> str:
    """The Chinese label of a channel."""
    return CHANNELS.get(value, value)


@register.filter
def applicant_type_label(value: str) -> str:
    """The Chinese label of an applicant type."""
    return APPLICANT_TYPES.get(value, value)


@register.filter
def event_label(value: str) -> str:
    """The Chinese label of a timeline event kind."""
    return EVENT_LABELS.get(value, value)


@register.filter
def cndate(value) -> str:
    """A date as people read it in a letter: 2026年10月22日（星期四）."""
    return cn_date(value) if value else ""


DETAIL_LABELS = {
    "what_to_add": "需补正事项",
    "supplement_by": "补正期限",
    "party": "征求意见对象",
    "co_producer": "共同制作机关",
    "answer": "答复意见",
    "receipt_number": "票据号码",
    "notice_number": "收费通知书编号",
    "working_days": "工作日数",
    "reason": "理由",
    "note": "备注",
    "outcome": "办理结果",
    "link": "获取途径",
    "other_agency": "负责公开的机关",
    "new_due": "新答复期限",
    "letter_kind": "信函类型",
    "evidence_file": "依据材料",
    "split_from": "拆分自",
    "handler": "承办人",
    "evidence": "确认依据",
    "submitted_on": "网上提交日期",
    "notice_channel": "通知送达方式",
    "notice_received_on": "申请人收到通知之日",
    "month_count": "本月第几件",
    "month_cases": "本月此前的申请",
}
ANSWER_LABELS = {"consent": "同意公开", "objection": "不同意公开", "silent": "逾期未答复"}


@register.filter
def event_details(details: dict) -> str:
    """An event's details as one line of Chinese text: 理由：……；工作日数：20."""
    parts = []
    for key, value in (details or {}).items():
        if key == "outcome":
            value = outcome_label(value)
        elif key == "answer":
            value = ANSWER_LABELS.get(value, value)
        elif key == "notice_channel":
            value = CHANNELS.get(value, value)
        elif value is True:
            value = "是"
        parts.append(f"{DETAIL_LABELS.get(key, key)}：{value}")
    return "；".join(parts)


@register.filter
def origin(case: object) -> str:
    """How a case came in: its channel, and 台账导入 for a ledger row (国办函〔2020〕109号 counts them all)."""
    channel = CHANNELS.get(getattr(case, "channel", ""), "")
    return f"{channel}（台账导入）" if getattr(case, "imported", False) else channel
