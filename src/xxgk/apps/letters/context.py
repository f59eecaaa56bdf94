"""The whitelisted context of a letter, built from a stored case (applications.md §7).

Every value is a plain string (or a list of dicts of strings): the legal
content — the decision with its article, the reasons per withheld item, the
remedy naming the review body — comes from xxgk.core.cases.letters.
Facts that no case field holds (a third party's name, what to supplement,
how information is provided) come from the case's timeline event details or
from ``extra`` given when the letter is issued.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xxgk.apps.cases.models import Case, CaseEvent
from xxgk.core.cases.fees import FEE_METHOD_LABELS, FeeMethod
from xxgk.core.cases.letters import (
    APPLICANT_KINDS,
    REPLY_KINDS,
    LetterKind,
    chinese_date,
    decision,
    remedy_text,
)
from xxgk.core.cases.outcomes import OUTCOMES, LetterGroup

__all__ = ["EXTRA_FIELDS", "LetterContextError", "letter_context"]

# The facts a person may supply when issuing (issue form), with their labels.
EXTRA_FIELDS: dict[str, str] = {
    "third_party": "第三方名称",
    "supplement_what": "需要补正的内容",
    "extension_reason": "延期理由",
    "consultation_reason": "征求意见的理由",
    "decision_reason": "决定公开的理由",
    "provision": "提供信息的方式和时间",
    "other_agency": "负责公开的行政机关",
    "other_agency_contact": "该机关的联系方式",
    "fee_how_to_pay": "缴费方式",
    "reasons_request": "要求说明理由的内容",
}

_FEE_STANDARDS = {
    FeeMethod.PER_APPLICATION.value: "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
    "11—30件（含30件）的部分，每件100元；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。",
    FeeMethod.BY_PAGES.value: "按量计收：30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页10元；"
    "101—200页（含200页）的部分，每页20元；200页以上的部分，每页40元。",
}


class LetterContextError(ValueError):
    """A letter cannot be written yet; the message (Chinese) says what is missing."""


def _event(case: Case, kind: str) -> CaseEvent | None:
    return case.events.filter(kind=kind).order_by("-date", "-pk").first()


def _detail(event: CaseEvent | None, key: str) -> str:
    return str(event.details.get(key, "")).strip() if event is not None else ""


def _date_phrase(value: str, default: str) -> str:
    """An ISO date from an event's details as 「于2026年6月20日前」, else the default phrase."""
    try:
        return f"于{chinese_date(dt.date.fromisoformat(value))}前"
    except ValueError:
        return default


def _wording(key: str) -> str:
    """An outcome in statutory words (never table 三's row label)."""
    return OUTCOMES[key].wording if key in OUTCOMES else ""


def _sentence(text: str) -> str:
    """Text entered by a person, without its own closing punctuation, so the letter adds exactly one."""
    return text.strip().rstrip("。；;，,.")


def _paragraph(text: str) -> str:
    """A sentence entered by a person or a default, ending in exactly one 。."""
    return _sentence(text) + "。"


def _items(case: Case) -> list[dict[str, str]]:
    return [
        {"description": i.description, "decision": _wording(i.decision), "reason": i.reason, "key": i.decision}
        for i in case.items.all()
    ]


def _withheld_text(items: list[dict[str, str]], case_outcome: str) -> str:
    """Each item not disclosed, with its provision and reason (条例第三十六条第（三）项、第三十七条).

    An item without its own decision shares the case's outcome when that is a
    refusal; under a partial disclosure it counts as disclosed. An item itself
    disclosed in part states the reason for the part withheld.
    """
    lines = []
    for n, item in enumerate(items, start=1):
        key = item["key"] or ("" if case_outcome == "partially_granted" else case_outcome)
        reason = _sentence(item["reason"])
        if key == "partially_granted" and reason:
            lines.append(f"第{n}项“{item['description']}”：部分公开。不予公开部分的理由：{reason}。")
            continue
        if not key or key in ("granted", "partially_granted"):
            continue
        line = f"第{n}项“{item['description']}”：{_wording(key)}。" + (f"理由：{reason}。" if reason else "")
        article = decision(key).article
        lines.append(
            line + (f"依据：《中华人民共和国政府信息公开条例》{article}。" if article.startswith("第") else "")
        )
    return "\n".join(lines)


def _provision(case: Case, group: LetterGroup | None, given: str, link: str = "") -> str:
    """How and when the information is provided (条例第三十六条第（一）项、第（二）项, 第四十条)."""
    if given:
        return given
    if link:
        return f"该政府信息已经主动公开，您可以通过以下途径获取：{link}。"
    if group not in (LetterGroup.GRANTED, LetterGroup.PARTIAL):
        return ""
    form = case.requested_form or "纸质或电子"
    channel = case.requested_channel or "您申请时选择的"
    return f"本机关将按照您申请时选择的形式（{form}）和途径（{channel}），随本答复书一并向您提供可以公开的政府信息。"


def _receipt_sentence(receipt: str, supplement: str) -> str:
    if supplement:
        return f"本机关于{receipt}收到您提交的政府信息公开申请，于{supplement}收到您补正后的申请。"
    return f"本机关于{receipt}收到您提交的政府信息公开申请。"


