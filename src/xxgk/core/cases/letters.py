"""Letters of a disclosure case: which letter, the decision with its exact article, the remedy, the number.

Pure Python, no Django. Sources: 条例第三十条至第三十九条 (the content of each
reply), 行政复议法（2023年修订）第二十三条 (review before litigation for a
refusal to disclose), 行政诉讼法第四十六条 (six months), spec applications.md
§6–§7. The texts built here are handed to a unit's letter template as
ready-made blocks, so that the legal content cannot be lost by editing wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from xxgk.core.cases.outcomes import OUTCOMES, LetterGroup, UnknownOutcome

__all__ = [
    "APPLICANT_KINDS",
    "KIND_TITLES",
    "REPLY_KINDS",
    "REQUIRED_PLACEHOLDERS",
    "Decision",
    "LetterKind",
    "allowed_letter_kinds",
    "chinese_date",
    "decision",
    "default_prefix",
    "fee_notice_refusal",
    "letter_number",
    "remedy_text",
    "reply_kind",
]

LAW = "《中华人民共和国政府信息公开条例》"


class LetterKind(StrEnum):
    """The documents a case produces (applications.md §7)."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    THIRD_PARTY_DECISION = "third_party_decision"
    FEE_NOTICE = "fee_notice"
    REASONS = "reasons"
    REPLY_GRANTED = "reply_granted"
    REPLY_PARTIAL = "reply_partial"
    REPLY_WITHHELD = "reply_withheld"
    REPLY_UNAVAILABLE = "reply_unavailable"
    REPLY_NOT_PROCESSED = "reply_not_processed"
    REPLY_ENDED = "reply_ended"


KIND_TITLES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "政府信息公开申请受理回执",
    LetterKind.SUPPLEMENT: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开第三方征求意见书",
    LetterKind.THIRD_PARTY_DECISION: "政府信息公开决定告知书（第三方）",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
    LetterKind.REASONS: "政府信息公开申请说明理由告知书",
    LetterKind.REPLY_GRANTED: "政府信息公开申请答复书（予以公开）",
    LetterKind.REPLY_PARTIAL: "政府信息公开申请答复书（部分公开）",
    LetterKind.REPLY_WITHHELD: "政府信息公开申请答复书（不予公开）",
    LetterKind.REPLY_UNAVAILABLE: "政府信息公开申请答复书（无法提供）",
    LetterKind.REPLY_NOT_PROCESSED: "政府信息公开申请答复书（不予处理）",
    LetterKind.REPLY_ENDED: "政府信息公开申请答复书（视为放弃申请/终止处理）",
}

_REPLY_OF_GROUP: dict[LetterGroup, LetterKind] = {
    LetterGroup.GRANTED: LetterKind.REPLY_GRANTED,
    LetterGroup.PARTIAL: LetterKind.REPLY_PARTIAL,
    LetterGroup.WITHHELD: LetterKind.REPLY_WITHHELD,
    LetterGroup.UNAVAILABLE: LetterKind.REPLY_UNAVAILABLE,
    LetterGroup.NOT_PROCESSED: LetterKind.REPLY_NOT_PROCESSED,
    LetterGroup.ENDED: LetterKind.REPLY_ENDED,
}
REPLY_KINDS = frozenset(_REPLY_OF_GROUP.values())
# Everything but the two letters to a third party goes to the applicant (and may be fetched by tracking token).
APPLICANT_KINDS = frozenset(LetterKind) - {LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_DECISION}

# What a template of each kind must keep: the law demands it in the letter (applications.md §7).
_REPLY_NEEDS = frozenset({"receipt_date", "items_text", "decision_text", "provision_text", "remedy_text"})
REQUIRED_PLACEHOLDERS: dict[LetterKind, frozenset[str]] = {
    LetterKind.RECEIPT: frozenset({"receipt_date", "due_date"}),
    LetterKind.SUPPLEMENT: frozenset({"supplement_what", "supplement_by", "supplement_consequence"}),
    LetterKind.EXTENSION: frozenset({"extension_reason", "due_date"}),
    LetterKind.CONSULTATION: frozenset({"items_text", "consultation_reason", "consultation_consequence"}),
    LetterKind.THIRD_PARTY_DECISION: frozenset({"items_text", "decision_reason", "remedy_text"}),
    LetterKind.FEE_NOTICE: frozenset({"fee_basis", "fee_standard", "fee_amount", "fee_how_to_pay", "fee_consequence"}),
    LetterKind.REASONS: frozenset({"reasons_request", "reasons_by"}),
    **{kind: _REPLY_NEEDS for kind in REPLY_KINDS},
}


def reply_kind(outcome_key: str) -> LetterKind:
    """The 答复书 an outcome is written in (applications.md §7: one per outcome group)."""
    item = OUTCOMES.get(outcome_key)
    if item is None:
        raise UnknownOutcome(f"未知的办理结果：{outcome_key}")
    return _REPLY_OF_GROUP[item.group]


