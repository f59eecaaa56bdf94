"""The 21 outcomes of a disclosure application and the law each rests on.

Source: shared/spec/annual-report.md §3 ("What each outcome row means") and
applications.md §6–§7. The row keys and exact labels come from
:mod:`xxgk.core.report.layout`; this module adds the article, the reply-letter
group, and what an outcome demands of the case (reasons, a prior step).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from xxgk.core.report.layout import T3_OUTCOME_ROWS, T3_ROWS

__all__ = [
    "OUTCOMES",
    "PICKER_GROUPS",
    "LetterGroup",
    "Outcome",
    "PriorStep",
    "UnknownOutcome",
    "grouped_outcomes",
    "outcome",
    "outcome_by_label",
]


class LetterGroup(StrEnum):
    """The reply letter (答复书) an outcome is written in (applications.md §7)."""

    GRANTED = "予以公开"
    PARTIAL = "部分公开"
    WITHHELD = "不予公开"
    UNAVAILABLE = "无法提供"
    NOT_PROCESSED = "不予处理"
    ENDED = "视为放弃申请/终止处理"


class PriorStep(StrEnum):
    """A step that must have happened before an outcome can be given."""

    SUPPLEMENT_NOTICE = "补正告知"
    FEE_NOTICE = "收费通知"


class UnknownOutcome(ValueError):
    """Raised when a key or label names none of the 21 outcome rows."""


@dataclass(frozen=True)
class Outcome:
    """One outcome row of table 三 with its legal basis and its demands on the case."""

    key: str
    label: str
    basis: str
    group: LetterGroup
    prior_step: PriorStep | None = None

    @property
    def wording(self) -> str:
        """The outcome in statutory words with its article, for letters and case pages (never the table 三 label)."""
        return _WORDING[self.key]

    @property
    def picker_group(self) -> str:
        """The group it is listed under in pickers, filters and lists (予以公开 … 其他处理)."""
        return _PICKER_GROUP[self.group]

    @property
    def is_refusal(self) -> bool:
        """Whether it refuses (part of) the information: review must come before litigation (行政复议法第二十三条)."""
        return self.group in (LetterGroup.WITHHELD, LetterGroup.PARTIAL)

    @property
    def needs_item_reasons(self) -> bool:
        """Whether each withheld item needs its reason (applications.md §6, 条例第三十六条第（三）项)."""
        return self.is_refusal

    @property
    def names_other_agency(self) -> bool:
        """Whether the reply names the responsible agency where known (条例第三十六条第（五）项)."""
        return self.key == "unavailable_not_held"


_G, _P, _W, _U, _N, _E = (
    LetterGroup.GRANTED,
    LetterGroup.PARTIAL,
    LetterGroup.WITHHELD,
    LetterGroup.UNAVAILABLE,
    LetterGroup.NOT_PROCESSED,
    LetterGroup.ENDED,
)

# key → (legal basis, letter group, prior step)
_FACTS: dict[str, tuple[str, LetterGroup, PriorStep | None]] = {
    "granted": ("条例第三十六条第（一）项、第（二）项", _G, None),
    "partially_granted": ("条例第三十七条", _P, None),
    "withheld_state_secret": ("条例第十四条（国家秘密）", _W, None),
    "withheld_prohibited_by_law": ("条例第十四条（法律、行政法规禁止公开）", _W, None),
    "withheld_security_stability": ("条例第十四条（危及国家安全、公共安全、经济安全、社会稳定）", _W, None),
    "withheld_third_party": ("条例第十五条", _W, None),
    "withheld_internal_affairs": ("条例第十六条第一款", _W, None),
    "withheld_process_info": ("条例第十六条第二款（过程性信息）", _W, None),
    "withheld_enforcement_files": ("条例第十六条第二款（行政执法案卷信息）", _W, None),
    "withheld_query_matter": ("条例第三十六条第（七）项", _W, None),
    "unavailable_not_held": ("条例第三十六条第（四）项、第（五）项", _U, None),
    "unavailable_needs_creation": ("条例第三十八条", _U, None),
    "unavailable_unclear": ("条例第三十条（补正后仍不明确）", _U, PriorStep.SUPPLEMENT_NOTICE),
    "not_processed_petition": ("条例第三十九条第一款", _N, None),
    "not_processed_duplicate": ("条例第三十六条第（六）项", _N, None),
    "not_processed_publication": ("条例第三十九条第二款", _N, None),
    "not_processed_excessive": ("条例第三十五条", _N, None),
    "not_processed_confirmation": ("国办公开办函〔2021〕30号（要求确认或重新出具已获取信息）", _N, None),
    "other_no_supplement": ("条例第三十条（逾期不补正视为放弃）", _E, PriorStep.SUPPLEMENT_NOTICE),
    "other_fee_unpaid": ("国办函〔2020〕109号（逾期未缴费视为放弃）", _E, PriorStep.FEE_NOTICE),
    "other_other": ("其他情形（如申请人撤回申请）", _E, None),
}

# key → the decision in statutory words with its basis (条例; applications.md §6). Table 三's
# labels ("6.属于四类过程性信息") belong to the annual report only.
_WORDING: dict[str, str] = {
    "granted": "予以公开（条例第三十六条第（一）项、第（二）项）",
    "partially_granted": "部分公开，不应公开的内容作区分处理（条例第三十七条）",
    "withheld_state_secret": "属于国家秘密，依据条例第十四条不予公开",
    "withheld_prohibited_by_law": "属于法律、行政法规禁止公开的信息，依据条例第十四条不予公开",
    "withheld_security_stability": "公开后可能危及国家安全、公共安全、经济安全、社会稳定，依据条例第十四条不予公开",
    "withheld_third_party": "公开会对第三方合法权益造成损害，依据条例第十五条不予公开",
    "withheld_internal_affairs": "属于内部事务信息，依据条例第十六条第一款不予公开",
    "withheld_process_info": "属于过程性信息，依据条例第十六条第二款不予公开",
    "withheld_enforcement_files": "属于行政执法案卷信息，依据条例第十六条第二款不予公开",
    "withheld_query_matter": (
        "属于工商、不动产登记资料等信息，依据条例第三十六条第（七）项告知依照有关法律、行政法规的规定办理"
    ),
    "unavailable_not_held": "本机关不掌握该政府信息，依据条例第三十六条第（四）项、第（五）项告知",
    "unavailable_needs_creation": "需要对现有政府信息加工、分析才能形成，依据条例第三十八条不予提供",
    "unavailable_unclear": "补正后申请内容仍不明确，依据条例第三十条无法提供",
    "not_processed_petition": (
        "以政府信息公开申请的形式进行信访、投诉、举报，依据条例第三十九条第一款不作为政府信息公开申请处理"
    ),
    "not_processed_duplicate": "重复申请公开相同政府信息，依据条例第三十六条第（六）项不予重复处理",
    "not_processed_publication": "要求提供公开出版物，依据条例第三十九条第二款不作为政府信息公开申请处理",
    "not_processed_excessive": "申请数量、频次明显超过合理范围且理由不合理，依据条例第三十五条不予处理",
    "not_processed_confirmation": (
        "要求确认或者重新出具已获取的信息，依据国办公开办函〔2021〕30号不作为政府信息公开申请处理"
    ),
    "other_no_supplement": "逾期不补正，依据条例第三十条视为放弃申请",
    "other_fee_unpaid": "逾期未缴纳信息处理费，依据国办函〔2020〕109号视为放弃申请",
    "other_other": "其他情形（如申请人撤回申请），终止处理",
}

#: The six groups the 21 outcomes are listed under in pickers, filters and lists, in order.
PICKER_GROUPS: tuple[str, ...] = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
_PICKER_GROUP = dict(zip(LetterGroup, PICKER_GROUPS, strict=True))

_LABELS = {row.key: row.label for row in T3_ROWS}

OUTCOMES: dict[str, Outcome] = {key: Outcome(key, _LABELS[key], *_FACTS[key]) for key in T3_OUTCOME_ROWS}


def grouped_outcomes() -> list[tuple[str, list[tuple[str, str]]]]:
    """The outcomes as (group, [(key, wording)]) in :data:`PICKER_GROUPS` order — Django's grouped choices."""
    return [
        (group, [(key, o.wording) for key, o in OUTCOMES.items() if o.picker_group == group]) for group in PICKER_GROUPS
    ]


