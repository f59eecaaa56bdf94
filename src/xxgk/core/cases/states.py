"""The case state machine, as data: states, actions, who may take them, and guards.

applications.md §2–§7 (条例第三十条至第三十五条). Every transition of a case
goes through :func:`apply`; the Django services persist what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from xxgk.core.calendar.deadline import fee_lapse_refusal
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.machine import allowed, first_refusal, pick, take

__all__ = [
    "ACTIONS",
    "OPEN_STATES",
    "TERMINAL_STATES",
    "Action",
    "CaseFacts",
    "Role",
    "State",
    "TransitionError",
    "action",
    "allowed_actions",
    "apply",
]


class State(StrEnum):
    """Where a case stands."""

    RECEIVED = "received"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    IN_PROGRESS = "in_progress"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    EXTENSION_REQUESTED = "extension_requested"
    REPLY_DRAFTED = "reply_drafted"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    SPLIT = "split"


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "已登记",
    State.AWAITING_SUPPLEMENT: "待补正",
    State.IN_PROGRESS: "办理中",
    State.CONSULTING: "征求意见中",
    State.AWAITING_FEE: "待缴费",
    State.EXTENSION_REQUESTED: "延期待批",
    State.REPLY_DRAFTED: "答复待审核",
    State.CLOSED: "已办结",
    State.WITHDRAWN: "已撤回",
    State.SPLIT: "已拆分",
}

TERMINAL_STATES = frozenset({State.CLOSED, State.WITHDRAWN, State.SPLIT})
OPEN_STATES = frozenset(State) - TERMINAL_STATES


class Role(StrEnum):
    """The roles of a unit's staff who act on cases (xxgk.apps.units Membership roles)."""

    REGISTRAR = "registrar"
    HANDLER = "handler"
    REVIEWER = "reviewer"


class TransitionError(Exception):
    """An action that may not be taken now; the message is Chinese, for the person who tried."""


@dataclass(frozen=True)
class CaseFacts:
    """What the guards need to know about a case besides its state."""

    supplement_requested: bool = False  # 第三十条: one 补正 notice only
    supplement_received: bool = False
    fee_notice_sent: bool = False
    extension_used: bool = False  # 第三十三条: one extension only
    item_count: int = 1
    outcome: str | None = None  # the outcome of the draft reply
    items_without_reason: int = 0  # withheld items lacking a reason
    on: dt.date | None = None  # the day the action is taken
    fee_payment_limit: dt.date | None = None  # 109号: the last day to pay the fee notice, while unpaid


Guard = Callable[[CaseFacts], str | None]  # returns the Chinese reason for refusing, or None


@dataclass(frozen=True)
class Action:
    """A transition: its name, label, the states it may start from, the target state, role and guards."""

    name: str
    label: str
    allowed_from: frozenset[State]
    target: State
    role: Role
    guards: tuple[Guard, ...] = ()

    def refusal(self, state: State, facts: CaseFacts) -> str | None:
        """Why this action may not be taken from ``state`` with ``facts``, or None when it may."""
        not_from = f"案件当前状态为“{STATE_LABELS[state]}”，不能执行“{self.label}”。"
        return first_refusal(state, self.allowed_from, not_from, self.guards, facts)


def _once_supplement(facts: CaseFacts) -> str | None:
    return "补正只能一次性告知（条例第三十条），本案已告知过补正。" if facts.supplement_requested else None


def _once_extension(facts: CaseFacts) -> str | None:
    return "延期答复只能申请一次（条例第三十三条），本案已延期过。" if facts.extension_used else None


def _once_fee(facts: CaseFacts) -> str | None:
    return "本案已发出收费通知，每件申请只收一次费。" if facts.fee_notice_sent else None


def _several_items(facts: CaseFacts) -> str | None:
    return None if facts.item_count >= 2 else "只有一项申请内容的申请不能拆分（一事一申请）。"


def _outcome_fits(facts: CaseFacts) -> str | None:
    """The draft outcome must exist, have its prior step, and give reasons for withheld items (条例第三十六条)."""
    if facts.outcome is None:
        return "请先选择办理结果。"
    item = OUTCOMES.get(facts.outcome)
    if item is None:
        return f"未知的办理结果：{facts.outcome}"
    if item.key == "unavailable_unclear" and not facts.supplement_received:
        return "“补正后申请内容仍不明确”须在收到补正材料之后才能作出（条例第三十条）。"
    if item.key == "other_no_supplement" and not facts.supplement_requested:
        return "未发出补正告知，不能以“逾期不补正”办结（条例第三十条）。"
    if item.key == "other_fee_unpaid" and not facts.fee_notice_sent:
        return "未发出收费通知，不能以“逾期未缴费”办结（国办函〔2020〕109号）。"
    if item.needs_item_reasons and facts.items_without_reason:
        return f"不予公开的内容须逐项说明理由，尚有 {facts.items_without_reason} 项未写理由。"
    return None


