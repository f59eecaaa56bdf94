"""The case list and the work lists of the current unit (applications.md §4, §11): filters, masking, speed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.cases.services import case_register, case_transition

TODAY = dt.date(2026, 7, 1)  # Wednesday; 3 working days on: Monday 2026-07-06


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    for module in ("xxgk.apps.cases.forms", "xxgk.apps.cases.views", "xxgk.apps.cases.views_actions"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


@pytest.fixture
def cases(make_case, staff, calendar):
    """overdue (due 06-30), due soon (due 07-02), later (received 06-20), waiting for 补正, closed 2025."""
    made = {
        "overdue": make_case(received=dt.date(2026, 6, 1), applicant_name="张三丰"),
        "soon": make_case(received=dt.date(2026, 6, 3), applicant_name="李四"),
        "later": make_case(received=dt.date(2026, 6, 20), applicant_name="王五"),
        "waiting": make_case(received=dt.date(2026, 6, 22), applicant_name="赵六"),
        "old": make_case(received=dt.date(2025, 3, 3), applicant_name="钱七"),
    }
    w = made["waiting"]
    case_transition(
        actor=staff["handler"],
        case=w,
        version=w.version,
        action="request_supplement",
        on=dt.date(2026, 6, 23),
        calendar=calendar,
    )
    old = made["old"]
    for action, kw in (("accept", {}), ("draft_reply", {"outcome": "granted"}), ("approve_reply", {})):
        user = {"accept": "registrar", "draft_reply": "handler", "approve_reply": "reviewer"}[action]
        old = case_transition(
            actor=staff[user],
            case=old,
            version=old.version,
            action=action,
            on=dt.date(2025, 3, 10),
            calendar=calendar,
            **kw,
        )
    return made


def numbers(response):
    return [c.number for c in response.context["page"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["later", "waiting", "soon", "overdue", "old"]),
        ("?list=due", ["soon"]),
        ("?list=overdue", ["overdue"]),
        ("?list=waiting", ["waiting"]),
        ("?state=closed", ["old"]),
        ("?outcome=granted", ["old"]),
        ("?year=2025", ["old"]),
        ("?year=2026&list=overdue", ["overdue"]),
    ],
)
def test_the_work_lists_and_filters_pick_the_right_cases(client, staff, cases, query, expected):
    client.force_login(staff["registrar"])
    response = client.get(reverse("cases:list") + query)
    assert response.status_code == 200
    assert sorted(numbers(response)) == sorted(cases[k].number for k in expected)


def test_my_cases_are_the_open_cases_assigned_to_me(client, staff, cases, unit):
    from xxgk.apps.cases.models import Case

    other = UserFactory(username="handler2")
    MembershipFactory(user=other, unit=unit, role="handler")
    Case.objects.filter(pk__in=[cases["soon"].pk, cases["old"].pk]).update(handler=staff["handler"])
    Case.objects.filter(pk=cases["later"].pk).update(handler=other)
    client.force_login(staff["handler"])
    # the closed case assigned to me and the waiting case I acted on (not assigned) are not mine
    assert numbers(client.get(reverse("cases:list") + "?list=mine")) == [cases["soon"].number]
    client.force_login(other)
    assert numbers(client.get(reverse("cases:list") + "?list=mine")) == [cases["later"].number]


def test_search_by_number(client, staff, cases):
    client.force_login(staff["registrar"])
    response = client.get(reverse("cases:list") + "?q=" + cases["soon"].number)
    assert numbers(response) == [cases["soon"].number]


def test_the_list_masks_applicant_names(client, staff, cases):
    client.force_login(staff["handler"])
    page = client.get(reverse("cases:list")).content.decode()
    assert "张**" in page and "张三丰" not in page and "李*" in page


def test_the_list_shows_only_the_current_unit(client, cases):
    other = UnitFactory(name="邻乡人民政府")
    user = UserFactory(username="neighbour")
    MembershipFactory(user=user, unit=other, role="handler")
    client.force_login(user)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200 and numbers(response) == []


def test_a_user_without_a_unit_sees_a_notice(client, db):
    client.force_login(UserFactory(username="nobody"))
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200 and "尚未加入任何单位" in response.content.decode()


def test_the_list_costs_the_same_queries_for_many_cases(client, unit, staff, calendar):
    def register(n):
        for i in range(n):
            case_register(
                actor=staff["registrar"],
                unit=unit,
                channel="in_person",
                receipt_date=dt.date(2026, 6, 1),
                applicant_type="natural_person",
                items=[f"事项{i}"],
                applicant_name=f"申请人{i}",
                calendar=calendar,
            )

    client.force_login(staff["registrar"])
    register(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:list") + "?list=overdue")
    register(40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("cases:list") + "?list=overdue")
    assert response.context["page"].paginator.count == 43
    assert len(many) == len(few)


def test_the_list_is_paginated(client, unit, staff, calendar):
    for i in range(55):
        case_register(
            actor=staff["registrar"],
            unit=unit,
            channel="in_person",
            receipt_date=dt.date(2026, 6, 1),
            applicant_type="natural_person",
            items=[f"事项{i}"],
            calendar=calendar,
        )
    client.force_login(staff["registrar"])
    first = client.get(reverse("cases:list"))
    second = client.get(reverse("cases:list") + "?page=2")
    assert len(first.context["page"]) == 50 and len(second.context["page"]) == 5
    assert not set(numbers(first)) & set(numbers(second))


@pytest.mark.parametrize(
    ("split", "overdue"), [(False, True), (True, False)], ids=["open-case-is-overdue", "split-parent-is-not"]
)
def test_only_open_cases_are_marked_overdue(client, make_case, staff, calendar, split, overdue):
    """A split parent ends there (一事一申请): its old due date is no longer a running deadline (list and page)."""
    case = make_case(received=dt.date(2026, 6, 1), items=("预算执行情况", "决算报告"))  # due 2026-06-30
    if split:
        case = case_transition(
            actor=staff["handler"],
            case=case,
            version=case.version,
            action="split",
            on=dt.date(2026, 6, 3),
            calendar=calendar,
            children=[["预算执行情况"], ["决算报告"]],
        )
    client.force_login(staff["handler"])
    listing = client.get(reverse("cases:list") + f"?number={case.number}").content.decode()
    row = listing.split(f">{case.number}</a>", 1)[1].split("</tr>", 1)[0]
    assert ("已逾期" in row) is overdue
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    deadline = page.split('id="deadline"', 1)[1].split("</section>", 1)[0]
    assert ("已逾期" in deadline) is overdue
    assert ("本案已拆分" in deadline) is split


# --- deep pages and the number search (deferred join, issue 4) ---------------------------------------------------


@pytest.fixture
def many(unit):
    """123 cases of the unit over 20 receipt days (several a day, ids not in date order), and 7 of a neighbour."""
    import random

    from xxgk.apps.cases.models import Case

    rng = random.Random(11)
    neighbour = UnitFactory(name="邻乡人民政府")

    def row(target, number):
        received = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(20))
        closed = rng.random() < 0.4
        return Case(
            unit=target,
            number=number,
            channel="letter",
            receipt_date=received,
            applicant_type="natural_person",
            state="closed" if closed else rng.choice(["received", "in_progress"]),
            outcome="granted" if closed else None,
            concluded_on=received + dt.timedelta(days=5) if closed else None,
        )

    made = [row(unit, f"2025-{i:04d}" if i % 10 else f"YS-2025-{i:04d}") for i in range(123)]
    made += [row(neighbour, f"2025-{i:04d}") for i in range(7)]
    Case.objects.bulk_create(made)
    return list(Case.objects.filter(unit=unit))


def _reading_order(cases, keep=lambda c: True):
    """The list's order by hand: newest receipt first, then the highest id."""
    return [c.number for c in sorted((c for c in cases if keep(c)), key=lambda c: (c.receipt_date, c.pk), reverse=True)]


