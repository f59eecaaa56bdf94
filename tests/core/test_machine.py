"""The shared state-machine steps: lookup, what is allowed now, and the guarded transition."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from xxgk.core.machine import allowed, first_refusal, pick, take


class Light(StrEnum):
    OFF = "off"
    ON = "on"


class Refused(Exception):
    pass


def _has_power(facts: bool) -> str | None:
    return None if facts else "停电，不能开灯。"


@dataclass(frozen=True)
class Switch:
    name: str
    allowed_from: frozenset[Light]
    target: Light
    guards: tuple = ()

    def refusal(self, state: Light, facts: bool) -> str | None:
        return first_refusal(state, self.allowed_from, f"不能从“{state}”{self.name}。", self.guards, facts)


ACTIONS = {
    "on": Switch("on", frozenset({Light.OFF}), Light.ON, (_has_power,)),
    "off": Switch("off", frozenset({Light.ON}), Light.OFF),
}


def test_an_allowed_action_leads_to_its_target():
    assert take(ACTIONS, Light, "off", "on", True, error=Refused, unknown_state="未知：{state}") is Light.ON


def test_a_guard_refuses_with_its_own_reason():
    with pytest.raises(Refused, match="停电"):
        take(ACTIONS, Light, Light.OFF, "on", False, error=Refused, unknown_state="未知：{state}")


def test_an_action_from_the_wrong_state_is_refused():
    with pytest.raises(Refused, match="不能从“on”on"):
        take(ACTIONS, Light, Light.ON, "on", True, error=Refused, unknown_state="未知：{state}")


def test_unknown_actions_and_states_are_refused_in_chinese():
    with pytest.raises(Refused, match="未知的操作：dim"):
        pick(ACTIONS, "dim", Refused)
    with pytest.raises(Refused, match="未知：blink"):
        take(ACTIONS, Light, "blink", "on", True, error=Refused, unknown_state="未知：{state}")


def test_allowed_lists_only_what_passes_its_guards_in_table_order():
    assert [a.name for a in allowed(ACTIONS, Light.OFF, True)] == ["on"]
    assert allowed(ACTIONS, Light.OFF, False) == []
    assert [a.name for a in allowed(ACTIONS, Light.ON, False)] == ["off"]