def _lapse_outcome(expected: str, waiting: str) -> Guard:
    def guard(facts: CaseFacts) -> str | None:
        if facts.outcome != expected:
            return f"{waiting}期间只能以“{OUTCOMES[expected].wording}”办结，或等待申请人。"
        return None

    return guard


def _fee_time_up(facts: CaseFacts) -> str | None:
    """ "逾期未缴费" only after the payment limit (国办函〔2020〕109号: 20 working days after receiving the notice)."""
    if facts.fee_payment_limit is None or facts.on is None:
        return None
    return fee_lapse_refusal(facts.on, facts.fee_payment_limit)


def _from_draft_state(facts: CaseFacts) -> str | None:
    return _outcome_fits(facts)


_S = State
_WORKING = frozenset({_S.RECEIVED, _S.IN_PROGRESS})

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("accept", "受理", frozenset({_S.RECEIVED}), _S.IN_PROGRESS, Role.REGISTRAR),
        Action("request_supplement", "告知补正", _WORKING, _S.AWAITING_SUPPLEMENT, Role.HANDLER, (_once_supplement,)),
        Action("receive_supplement", "收到补正", frozenset({_S.AWAITING_SUPPLEMENT}), _S.IN_PROGRESS, Role.REGISTRAR),
        Action("send_consultation", "发出征求意见", frozenset({_S.IN_PROGRESS}), _S.CONSULTING, Role.HANDLER),
        Action("receive_consultation", "收到第三方意见", frozenset({_S.CONSULTING}), _S.IN_PROGRESS, Role.HANDLER),
        Action(
            "send_fee_notice", "发出收费通知", frozenset({_S.IN_PROGRESS}), _S.AWAITING_FEE, Role.HANDLER, (_once_fee,)
        ),
        Action("record_payment", "登记缴费", frozenset({_S.AWAITING_FEE}), _S.IN_PROGRESS, Role.REGISTRAR),
        Action(
            "request_extension",
            "申请延期",
            frozenset({_S.IN_PROGRESS, _S.CONSULTING}),
            _S.EXTENSION_REQUESTED,
            Role.HANDLER,
            (_once_extension,),
        ),
        Action("approve_extension", "批准延期", frozenset({_S.EXTENSION_REQUESTED}), _S.IN_PROGRESS, Role.REVIEWER),
        Action("reject_extension", "不批准延期", frozenset({_S.EXTENSION_REQUESTED}), _S.IN_PROGRESS, Role.REVIEWER),
        Action(
            "draft_reply", "拟定答复", frozenset({_S.IN_PROGRESS}), _S.REPLY_DRAFTED, Role.HANDLER, (_from_draft_state,)
        ),
        Action(
            "supplement_lapsed",
            "逾期未补正",
            frozenset({_S.AWAITING_SUPPLEMENT}),
            _S.REPLY_DRAFTED,
            Role.HANDLER,
            (_lapse_outcome("other_no_supplement", "待补正"), _outcome_fits),
        ),
        Action(
            "fee_lapsed",
            "逾期未缴费",
            frozenset({_S.AWAITING_FEE}),
            _S.REPLY_DRAFTED,
            Role.HANDLER,
            (_lapse_outcome("other_fee_unpaid", "待缴费"), _outcome_fits, _fee_time_up),
        ),
        Action(
            "approve_reply", "审核通过并答复", frozenset({_S.REPLY_DRAFTED}), _S.CLOSED, Role.REVIEWER, (_outcome_fits,)
        ),
        Action("return_reply", "退回修改", frozenset({_S.REPLY_DRAFTED}), _S.IN_PROGRESS, Role.REVIEWER),
        Action("withdraw", "申请人撤回", OPEN_STATES, _S.WITHDRAWN, Role.REGISTRAR),
        Action("split", "拆分申请", _WORKING, _S.SPLIT, Role.HANDLER, (_several_items,)),
    )
}


def action(name: str) -> Action:
    """The action with this name; raises TransitionError with a Chinese message."""
    return pick(ACTIONS, name, TransitionError)


def allowed_actions(state: State | str, facts: CaseFacts | None = None) -> list[Action]:
    """The actions that may be taken now from ``state`` given ``facts``, in a stable order."""
    return allowed(ACTIONS, State(state), facts or CaseFacts())


def apply(state: State | str, name: str, facts: CaseFacts | None = None) -> State:
    """The state after taking action ``name``; raises TransitionError (Chinese) when it may not be taken."""
    return take(
        ACTIONS,
        State,
        state,
        name,
        facts or CaseFacts(),
        error=TransitionError,
        unknown_state="未知的案件状态：{state}",
    )
