"""The tracking page: the applicant's own case in plain Chinese, and nothing private."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import MembershipFactory, UserFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.cases.services import case_transition
from xxgk.apps.portal.selectors import outcome_public_label, public_case

pytestmark = pytest.mark.django_db

SECRET_NOTE = "内部备注：领导批示从严把握"
THIRD_PARTY = "第三方某某建筑有限公司"


@pytest.fixture
def staff(county):
    """A registrar, a handler and a reviewer of 勍香镇, with names that must never reach the public."""
    people = {}
    for role in ("registrar", "handler", "reviewer"):
        user = UserFactory(username=f"qx_{role}", first_name="秘密", last_name=f"工作人员{role}")
        MembershipFactory(user=user, unit=county.qinxiang, role=role)
        people[role] = user
    return people


@pytest.fixture
def case(county, apply_as, post_data) -> Case:
    """An application made through the portal."""
    assert apply_as(county.qinxiang, post_data()).status_code == 302
    return Case.objects.get()


def act(case: Case, actor, action: str, on: dt.date, **kwargs) -> Case:
    case.refresh_from_db()
    return case_transition(actor=actor, case=case, version=case.version, action=action, on=on, **kwargs)


def test_the_page_shows_the_receipt(client, case, county) -> None:
    response = client.get(f"/apply/track/{case.tracking_token}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert county.qinxiang.name in text and case.number in text
    assert "已收到申请，等待受理" in text
    assert f"{case.receipt_date.year}年{case.receipt_date.month}月{case.receipt_date.day}日" in text
    assert "以双方确认收到之日为准" in text
    assert f"{case.due_date.year}年{case.due_date.month}月{case.due_date.day}日" in text
    assert "2025年勍香镇财政预算执行情况" in text and "0755-12345678" in text


def test_the_page_is_private_to_the_link(client, case) -> None:
    response = client.get(f"/apply/track/{case.tracking_token}/")
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_timeline_is_public_and_the_details_are_not(client, case, staff) -> None:
    start = case.receipt_date
    act(case, staff["registrar"], "accept", start, details={"note": SECRET_NOTE})
    act(case, staff["handler"], "send_consultation", start, details={"third_party": THIRD_PARTY, "note": SECRET_NOTE})
    act(case, staff["handler"], "receive_consultation", start, details={"answer": f"{THIRD_PARTY}不同意公开"})
    act(case, staff["handler"], "request_extension", start, details={"reason": SECRET_NOTE})
    act(case, staff["reviewer"], "approve_extension", start, details={"working_days": 15, "note": SECRET_NOTE})
    text = client.get(f"/apply/track/{case.tracking_token}/").content.decode()
    for shown in ("受理申请", "征求意见（期间不计入答复期限）", "征求意见结束", "延长答复期限15个工作日", "正在办理"):
        assert shown in text
    for hidden in (SECRET_NOTE, THIRD_PARTY, "秘密", "工作人员", "qx_handler", "申请延期"):
        assert hidden not in text
    for personal in ("李四", "11010519491231002X", "13800000000", "lisi@example.cn", "和平街8号"):
        assert personal not in text


def test_a_concluded_case_shows_its_outcome_and_no_due_date(client, case, staff) -> None:
    day = case.receipt_date
    act(case, staff["registrar"], "accept", day)
    act(case, staff["handler"], "draft_reply", day, outcome="granted")
    act(case, staff["reviewer"], "approve_reply", day)
    view = public_case(case.tracking_token)
    assert view.state_label == "已办结，答复已发出"
    assert view.outcome_label.startswith("予以公开（条例第三十六条")
    assert view.due_date is None and view.concluded_on == day
    text = client.get(f"/apply/track/{case.tracking_token}/").content.decode()
    assert "作出答复" in text and "予以公开" in text and 'id="track-due"' not in text


def test_a_draft_reply_is_not_revealed(case, staff) -> None:
    act(case, staff["registrar"], "accept", case.receipt_date)
    case.items.update(decision="withheld_state_secret", reason=SECRET_NOTE)
    act(case, staff["handler"], "draft_reply", case.receipt_date, outcome="withheld_state_secret")
    view = public_case(case.tracking_token)
    assert view.state_label == "正在办理" and view.outcome_label == ""
    assert [e.label for e in view.events] == ["收到申请", "受理申请"]
    assert SECRET_NOTE not in str(view)


def test_a_provisional_due_date_is_marked(client, case) -> None:
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2027, 3, 1), due_provisional=True)
    text = client.get(f"/apply/track/{case.tracking_token}/").content.decode()
    assert "2027年3月1日" in text and 'id="track-provisional"' in text and "暂定" in text


def test_a_settled_due_date_is_not_marked(client, case) -> None:
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 3, 2), due_provisional=False)
    assert 'id="track-provisional"' not in client.get(f"/apply/track/{case.tracking_token}/").content.decode()


@pytest.mark.parametrize("token", ["nope", "x" * 32, "A" * 200, "%2e%2e"])
def test_an_unknown_token_is_404_and_says_nothing(client, case, token) -> None:
    response = client.get(f"/apply/track/{token}/")
    assert response.status_code == 404
    assert response["Referrer-Policy"] == "no-referrer"
    text = response.content.decode()
    assert case.number not in text and "勍香镇" not in text


def test_one_token_shows_only_its_own_case(client, county, apply_as, post_data, case) -> None:
    assert apply_as(county.qingshi, post_data(**{"items-0-description": "青石镇的另一件申请"})).status_code == 302
    other = Case.objects.exclude(pk=case.pk).get()
    text = client.get(f"/apply/track/{case.tracking_token}/").content.decode()
    assert "青石镇的另一件申请" not in text and other.number not in text.replace(case.number, "")


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("granted", "予以公开（条例第三十六条第（一）项、第（二）项）"),
        ("withheld_state_secret", "属于国家秘密，依据条例第十四条不予公开"),
        ("partially_granted", "部分公开，不应公开的内容作区分处理（条例第三十七条）"),
        (None, ""),
        ("no_such_outcome", ""),
    ],
)
def test_outcomes_read_plainly(key, label) -> None:
    assert outcome_public_label(key).startswith(label)


def test_the_letters_to_the_applicant_are_linked(client, case, staff) -> None:
    services = pytest.importorskip("xxgk.apps.letters.services")
    letter = services.letter_issue(case=case, kind="receipt", actor=staff["registrar"], on=case.receipt_date)
    text = client.get(f"/apply/track/{case.tracking_token}/").content.decode()
    assert letter.title in text and letter.number in text
    for fmt in ("pdf", "docx"):
        url = f"/letters/track/{case.tracking_token}/{letter.pk}.{fmt}"
        assert url in text
        assert client.get(url).status_code == 200


def test_no_letters_yet_says_so(client, case) -> None:
    assert "暂无发给您的文书" in client.get(f"/apply/track/{case.tracking_token}/").content.decode()