@pytest.mark.parametrize(
    ("query", "page", "keep"),
    [
        ("", 1, lambda c: True),
        ("", 2, lambda c: True),
        ("", 3, lambda c: True),  # the last page: 23 cases
        ("?state=closed", 1, lambda c: c.state == "closed"),
        ("?outcome=granted", 1, lambda c: c.outcome == "granted"),
        ("?q=2025-00", 2, lambda c: "2025-00" in c.number),  # 2025-0001 … and YS-2025-00…: contains, not prefix
        ("?q=ys-2025", 1, lambda c: c.number.startswith("YS-")),  # letters: case is ignored
        ("?q=2025-0012", 1, lambda c: "2025-0012" in c.number),
    ],
)
def test_every_page_shows_its_cases_in_reading_order(client, staff, many, query, page, keep):
    client.force_login(staff["registrar"])
    sep = "&" if query else "?"
    response = client.get(reverse("cases:list") + query + f"{sep}page={page}")
    expected = _reading_order(many, keep)
    assert response.context["page"].paginator.count == len(expected)
    assert numbers(response) == expected[(page - 1) * 50 : page * 50]


def test_a_deep_page_is_one_query_of_the_page_ids_then_their_rows(client, staff, many):
    client.force_login(staff["registrar"])
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("cases:list"))
    with CaptureQueriesContext(connection) as last:
        response = client.get(reverse("cases:list") + "?page=3")
    assert len(response.context["page"]) == 23
    assert len(last) == len(first)
    case_queries = [q["sql"] for q in last.captured_queries if 'FROM "cases_case"' in q["sql"]]
    assert len(case_queries) == 2  # the count and the page
    count, page = case_queries
    assert "COUNT(*)" in count
    inner = page.split(" IN (SELECT ", 1)[1]
    assert "OFFSET 100" in inner and '"applicant_name"' not in inner  # only the ids are skipped over