# The event kinds (xxgk.apps.cases CaseEvent.kind) that make a procedural letter possible.
_EVENT_OF_KIND: dict[LetterKind, str] = {
    LetterKind.SUPPLEMENT: "supplement_requested",
    LetterKind.EXTENSION: "extension_approved",
    LetterKind.CONSULTATION: "consultation_sent",
    LetterKind.FEE_NOTICE: "fee_notice_sent",
}


def fee_notice_refusal(*, sent: bool, paid: bool, waiting: bool) -> str | None:
    """Why the 收费通知书 cannot be issued, or None: only for a recorded notice the applicant may still pay (109号)."""
    if not sent:
        return "本案没有登记发出收费通知，不能出具收费通知书。"
    if paid:
        return "申请人已缴纳信息处理费，不能再出具收费通知书。"
    if not waiting:
        return "本案已不在待缴费阶段（逾期未缴费视为放弃申请，或已撤回、办结），不能再出具收费通知书。"
    return None


def allowed_letter_kinds(
    *, event_kinds: set[str], outcome: str | None, is_open: bool, fee_waiting: bool | None = None
) -> list[LetterKind]:
    """The letters a case may issue now, in document order.

    A receipt always; a procedural notice once its step is recorded (条例第三十条、
    第三十二条、第三十三条, 109号); the 第三十五条 request for reasons while the
    case is open; the third-party notice of a decision to disclose after a
    consultation and a decision to (partly) disclose; the 答复书 of the outcome
    once the case is concluded. The 收费通知书 only while the applicant may
    still pay (``fee_waiting``: not paid, not lapsed; by default not paid and open).
    """
    kinds = [LetterKind.RECEIPT]
    kinds += [kind for kind, event in _EVENT_OF_KIND.items() if event in event_kinds]
    waiting = ("fee_paid" not in event_kinds and is_open) if fee_waiting is None else fee_waiting
    if fee_notice_refusal(sent="fee_notice_sent" in event_kinds, paid="fee_paid" in event_kinds, waiting=waiting):
        kinds = [k for k in kinds if k is not LetterKind.FEE_NOTICE]
    if is_open:
        kinds.append(LetterKind.REASONS)
    if outcome:
        group = OUTCOMES[outcome].group if outcome in OUTCOMES else None
        if "consultation_sent" in event_kinds and group in (LetterGroup.GRANTED, LetterGroup.PARTIAL):
            kinds.append(LetterKind.THIRD_PARTY_DECISION)
        kinds.append(reply_kind(outcome))
    order = list(LetterKind)
    return sorted(kinds, key=order.index)


@dataclass(frozen=True)
class Decision:
    """The decision of a reply: the exact legal provision and the sentence stating it."""

    article: str
    text: str


