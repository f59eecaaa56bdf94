"""What every state machine of the law shares: actions held as data and refused, in Chinese, before they run.

The case (``core.cases.states``) and the catalogue version
(``core.catalogue.states``) each keep their own states, facts, guards and
wording; the lookup of an action, the list of what is allowed now and the
guarded transition are the same for both and live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, Protocol, TypeVar

__all__ = ["allowed", "first_refusal", "pick", "take"]

S = TypeVar("S", bound=StrEnum)
F = TypeVar("F")


class _Action(Protocol):
    """An action of any machine: where it leads and why it may not be taken (its own states and facts)."""

    @property
    def target(self) -> Any: ...

    @property
    def refusal(self) -> Callable[..., str | None]: ...


A = TypeVar("A", bound=_Action)


def first_refusal(
    state: StrEnum,
    allowed_from: frozenset[S],
    not_from: str,
    guards: Iterable[Callable[[F], str | None]],
    facts: F,
) -> str | None:
    """``not_from`` when ``state`` is not a start state of the action, else the first guard's reason, else None."""
    if state not in allowed_from:
        return not_from
    for guard in guards:
        reason = guard(facts)
        if reason:
            return reason
    return None


def pick(actions: Mapping[str, A], name: str, error: type[Exception]) -> A:
    """The action with this name; raises ``error`` with a Chinese message when there is none."""
    try:
        return actions[name]
    except KeyError:
        raise error(f"未知的操作：{name}") from None


def allowed(actions: Mapping[str, A], state: StrEnum, facts: object) -> list[A]:
    """The actions that may be taken now from ``state`` given ``facts``, in the table's order."""
    return [a for a in actions.values() if a.refusal(state, facts) is None]


def take(
    actions: Mapping[str, A],
    states: type[S],
    state: StrEnum | str,
    name: str,
    facts: object,
    *,
    error: type[Exception],
    unknown_state: str,
) -> S:
    """The state after taking action ``name``; raises ``error`` (Chinese) when it may not be taken.

    ``unknown_state`` is the message for a state outside ``states``, with ``{state}`` for the value.
    """
    try:
        current = states(state)
    except ValueError:
        raise error(unknown_state.format(state=state)) from None
    act = pick(actions, name, error)
    reason = act.refusal(current, facts)
    if reason:
        raise error(reason)
    return states(act.target)