def _fee_fields(case: Case, how_to_pay: str) -> dict[str, str]:
    fee = getattr(case, "fee", None)
    if fee is None:
        return {}
    method = FEE_METHOD_LABELS.get(FeeMethod(fee.method), "") if fee.method else ""
    amount = (
        f"{fee.amount.normalize():f}元（{method}，计{fee.quantity}{'件' if fee.method == 'per_application' else '页'}）"
    )
    if fee.reduction:
        amount += f"，已减免{fee.reduction.normalize():f}元，减免理由：{fee.reduction_reason}"
    return {
        "fee_basis": "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关决定收取信息处理费。",
        "fee_standard": _FEE_STANDARDS.get(fee.method, ""),
        "fee_amount": amount,
        "fee_how_to_pay": how_to_pay
        or "请持本通知书到本机关办理缴费手续，按政府非税收入收缴规定缴纳，并取得缴款票据。",
        "fee_consequence": "请您自收到本通知书次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
        "本机关将不再处理该政府信息公开申请；缴费期间不计算在答复期限内。",
    }


def letter_context(
    case: Case, kind: LetterKind, *, number: str, issued_on: dt.date, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    """The plain context a template of ``kind`` is rendered with, for ``case``.

    Raises LetterContextError (Chinese) when the law demands something the case
    lacks: an outcome for a reply, a configured review body for a remedy.
    """
    given = {k: str(v).strip() for k, v in (extra or {}).items() if k in EXTRA_FIELDS and v is not None}
    unit = case.unit
    items = _items(case)
    supplement_event = _event(case, "supplement_requested")
    supplement_received = _event(case, "supplement_received")
    consultation = _event(case, "consultation_sent")
    extension = _event(case, "extension_approved")
    extension_asked = _event(case, "extension_requested")
    reasons_asked = _event(case, "article35_reasons_requested")
    reply = _event(case, "reply_drafted")
    receipt = chinese_date(case.receipt_date)
    supplement = chinese_date(supplement_received.date) if supplement_received else ""
    ctx: dict[str, Any] = {
        "unit_name": unit.name,
        "number": number,
        "issued_on": chinese_date(issued_on),
        "case_number": case.number,
        "applicant": (case.applicant_name or "申请人") if kind in APPLICANT_KINDS else "",
        "third_party": given.get("third_party") or _detail(consultation, "party") or "第三方",
        "receipt_date": receipt,
        "supplement_date": supplement,
        "receipt_and_supplement": _receipt_sentence(receipt, supplement),
        "items": [{k: v for k, v in item.items() if k != "key"} for item in items],
        "items_text": "\n".join(f"{n}. {item['description']}" for n, item in enumerate(items, start=1)),
        "due_date": chinese_date(case.due_date),
        "office_address": unit.office_address,
        "office_phone": unit.office_phone,
        "supplement_what": _paragraph(
            given.get("supplement_what")
            or _detail(supplement_event, "what_to_add")
            or "请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。"
        ),
        "supplement_by": _date_phrase(_detail(supplement_event, "supplement_by"), "自收到本告知书之日起15个工作日内"),
        "supplement_consequence": "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "extension_reason": _paragraph(
            given.get("extension_reason")
            or _detail(extension_asked, "reason")
            or "因您申请的政府信息内容较多，本机关不能在规定期限内作出答复。"
        ),
        "extension_days": str(extension.details.get("working_days", "")) if extension else "",
        "consultation_reason": _paragraph(
            given.get("consultation_reason")
            or _detail(consultation, "consultation_reason")
            or "经审查，该信息可能涉及您的商业秘密、个人隐私等合法权益，公开可能损害您的合法权益。"
        ),
        "consultation_consequence": "您逾期未提出意见的，由本机关依照"
        "《中华人民共和国政府信息公开条例》的规定决定是否公开。",
        "decision_reason": _paragraph(
            given.get("decision_reason") or "经审查，本机关认为不公开可能对公共利益造成重大影响。"
        ),
        "reasons_request": _paragraph(
            given.get("reasons_request")
            or _detail(reasons_asked, "reason")
            or "经审查，您申请公开政府信息的数量、频次明显超过合理范围。"
            "根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您说明理由。"
        ),
        "reasons_by": "自收到本告知书之日起15个工作日内",
        **_fee_fields(case, given.get("fee_how_to_pay", "")),
    }
    outcome = case.outcome or ""
    if kind in REPLY_KINDS or kind is LetterKind.THIRD_PARTY_DECISION:
        ctx.update(_reply_fields(case, kind, outcome, items, given, reply))
    return ctx


def _reply_fields(
    case: Case,
    kind: LetterKind,
    outcome: str,
    items: list[dict[str, str]],
    given: dict[str, str],
    reply: CaseEvent | None,
) -> dict[str, str]:
    """The decision, the reasons per withheld item, the provision and the remedy of a reply."""
    body = case.unit.review_body
    if body.needs_override:
        raise LetterContextError(
            f"本单位的行政复议机关尚未确定（{body.name}），请单位管理员在单位设置中填写后再出具答复书。"
        )
    third_party = kind is LetterKind.THIRD_PARTY_DECISION
    if not outcome and not third_party:
        raise LetterContextError("案件尚未办结，不能出具答复书。")
    fields = {"remedy_text": remedy_text(review_body=body.name, outcome_key=outcome or None, third_party=third_party)}
    if third_party or not outcome:
        return fields
    link = _detail(reply, "link")
    found = decision(
        outcome,
        already_public=bool(link or (reply and reply.details.get("already_public"))),
        other_agency=given.get("other_agency") or _detail(reply, "other_agency"),
        other_agency_contact=given.get("other_agency_contact") or _detail(reply, "other_agency_contact"),
    )
    group = OUTCOMES[outcome].group
    fields.update(
        decision_text=found.text,
        decision_article=found.article,
        withheld_text=_withheld_text(items, outcome) if group in (LetterGroup.PARTIAL, LetterGroup.WITHHELD) else "",
        provision_text=_provision(case, group, given.get("provision") or _detail(reply, "provision"), link),
    )
    return fields
