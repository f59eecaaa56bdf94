"""Each letter type, issued after its action through the pages, says what the handler entered (applications.md §7).

The action is taken through the case page's form (so the recorded details are
exactly what a person typed), the letter is issued through the letters form,
and the DOCX and the PDF are downloaded and read back. No letter carries a
table 三 row label.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from tests.factories import MembershipFactory, UserFactory
from xxgk.apps.cases.models import Case
from xxgk.apps.letters.models import Letter
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.states import ACTIONS

D = dt.date
pytestmark = pytest.mark.django_db
T3_LABELS = [o.label for o in OUTCOMES.values() if o.label != o.wording]


def _act(client, town, case, action, on, **data):
    """Take one action through the case page's form, as the person whose role it needs."""
    role = ACTIONS[action].role.value if action in ACTIONS else "handler"  # 第三十五条 steps are the handler's
    client.force_login(getattr(town.people, role))
    case.refresh_from_db()
    response = client.post(
        reverse("cases:action", args=[case.pk, action]), {"version": case.version, "on": on.isoformat(), **data}
    )
    assert response.status_code == 303, response.content.decode()[:2000]
    case.refresh_from_db()
    return case


def _issue(client, town, case, kind, **extra):
    client.force_login(town.people.handler)
    response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": kind, **extra})
    assert response.status_code == 302
    return Letter.objects.filter(case=case, kind=kind).latest("pk")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _texts(client, letter) -> tuple[str, str]:
    """The letter's text read back from its DOCX and its PDF, whitespace removed."""
    docx = client.get(reverse("letters:download", args=[letter.pk, "docx"]))
    pdf = client.get(reverse("letters:download", args=[letter.pk, "pdf"]))
    assert docx.status_code == pdf.status_code == 200
    docx_text = "".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        pdf_text = "".join(page.extract_text() or "" for page in document.pages)
    return _flat(docx_text), _flat(pdf_text)


def _assert_says(client, letter, *entered: str) -> None:
    for text in _texts(client, letter):
        for value in entered:
            assert _flat(value) in text, value
        assert not [label for label in T3_LABELS if label in text]
        assert "。。" not in text and "。；" not in text and "。（依据" not in text


def test_the_receipt_states_the_receipt_and_due_dates(client, town, make_case):
    case = make_case(items=("2025年镇村道路养护合同",))
    letter = _issue(client, town, case, "receipt")
    _assert_says(client, letter, "2026年6月1日", "2025年镇村道路养护合同", "2026年6月30日")


def test_the_supplement_notice_states_the_items_and_the_deadline_entered(client, town, make_case):
    case = _act(
        client,
        town,
        make_case(),
        "request_supplement",
        D(2026, 6, 3),
        what_to_add="请写明所需合同的签订年份和合同编号。",
        supplement_by="2026-06-24",
    )
    letter = _issue(client, town, case, "supplement")
    _assert_says(client, letter, "请写明所需合同的签订年份和合同编号。", "于2026年6月24日前")
    assert "15个工作日" not in _texts(client, letter)[0]


def test_the_extension_notice_states_the_recorded_reason_and_new_date(client, town, make_case):
    case = _act(
        client,
        town,
        make_case(),
        "request_extension",
        D(2026, 6, 25),
        working_days=10,
        reason="所申请信息分散保存在三个办公室的档案中，需逐卷查找",
    )
    case = _act(client, town, case, "approve_extension", D(2026, 6, 26), working_days=10)
    assert case.due_date == D(2026, 7, 14)
    letter = _issue(client, town, case, "extension")
    _assert_says(
        client, letter, "所申请信息分散保存在三个办公室的档案中，需逐卷查找。", "延长10个工作日", "2026年7月14日"
    )


