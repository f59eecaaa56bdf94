"""Demo cases: a realistic year of applications across the demo units (idempotent).

Called by xxgk.apps.units.demo.load_demo at its end. Every outcome of table 三
occurs at least once in 勍香镇; some cases cross the year end; some have a
补正, a consultation, an extension or a fee; one review and one lawsuit.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from xxgk.apps.cases.models import Case
from xxgk.apps.cases.services import case_register, case_transition, review_conclude, review_register
from xxgk.apps.units.models import Unit
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.report.layout import T3_OUTCOME_ROWS

__all__ = ["DEMO_YEAR", "load_demo_cases"]

log = logging.getLogger(__name__)
DEMO_YEAR = 2025
MAIN_UNIT = "勍香镇人民政府"
OTHER_UNITS = ("青石镇人民政府", "示例县教育局", "示例县自然资源局")
TOPICS = (
    "2025年村级集体经济收支情况",
    "某村土地征收补偿安置方案",
    "镇区道路改造工程招标文件",
    "最低生活保障对象名单及审批材料",
    "农村危房改造补助资金发放情况",
    "镇政府2024年部门决算",
    "某企业环境影响评价批复",
    "宅基地审批台账",
    "防汛物资采购合同",
    "某信访事项处理意见书",
)
# the reason a demo reply gives for a withheld item, per ground (applications.md §6)
REASONS = {
    "partially_granted": "其中涉及个人身份证号码、住址等个人信息，公开会损害第三方合法权益，已作区分处理后公开其余部分",
    "withheld_state_secret": "经保密审查，该信息已依法定密，属于国家秘密",
    "withheld_prohibited_by_law": "《中华人民共和国统计法》规定统计调查中获得的能够识别单个统计调查对象的资料不得公开",
    "withheld_security_stability": "该信息涉及防汛重点部位布防情况，公开后可能危及公共安全",
    "withheld_third_party": "涉及第三方企业商业秘密，经书面征求意见，第三方不同意公开",
    "withheld_internal_affairs": "属于本机关内部人事管理和工作流程信息",
    "withheld_process_info": "属于本机关履行职责过程中形成的会议讨论记录，尚未形成正式决定",
    "withheld_enforcement_files": "属于行政执法案卷中的调查询问笔录",
    "withheld_query_matter": "属于不动产登记资料，应当依照《不动产登记资料查询暂行办法》到不动产登记机构查询",
}
# outcome → the steps before the reply (action, days after receipt, extra arguments)
_BEFORE: dict[str, list[tuple[str, int, dict[str, Any]]]] = {
    "withheld_third_party": [("send_consultation", 4, {}), ("receive_consultation", 15, {})],
}


def _steps(outcome: str, rng: random.Random) -> list[tuple[str, int, dict[str, Any]]]:
    """The actions that take a freshly registered case to ``outcome``."""
    if outcome == "other_other":
        return [("withdraw", rng.randint(2, 8), {})]
    if outcome == "other_no_supplement":
        return [
            ("request_supplement", 4, {}),
            ("supplement_lapsed", 40, {"outcome": outcome}),
            ("approve_reply", 41, {}),
        ]
    if outcome == "unavailable_unclear":
        return [
            ("request_supplement", 3, {}),
            ("receive_supplement", 9, {}),
            ("draft_reply", 20, {"outcome": outcome}),
            ("approve_reply", 22, {}),
        ]
    steps: list[tuple[str, int, dict[str, Any]]] = [("accept", 0, {})]
    if outcome == "other_fee_unpaid":
        fee = {"method": "per_application", "quantity": 12}
        return [
            *steps,
            ("send_fee_notice", 5, {"fee": fee}),
            ("fee_lapsed", 60, {"outcome": outcome}),
            ("approve_reply", 61, {}),
        ]
    steps += _BEFORE.get(outcome, [])
    return [*steps, ("draft_reply", rng.randint(8, 18), {"outcome": outcome}), ("approve_reply", 24, {})]


def _play(case: Case, steps: list[tuple[str, int, dict[str, Any]]], calendar: Any) -> Case:
    for action, offset, extra in steps:
        if action == "draft_reply":
            outcome = extra["outcome"]
            reason = REASONS[outcome] if OUTCOMES[outcome].needs_item_reasons else ""
            case.items.update(decision=outcome, reason=reason)
        case = case_transition(
            actor=None,
            case=case,
            version=case.version,
            action=action,
            on=case.receipt_date + dt.timedelta(days=offset),
            calendar=calendar,
            **extra,
        )
    return case


def _register(unit: Unit, received: dt.date, rng: random.Random, calendar: Any, **fields: Any) -> Case:
    applicant_type = fields.pop("applicant_type", None) or rng.choice(
        ["natural_person"] * 6 + ["commercial", "research", "social_welfare", "legal_services", "other_org"]
    )
    surname = rng.choice("王李张刘陈杨赵黄周吴")
    return case_register(
        actor=None,
        unit=unit,
        channel=rng.choice(["online", "online", "letter", "in_person", "email", "fax"]),
        receipt_date=received,
        receipt_evidence="演示数据",
        applicant_type=applicant_type,
        items=fields.pop("items", None) or [rng.choice(TOPICS)],
        applicant_name=f"{surname}某" if applicant_type == "natural_person" else "某单位",
        calendar=calendar,
        **fields,
    )


def _unit_cases(unit: Unit, outcomes: list[str], open_count: int, rng: random.Random, calendar: Any) -> None:
    """Closed cases with the given outcomes through the year, then open ones late in December."""
    for i, outcome in enumerate(outcomes):
        received = dt.date(DEMO_YEAR, 1, 6) + dt.timedelta(days=(i * 330) // max(len(outcomes), 1) + rng.randint(0, 6))
        _play(_register(unit, received, rng, calendar), _steps(outcome, rng), calendar)
    for i in range(open_count):
        case = _register(unit, dt.date(DEMO_YEAR, 12, 15 + i * 3), rng, calendar)
        _play(case, [("accept", 1, {})], calendar)


@transaction.atomic
def load_demo_cases() -> int:
    """Create the demo cases where a demo unit has none; returns the number of cases created."""
    from xxgk.apps.workcalendar.selectors import load_calendar

    calendar = load_calendar()
    rng = random.Random(DEMO_YEAR)
    before = Case.objects.count()
    main = Unit.objects.filter(name=MAIN_UNIT).first()
    if main is not None and not main.cases.exists():
        _main_unit(main, rng, calendar)
    for name in OTHER_UNITS:
        unit = Unit.objects.filter(name=name).first()
        if unit is not None and not unit.cases.exists():
            _unit_cases(unit, rng.sample(["granted"] * 4 + list(T3_OUTCOME_ROWS[:6]), 6), 1, rng, calendar)
    created = Case.objects.count() - before
    if created:
        _issue_reply_letters()
    log.info("demo cases created: %d", created)
    return created


def _issue_reply_letters() -> None:
    """Issue the 答复书 of every concluded demo case, dated the day it concluded, as approving a reply does."""
    from django.contrib.auth import get_user_model

    from xxgk.apps.letters.services import LetterRefused, reply_letter_issue

    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return
    concluded = Case.objects.filter(unit__name__in=(MAIN_UNIT, *OTHER_UNITS), outcome__isnull=False)
    for case in concluded.exclude(state="withdrawn").order_by("concluded_on", "pk"):
        try:
            reply_letter_issue(case=case, actor=admin, on=case.concluded_on)
        except LetterRefused as exc:
            log.warning("demo reply letter of %s not issued: %s", case, exc)


def _working_days_before(day: dt.date, n: int, calendar: Any) -> dt.date:
    while n > 0:
        day -= dt.timedelta(days=1)
        n -= calendar.is_workday(day)
    return day


def _current_work(unit: Unit, rng: random.Random, calendar: Any) -> None:
    """Open cases of this week, so that the work lists are not empty on first run: two due within 3 working
    days (one of them with a reply awaiting the reviewer) and one overdue."""
    today = timezone.localdate()
    # Received 18 and 19 working days ago, they fall due within the window whether today is a working day or not
    # (from a weekend or holiday the 3-working-day window reaches one working day less far).
    for back, steps in (
        (18, [("accept", 0, {})]),
        (19, [("accept", 0, {}), ("draft_reply", 1, {"outcome": "granted"})]),
        (22, [("accept", 0, {})]),
    ):
        received = _working_days_before(today, back, calendar)
        _play(_register(unit, received, rng, calendar), steps, calendar)


def _main_unit(unit: Unit, rng: random.Random, calendar: Any) -> None:
    """勍香镇: every outcome, a carried-over case, an extension, a paid fee, a split, a review and a lawsuit."""
    carried = _register(unit, dt.date(DEMO_YEAR - 1, 12, 23), rng, calendar)
    _play(
        carried, [("accept", 0, {}), ("draft_reply", 14, {"outcome": "granted"}), ("approve_reply", 16, {})], calendar
    )
    outcomes = list(T3_OUTCOME_ROWS) + ["granted"] * 6 + ["partially_granted", "unavailable_not_held"]
    rng.shuffle(outcomes)
    _unit_cases(unit, outcomes, 3, rng, calendar)
    _current_work(unit, rng, calendar)
    extended = _register(unit, dt.date(DEMO_YEAR, 8, 4), rng, calendar, items=["某村土地征收补偿安置方案及测绘资料"])
    _play(
        extended,
        [
            ("accept", 0, {}),
            (
                "request_extension",
                20,
                {"details": {"working_days": 15, "reason": "所申请信息分散保存在多个部门，需逐卷查找"}},
            ),
            ("approve_extension", 21, {"details": {"working_days": 15}}),
            ("draft_reply", 35, {"outcome": "granted"}),
            ("approve_reply", 36, {}),
        ],
        calendar,
    )
    paid = _register(unit, dt.date(DEMO_YEAR, 9, 8), rng, calendar, applicant_type="commercial")
    fee = {"method": "by_pages", "quantity": 120}
    _play(
        paid,
        [
            ("accept", 0, {}),
            ("send_fee_notice", 3, {"fee": fee}),
            ("record_payment", 10, {"details": {"receipt_number": "非税票据0001"}}),
            ("draft_reply", 20, {"outcome": "granted"}),
            ("approve_reply", 21, {}),
        ],
        calendar,
    )
    several = _register(unit, dt.date(DEMO_YEAR, 10, 13), rng, calendar, items=list(TOPICS[:3]))
    _play(several, [("split", 2, {"children": [[TOPICS[0]], [TOPICS[1], TOPICS[2]]]})], calendar)
    disputed = Case.objects.filter(unit=unit, outcome="withheld_third_party").first()
    review = review_register(
        actor=None,
        unit=unit,
        kind="review",
        body="示例县人民政府",
        filed_on=dt.date(DEMO_YEAR, 6, 2),
        application=disputed,
    )
    review_conclude(actor=None, review=review, result="维持", result_on=dt.date(DEMO_YEAR, 7, 28))
    review_register(
        actor=None, unit=unit, kind="litigation_direct", body="示例县人民法院", filed_on=dt.date(DEMO_YEAR, 11, 20)
    )