# outcome key → (provision, what the agency found); the sentence adds the decision.
_FINDINGS: dict[str, tuple[str, str]] = {
    "withheld_state_secret": ("第十四条、第三十六条第（三）项", "您申请公开的政府信息属于国家秘密"),
    "withheld_prohibited_by_law": (
        "第十四条、第三十六条第（三）项",
        "您申请公开的政府信息属于法律、行政法规禁止公开的政府信息",
    ),
    "withheld_security_stability": (
        "第十四条、第三十六条第（三）项",
        "您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    "withheld_third_party": (
        "第十五条、第三十六条第（三）项",
        "您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    ),
    "withheld_internal_affairs": (
        "第十六条第一款、第三十六条第（三）项",
        "您申请公开的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息",
    ),
    "withheld_process_info": (
        "第十六条第二款、第三十六条第（三）项",
        "您申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    ),
    "withheld_enforcement_files": (
        "第十六条第二款、第三十六条第（三）项",
        "您申请公开的政府信息属于行政执法案卷信息",
    ),
}

_FIXED: dict[str, tuple[str, str]] = {
    "withheld_query_matter": (
        "第三十六条第（七）项",
        "您申请公开的政府信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，"
        "请依照有关法律、行政法规的规定办理",
    ),
    "unavailable_needs_creation": (
        "第三十八条",
        "您申请的信息需要本机关对现有政府信息进行加工、分析才能形成，本机关不予提供",
    ),
    "unavailable_unclear": ("第三十条", "经补正后，您的申请内容仍不明确，本机关无法提供"),
    "not_processed_petition": (
        "第三十九条第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
        "请通过信访、投诉、举报等相应渠道提出",
    ),
    "not_processed_duplicate": (
        "第三十六条第（六）项",
        "本机关已就您的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理",
    ),
    "not_processed_publication": (
        "第三十九条第二款",
        "您要求提供政府公报、报刊、书籍等公开出版物，本机关不作为政府信息公开申请处理，请通过相应的公开出版渠道获取",
    ),
    "not_processed_excessive": (
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，理由不合理，本机关不予处理",
    ),
    "other_no_supplement": ("第三十条", "您未在补正期限内补正，视为放弃申请，本机关不再处理该政府信息公开申请"),
}


def decision(
    outcome_key: str, *, already_public: bool = False, other_agency: str = "", other_agency_contact: str = ""
) -> Decision:
    """The decision sentence of a reply with the exact article and item (条例第三十六条 and the article cited).

    ``already_public`` picks 第三十六条第（一）项 over 第（二）项 for ``granted``;
    ``other_agency`` picks 第（五）项 over 第（四）项 for ``unavailable_not_held``
    and names the responsible agency and its contact.
    """
    if outcome_key not in OUTCOMES:
        raise UnknownOutcome(f"未知的办理结果：{outcome_key}")
    if outcome_key == "granted":
        if already_public:
            article = "第三十六条第（一）项"
            text = f"您申请公开的政府信息已经主动公开。根据{LAW}{article}的规定，现告知您获取该政府信息的方式和途径。"
        else:
            article = "第三十六条第（二）项"
            text = f"经审查，您申请公开的政府信息属于可以公开的政府信息。根据{LAW}{article}的规定，本机关决定予以公开。"
        return Decision(article, text)
    if outcome_key == "partially_granted":
        article = "第三十七条、第三十六条第（二）项、第（三）项"
        text = (
            "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。"
            f"根据{LAW}{article}的规定，本机关决定公开可以公开的部分，不予公开的部分及其理由见下。"
        )
        return Decision(article, text)
    if outcome_key in _FINDINGS:
        article, finding = _FINDINGS[outcome_key]
        return Decision(article, f"经审查，{finding}。根据{LAW}{article}的规定，本机关决定不予公开。")
    if outcome_key == "unavailable_not_held":
        return _not_held(other_agency, other_agency_contact)
    if outcome_key in _FIXED:
        article, finding = _FIXED[outcome_key]
        return Decision(article, f"根据{LAW}{article}的规定，{finding}。")
    if outcome_key == "not_processed_confirmation":
        basis = "国办公开办函〔2021〕30号"
        return Decision(
            "国办公开办函〔2021〕30号",
            f"您要求本机关确认或者重新出具已经获取的信息，根据{basis}，本机关不作为政府信息公开申请处理。",
        )
    if outcome_key == "other_fee_unpaid":
        basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        return Decision(
            "国办函〔2020〕109号",
            f"您未在规定期限内缴纳信息处理费，根据{basis}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
        )
    return Decision("", "您已撤回该政府信息公开申请，本机关终止处理。")  # other_other


def _not_held(other_agency: str, contact: str) -> Decision:
    """条例第三十六条第（四）项 (does not exist) or 第（五）项 (another agency is responsible)."""
    if other_agency.strip():
        article = "第三十六条第（五）项"
        who = f"负责公开该政府信息的行政机关为{other_agency.strip()}"
        who += f"，联系方式：{contact.strip()}" if contact.strip() else ""
        return Decision(
            article,
            f"经审查，您申请公开的政府信息不属于本机关负责公开。根据{LAW}{article}的规定，{who}。",
        )
    article = "第三十六条第（四）项"
    return Decision(
        article, f"经检索，本机关没有您申请公开的政府信息。根据{LAW}{article}的规定，告知您该政府信息不存在。"
    )


def remedy_text(*, review_body: str, outcome_key: str | None = None, third_party: bool = False) -> str:
    """The remedy paragraph: review within 60 days naming the review body, litigation within 6 months.

    行政复议法（2023年修订）第二十条、第二十三条; 行政诉讼法第四十六条. For a
    refusal (不予公开) the applicant must apply for review first and the letter
    says so; for a partial disclosure that holds for the withheld part only.
    """
    body = review_body.strip()
    if not body:
        raise ValueError("行政复议机关不能为空")
    letter = "告知书" if third_party else "答复书"
    review = f"可以自收到本{letter}之日起六十日内向{body}申请行政复议"
    sue = f"自收到本{letter}之日起六个月内依法向人民法院提起行政诉讼"
    first = (
        "根据《中华人民共和国行政复议法》第二十三条的规定，对行政机关不予公开政府信息的决定不服的，"
        "应当先申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼"
    )
    group = None if third_party or outcome_key not in OUTCOMES else OUTCOMES[outcome_key].group
    if group is LetterGroup.WITHHELD:
        return f"如对本答复不服，您{review}；{first}。"
    if group is LetterGroup.PARTIAL:
        return f"如对本答复不服，您{review}。其中，对不予公开部分不服的，{first}；对其他部分不服的，也可以{sue}。"
    subject = "如对本决定不服" if third_party else "如对本答复不服"
    return f"{subject}，您{review}，或者{sue}。"


def chinese_date(day: dt.date | None) -> str:
    """A date as written in letters: 2026年6月1日 (empty for None)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def default_prefix(short_name: str, name: str) -> str:
    """The default letter prefix of a unit: its short name + 公开, e.g. 勍香镇公开."""
    base = short_name.strip() or name.strip().removesuffix("人民政府") or name.strip()
    return f"{base}公开"


def letter_number(prefix: str, year: int, serial: int) -> str:
    """A letter number such as 勍香镇公开〔2026〕12号 (GB/T 9704 发文字号 style, year in 六角括号)."""
    if not prefix.strip():
        raise ValueError("文号前缀不能为空")
    if serial < 1:
        raise ValueError("文号序号必须是正整数")
    return f"{prefix.strip()}〔{year}〕{serial}号"