def test_the_consultation_letter_names_the_party_and_the_subject_entered(client, town, make_case):
    case = _act(
        client,
        town,
        make_case(),
        "send_consultation",
        D(2026, 6, 5),
        party="某建材有限公司",
        consultation_reason="所申请的合同附件载有贵公司的投标报价明细",
    )
    letter = _issue(client, town, case, "consultation")
    _assert_says(client, letter, "某建材有限公司：", "所申请的合同附件载有贵公司的投标报价明细。")


def test_the_reasons_letter_states_what_the_handler_asked(client, town, make_case):
    case = _act(
        client,
        town,
        make_case(),
        "article35_reasons_requested",
        D(2026, 6, 4),
        reason="您本月已申请41件，请说明申请的用途",
    )
    letter = _issue(client, town, case, "reasons")
    _assert_says(client, letter, "您本月已申请41件，请说明申请的用途。")


def test_the_fee_notice_states_the_amount_recorded(client, town, make_case):
    case = make_case()
    _act(
        client,
        town,
        case,
        "send_fee_notice",
        D(2026, 6, 4),
        method="per_application",
        quantity=12,
        reduction=0,
        notice_number="收费〔2026〕3号",
    )
    fee = Case.objects.get(pk=case.pk).fee
    letter = _issue(client, town, case, "fee_notice")
    _assert_says(client, letter, f"{fee.amount.normalize():f}元", "国办函〔2020〕109号")


def test_a_reply_states_each_items_decision_in_statutory_words_and_its_reason(client, town, make_case):
    case = make_case(items=("2025年镇党委会议纪要", "2025年镇财政决算"))
    first, second = case.items.order_by("pk")
    decisions = {
        f"decision_{first.pk}": "withheld_process_info",
        f"reason_{first.pk}": "会议纪要记录内部讨论过程，尚未形成决定。",
        f"decision_{second.pk}": "granted",
    }
    case = _act(client, town, case, "draft_reply", D(2026, 6, 20), outcome="partially_granted", **decisions)
    case = _act(client, town, case, "approve_reply", D(2026, 6, 22))
    letter = Letter.objects.filter(case=case, kind="reply_partial").latest("pk")  # issued on approval
    _assert_says(
        client,
        letter,
        "第1项“2025年镇党委会议纪要”：属于过程性信息，依据条例第十六条第二款不予公开。",
        "理由：会议纪要记录内部讨论过程，尚未形成决定。",
    )


def test_the_case_page_shows_outcomes_in_statutory_words_not_table_labels(client, town, make_case):
    case = make_case(outcome="withheld_process_info", decisions=[("withheld_process_info", "内部讨论记录")])
    client.force_login(town.people.handler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "属于过程性信息，依据条例第十六条第二款不予公开" in page
    assert "6.属于四类过程性信息" not in page


def test_the_outcome_picker_groups_the_21_outcomes(client, town, make_case):
    case = make_case()
    client.force_login(town.people.handler)
    page = client.get(reverse("cases:action", args=[case.pk, "draft_reply"])).content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)"', page)
    assert groups[:6] == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert "1.属于国家秘密" not in page


def test_a_supervisor_downloads_letters_masked_like_the_case_page(client, town, make_case):
    case = make_case(applicant_name="王小明", identity_number="110101199001011234")
    letter = _issue(client, town, case, "receipt")
    supervisor = UserFactory(username="county_supervisor")
    MembershipFactory(user=supervisor, unit=town.county, role="reviewer", is_supervisor=True)
    client.force_login(supervisor)
    for text in _texts(client, letter):
        assert "王小明" not in text and "王**" in text
    client.force_login(town.people.handler)
    assert all("王小明" in text for text in _texts(client, letter))


def test_the_handler_is_warned_before_issuing_a_letter_with_a_provisional_date(client, town, make_case):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(due_date=D(2027, 1, 6), due_provisional=True)
    client.force_login(town.people.handler)
    page = client.get(reverse("letters:case_letters", args=[case.pk])).content.decode()
    assert 'id="letters-provisional"' in page and "暂定日期" in page