@pytest.mark.parametrize(
    ("text", "lookup"),
    [
        ("2025-0012", "number__contains"),
        (" 2025-0012 ", "number__contains"),
        ("政依申〔2025〕12号", "number__contains"),
        ("YS-2025", "number__icontains"),
        ("ys", "number__icontains"),
    ],
)
def test_the_number_search_ignores_case_only_when_the_text_has_letters(text, lookup):
    from xxgk.apps.cases.queries import number_search

    assert number_search(text).children == [(lookup, text.strip())]


def test_case_rows_index_like_the_list(unit, many, calendar):
    from xxgk.apps.cases.queries import CaseFilters, case_list, case_list_rows

    args = {"user": None, "today": TODAY, "calendar": calendar}
    rows = case_list_rows(unit, CaseFilters(), **args)
    plain = list(case_list(unit, CaseFilters(), **args))
    assert len(rows) == 123 and rows[60].number == plain[60].number
    assert [c.number for c in rows[100:110]] == [c.number for c in plain[100:110]]
    with pytest.raises(ValueError, match="step"):
        rows[0:10:2]


def _draft_later(cases, staff, calendar):
    later = cases["later"]
    for action, user, kw in (("accept", "registrar", {}), ("draft_reply", "handler", {"outcome": "granted"})):
        later = case_transition(
            actor=staff[user], case=later, version=later.version, action=action, on=dt.date(2026, 6, 29),
            calendar=calendar, **kw,
        )  # fmt: skip
    return later


def test_the_review_list_holds_replies_and_extensions_awaiting_approval(client, staff, cases, calendar):
    later = _draft_later(cases, staff, calendar)
    client.force_login(staff["reviewer"])
    response = client.get(reverse("cases:list") + "?list=review")
    assert numbers(response) == [later.number]
    assert "待我审核" in response.content.decode()


def test_the_work_page_shows_each_list_with_its_count(client, staff, cases, calendar, monkeypatch):
    import time_machine

    _draft_later(cases, staff, calendar)
    with time_machine.travel(dt.datetime(2026, 7, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        client.force_login(staff["reviewer"])
        page = client.get(reverse("units:home")).content.decode()
        counts = {
            key: page.split(f'id="work-{key}"')[1].split('class="work-count">')[1].split("<")[0]
            for key in ("due", "overdue", "waiting", "review")
        }
        assert counts == {"due": "1", "overdue": "1", "waiting": "1", "review": "1"}
        client.force_login(staff["registrar"])
        assert 'id="work-review"' not in client.get(reverse("units:home")).content.decode()
