"""What the applicant sees on the tracking page — only the public facts of their own case.

applications.md §11: the page names no applicant, no staff member, no
internal note and no third party. It is built from a whitelist: the unit and
its disclosure office, the receipt number, the state in plain Chinese, the
dates, the outcome when concluded and the letters addressed to the applicant.
Event details (which may hold internal notes) are never read, except the
number of working days of an approved extension.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from xxgk.apps.cases.models import Case
from xxgk.core.cases.outcomes import OUTCOMES

__all__ = ["PUBLIC_EVENT_LABELS", "PUBLIC_STATE_LABELS", "PublicCase", "PublicEvent", "PublicLetter", "public_case"]

log = logging.getLogger("xxgk.portal")

PUBLIC_STATE_LABELS: dict[str, str] = {
    "received": "已收到申请，等待受理",
    "awaiting_supplement": "需要补正：请按补正告知书的要求补充申请内容",
    "in_progress": "正在办理",
    "consulting": "正在办理（征求意见期间不计入答复期限）",
    "awaiting_fee": "待缴纳信息处理费：请按收费通知书缴费",
    "extension_requested": "正在办理",  # an unapproved extension request is internal
    "reply_drafted": "正在办理",  # a draft awaiting review is internal
    "closed": "已办结，答复已发出",
    "withdrawn": "申请已撤回",
    "split": "已拆分为多件申请分别办理",
}

# CaseEvent.kind → the line shown to the applicant; kinds not listed are internal and not shown
PUBLIC_EVENT_LABELS: dict[str, str] = {
    "received": "收到申请",
    "receipt_confirmed": "确认收到申请",
    "accepted": "受理申请",
    "supplement_requested": "告知补正",
    "supplement_received": "收到补正材料",
    "consultation_sent": "征求意见（期间不计入答复期限）",
    "consultation_answered": "征求意见结束",
    "fee_notice_sent": "发出收费通知",
    "fee_paid": "收到信息处理费",
    "extension_approved": "延长答复期限",
    "closed": "作出答复",
    "withdrawn": "申请撤回",
    "split": "拆分为多件申请办理",
}


@dataclass(frozen=True)
class PublicEvent:
    """One line of the public timeline."""

    date: dt.date
    label: str


@dataclass(frozen=True)
class PublicLetter:
    """A letter addressed to the applicant, with its download links (format → URL)."""

    title: str
    number: str
    issued_on: dt.date | None
    links: dict[str, str]


@dataclass(frozen=True)
class PublicCase:
    """The facts of a case the applicant may see through the tracking link."""

    unit_name: str
    office_address: str
    office_hours: str
    office_phone: str
    office_email: str
    number: str
    channel_online: bool
    receipt_confirmed: bool
    state: str
    state_label: str
    receipt_date: dt.date
    due_date: dt.date | None
    due_provisional: bool
    concluded_on: dt.date | None
    outcome_label: str
    items: list[str]
    events: list[PublicEvent]
    letters: list[PublicLetter] = field(default_factory=list)
    parts: list[tuple[str, str]] = field(default_factory=list)  # (number, tracking token) of split parts


def outcome_public_label(key: str | None) -> str:
    """The outcome in plain words with its legal basis, e.g. 「不予公开：属于国家秘密（条例第十四条）」."""
    outcome = OUTCOMES.get(key or "")
    if outcome is None:
        return ""
    return outcome.wording


def _event_label(kind: str, details: dict[str, Any]) -> str:
    label = PUBLIC_EVENT_LABELS[kind]
    if kind == "extension_approved" and isinstance(details.get("working_days"), int):
        label += f"{details['working_days']}个工作日"
    return label


def _letter_links(token: str, letter: Any) -> dict[str, str]:
    links = {}
    for fmt in ("pdf", "docx"):
        for name in ("letters:track_download", "letters:applicant_download", "letters:track"):
            try:
                links[fmt] = reverse(name, kwargs={"token": token, "letter_id": letter.pk, "fmt": fmt})
                break
            except NoReverseMatch:
                continue
        else:
            links[fmt] = f"/letters/track/{token}/{letter.pk}.{fmt}"
    return links


def _letters(case: Case) -> list[PublicLetter]:
    """The letters addressed to the applicant, when the letters app is installed."""
    if not apps.is_installed("xxgk.apps.letters"):
        return []
    try:
        from xxgk.apps.letters.selectors import letters_for_applicant
    except ImportError:
        log.warning("portal: xxgk.apps.letters has no letters_for_applicant selector")
        return []
    out = []
    for letter in letters_for_applicant(case):
        kind_label = letter.get_kind_display() if hasattr(letter, "get_kind_display") else str(letter)
        title = getattr(letter, "title", "") or kind_label
        out.append(
            PublicLetter(
                title=title,
                number=getattr(letter, "number", ""),
                issued_on=getattr(letter, "issued_on", None),
                links=_letter_links(case.tracking_token, letter),
            )
        )
    return out


def public_case(token: str) -> PublicCase | None:
    """The public view of the case with this tracking token, or None when there is none."""
    if not token or len(token) > 64:
        return None
    case = Case.objects.select_related("unit").filter(tracking_token=token).first()
    if case is None:
        return None
    online = getattr(case, "online_application", None) if case.channel == "online" else None
    events = [
        PublicEvent(e.date, _event_label(e.kind, e.details or {}))
        for e in case.events.order_by("date", "pk")
        if e.kind in PUBLIC_EVENT_LABELS
    ]
    unit = case.unit
    return PublicCase(
        unit_name=unit.name,
        office_address=unit.office_address,
        office_hours=unit.office_hours,
        office_phone=unit.office_phone,
        office_email=unit.office_email,
        number=case.number,
        channel_online=case.channel == "online",
        receipt_confirmed=bool(online.receipt_confirmed) if online is not None else True,
        state=case.state,
        state_label=PUBLIC_STATE_LABELS.get(case.state, "正在办理"),
        receipt_date=case.receipt_date,
        due_date=case.due_date if case.is_open else None,
        due_provisional=case.due_provisional,
        concluded_on=case.concluded_on,
        outcome_label=outcome_public_label(case.outcome) if case.state == "closed" else "",
        items=[i.description for i in case.items.order_by("pk")],
        events=events,
        letters=_letters(case),
        parts=list(case.children.order_by("number").values_list("number", "tracking_token")),
    )
