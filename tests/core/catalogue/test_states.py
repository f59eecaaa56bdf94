"""Publication with review: every allowed transition and the forbidden ones, refused in Chinese."""

from __future__ import annotations

import pytest

from xxgk.core.catalogue.states import ACTIONS, State, TransitionError, VersionFacts, allowed_actions, apply

ALLOWED = [
    (State.DRAFT, "submit", VersionFacts(), State.SUBMITTED),
    (State.SUBMITTED, "send_back", VersionFacts(reason="含身份证号"), State.DRAFT),
    (State.APPROVED, "send_back", VersionFacts(reason="重新核对"), State.DRAFT),
    (State.SCHEDULED, "send_back", VersionFacts(reason="暂缓"), State.DRAFT),
    (State.SUBMITTED, "approve", VersionFacts(), State.APPROVED),
    (State.APPROVED, "publish", VersionFacts(), State.PUBLISHED),
    (State.SCHEDULED, "publish", VersionFacts(), State.PUBLISHED),
    (State.APPROVED, "schedule", VersionFacts(publish_at_in_future=True), State.SCHEDULED),
    (State.SCHEDULED, "publish_due", VersionFacts(publish_at_due=True), State.PUBLISHED),
    (State.PUBLISHED, "withdraw", VersionFacts(reason="内容有误"), State.WITHDRAWN),
    (State.PUBLISHED, "correct", VersionFacts(), State.PUBLISHED),
]


@pytest.mark.parametrize(("state", "name", "facts", "target"), ALLOWED, ids=[f"{s}-{n}" for s, n, _, _ in ALLOWED])
def test_allowed_transitions(state: State, name: str, facts: VersionFacts, target: State) -> None:
    assert apply(state, name, facts) is target


def test_every_action_is_tested_as_allowed() -> None:
    assert {name for _, name, _, _ in ALLOWED} == set(ACTIONS)


@pytest.mark.parametrize(
    ("state", "name", "facts", "message"),
    [
        (State.DRAFT, "publish", VersionFacts(), "不能执行“立即发布”"),
        (State.DRAFT, "approve", VersionFacts(), "不能执行“审核通过”"),
        (State.SUBMITTED, "publish", VersionFacts(), "不能执行“立即发布”"),
        (State.PUBLISHED, "submit", VersionFacts(), "不能执行“提交审核”"),
        (State.WITHDRAWN, "withdraw", VersionFacts(reason="x"), "不能执行“撤回”"),
        (State.SUPERSEDED, "correct", VersionFacts(), "不能执行“更正”"),
        (State.DRAFT, "submit", VersionFacts(has_title=False), "请填写名称"),
        (State.DRAFT, "submit", VersionFacts(has_formed_on=False), "请填写生成日期"),
        (State.SUBMITTED, "approve", VersionFacts(unacknowledged_findings=2), "2 处内容尚未逐项确认"),
        (State.SUBMITTED, "send_back", VersionFacts(reason="  "), "请填写理由"),
        (State.PUBLISHED, "withdraw", VersionFacts(), "请填写理由"),
        (State.APPROVED, "schedule", VersionFacts(publish_at_in_future=False), "应晚于当前时间"),
        (State.SCHEDULED, "publish_due", VersionFacts(publish_at_due=False), "尚未到定时发布的时间"),
        (State.PUBLISHED, "correct", VersionFacts(open_correction=True), "正在办理的更正稿"),
        (State.APPROVED, "publish", VersionFacts(entry_withdrawn=True), "该信息已撤回"),
        (State.SCHEDULED, "publish_due", VersionFacts(entry_withdrawn=True, publish_at_due=True), "该信息已撤回"),
    ],
)
def test_forbidden_transitions_are_refused_in_chinese(
    state: State, name: str, facts: VersionFacts, message: str
) -> None:
    with pytest.raises(TransitionError, match=message):
        apply(state, name, facts)


def test_unknown_action_and_state() -> None:
    with pytest.raises(TransitionError, match="未知的操作"):
        apply(State.DRAFT, "delete")
    with pytest.raises(TransitionError, match="未知的稿件状态"):
        apply("lost", "submit")


def test_allowed_actions_of_a_submitted_version_with_open_findings() -> None:
    names = [a.name for a in allowed_actions(State.SUBMITTED, VersionFacts(unacknowledged_findings=1, reason="x"))]
    assert names == ["send_back"]