def outcome(key: str) -> Outcome:
    """The outcome with this row key; raises UnknownOutcome with a Chinese message."""
    try:
        return OUTCOMES[key]
    except KeyError:
        raise UnknownOutcome(f"未知的办理结果：{key}") from None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’")


def outcome_by_label(text: str) -> Outcome:
    """The outcome named by a row key, its exact label, or a label variant of annual-report.md §7.

    A bare label is ambiguous only for ``3.其他`` (``other_other``); numbered
    labels without their group are matched on the full label text.
    """
    raw = text.strip()
    if raw in OUTCOMES:
        return OUTCOMES[raw]
    wanted = _normalise(raw)
    for item in OUTCOMES.values():
        if _normalise(item.label) == wanted:
            return item
    found = _by_report_labels(raw)
    if found is not None:
        return found
    raise UnknownOutcome(f"未知的办理结果：{raw}")


def _by_report_labels(text: str) -> Outcome | None:
    """Match a known label variant (annual-report.md §7) via the report reader's label set; never a guess."""
    try:
        from xxgk.core.report.labels import EXACT, T3_ROW_LABELS, VARIANT
    except ImportError:  # the label module is optional for this core
        return None
    found = T3_ROW_LABELS.match(text)
    if found is None or found.status not in (EXACT, VARIANT):
        return None
    return OUTCOMES.get(found.key)
