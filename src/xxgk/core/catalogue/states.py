"""Publication with review (spec catalogue.md §4) as a state machine held as data.

Each version of a catalogue entry moves draft → submitted → approved →
published (now, or at a set time through ``scheduled``). A reviewer may send a
version back with a reason; a published version may be withdrawn with a
reason, or corrected: the correction is a new version that goes through the
same review, and when it is published the old one is kept as ``superseded``.
Before approval every finding of the pre-publication scan must be
acknowledged (条例第十七条: 保密审查 before publication).

Every transition goes through :func:`apply`; the Django services persist what
it returns. Guards refuse in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from xxgk.core.machine import allowed, first_refusal, pick, take

__all__ = [
    "ACTIONS",
    "MEMBERSHIP_ROLES",
    "OPEN_STATES",
    "STATE_LABELS",
    "Action",
    "Role",
    "State",
    "TransitionError",
    "VersionFacts",
    "action",
    "allowed_actions",
    "apply",
]


class State(StrEnum):
    """Where a version of an entry stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "待审核",
    State.APPROVED: "审核通过待发布",
    State.SCHEDULED: "定时发布",
    State.PUBLISHED: "已发布",
    State.SUPERSEDED: "已更正（历史版本）",
    State.WITHDRAWN: "已撤回",
}

# Versions still on their way to publication.
OPEN_STATES = frozenset({State.DRAFT, State.SUBMITTED, State.APPROVED, State.SCHEDULED})


class Role(StrEnum):
    """Who takes an action: the author (drafts, submits, corrects), the reviewer, or the system (timer)."""

    AUTHOR = "author"
    REVIEWER = "reviewer"
    SYSTEM = "system"


# Which unit membership roles (xxgk.apps.units Role) act as each catalogue role.
MEMBERSHIP_ROLES: dict[Role, tuple[str, ...]] = {
    Role.AUTHOR: ("registrar", "handler", "reviewer"),
    Role.REVIEWER: ("reviewer",),
    Role.SYSTEM: (),
}


class TransitionError(Exception):
    """An action that may not be taken now; the message is Chinese, for the person who tried."""


@dataclass(frozen=True)
class VersionFacts:
    """What the guards need to know about a version besides its state."""

    has_title: bool = True
    has_formed_on: bool = True
    unacknowledged_findings: int = 0
    reason: str = ""  # the reason given with a send-back or a withdrawal
    publish_at_in_future: bool = False  # a scheduled time was given and lies ahead
    publish_at_due: bool = False  # the scheduled time has come
    open_correction: bool = False  # another version of the entry is on its way
    entry_withdrawn: bool = False  # the entry was withdrawn: none of its versions goes public again


Guard = Callable[[VersionFacts], str | None]


@dataclass(frozen=True)
class Action:
    """A transition: name, label, the states it may start from, the target, who takes it and its guards."""

    name: str
    label: str
    allowed_from: frozenset[State]
    target: State
    role: Role
    guards: tuple[Guard, ...] = ()

    def refusal(self, state: State, facts: VersionFacts) -> str | None:
        """Why this action may not be taken from ``state`` with ``facts``, or None when it may."""
        not_from = f"该稿件当前状态为“{STATE_LABELS[state]}”，不能执行“{self.label}”。"
        return first_refusal(state, self.allowed_from, not_from, self.guards, facts)


def _complete(facts: VersionFacts) -> str | None:
    if not facts.has_title:
        return "请填写名称后再提交（条例第十二条：目录须含名称）。"
    if not facts.has_formed_on:
        return "请填写生成日期后再提交（条例第十二条、第二十六条）。"
    return None


def _findings_acknowledged(facts: VersionFacts) -> str | None:
    if facts.unacknowledged_findings:
        return (
            f"发布前检查发现的 {facts.unacknowledged_findings} 处内容尚未逐项确认，"
            "请逐项确认可以公开，或退回修改（条例第十七条：公开前应当依法审查）。"
        )
    return None


def _reason_given(facts: VersionFacts) -> str | None:
    return None if facts.reason.strip() else "请填写理由。"


def _in_future(facts: VersionFacts) -> str | None:
    return None if facts.publish_at_in_future else "定时发布的时间应晚于当前时间。"


def _due(facts: VersionFacts) -> str | None:
    return None if facts.publish_at_due else "尚未到定时发布的时间。"


def _not_withdrawn(facts: VersionFacts) -> str | None:
    return (
        "该信息已撤回，撤回记录须保留，不能再发布其任何版本；如需重新公开，请起草新的信息。"
        if facts.entry_withdrawn
        else None
    )


def _no_open_correction(facts: VersionFacts) -> str | None:
    return "该条目已有一个正在办理的更正稿，请先办完或删除它。" if facts.open_correction else None


_S = State
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("submit", "提交审核", frozenset({_S.DRAFT}), _S.SUBMITTED, Role.AUTHOR, (_complete,)),
        Action(
            "send_back",
            "退回修改",
            frozenset({_S.SUBMITTED, _S.APPROVED, _S.SCHEDULED}),
            _S.DRAFT,
            Role.REVIEWER,
            (_reason_given,),
        ),
        Action("approve", "审核通过", frozenset({_S.SUBMITTED}), _S.APPROVED, Role.REVIEWER, (_findings_acknowledged,)),
        Action(
            "publish",
            "立即发布",
            frozenset({_S.APPROVED, _S.SCHEDULED}),
            _S.PUBLISHED,
            Role.REVIEWER,
            (_not_withdrawn,),
        ),
        Action("schedule", "定时发布", frozenset({_S.APPROVED}), _S.SCHEDULED, Role.REVIEWER, (_in_future,)),
        Action("publish_due", "到时发布", frozenset({_S.SCHEDULED}), _S.PUBLISHED, Role.SYSTEM, (_not_withdrawn, _due)),
        Action("withdraw", "撤回", frozenset({_S.PUBLISHED}), _S.WITHDRAWN, Role.REVIEWER, (_reason_given,)),
        # Correcting leaves the published version as it is and opens a new draft version.
        Action("correct", "更正", frozenset({_S.PUBLISHED}), _S.PUBLISHED, Role.AUTHOR, (_no_open_correction,)),
    )
}


def action(name: str) -> Action:
    """The action with this name; raises TransitionError with a Chinese message."""
    return pick(ACTIONS, name, TransitionError)


def allowed_actions(state: State | str, facts: VersionFacts | None = None) -> list[Action]:
    """The actions that may be taken now from ``state`` given ``facts``, in a stable order."""
    return allowed(ACTIONS, State(state), facts or VersionFacts())


def apply(state: State | str, name: str, facts: VersionFacts | None = None) -> State:
    """The state after taking action ``name``; raises TransitionError (Chinese) when it may not be taken."""
    return take(
        ACTIONS,
        State,
        state,
        name,
        facts or VersionFacts(),
        error=TransitionError,
        unknown_state="未知的稿件状态：{state}",
    )
