"""The 收费通知书 (国办函〔2020〕109号): the recorded notice's number and date, refused once paid or lapsed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from xxgk.apps.cases.models import Fee
from xxgk.apps.letters.models import Letter
from xxgk.apps.letters.output import letter_docx, letter_pdf
from xxgk.apps.letters.selectors import allowed_kinds_for_case
from xxgk.apps.letters.services import LetterRefused, letter_issue
from xxgk.apps.letters.views import _document
from xxgk.core.cases.letters import LetterKind

D = dt.date
pytestmark = pytest.mark.django_db
NOTICE = ("handler", "send_fee_notice", D(2026, 7, 3), {"fee": {"method": "by_pages", "quantity": 250}})


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_notice_takes_the_next_number_of_the_unit_series_when_recorded(make_case, town):
    receipt = letter_issue(case=make_case(), kind="receipt", actor=town.people.registrar, on=D(2026, 6, 2))
    case = make_case(steps=[NOTICE])
    assert receipt.number == "勍香镇公开〔2026〕1号"
    assert Fee.objects.get(case=case).notice_number == "勍香镇公开〔2026〕2号"
    later = letter_issue(case=case, kind="receipt", actor=town.people.registrar, on=D(2026, 7, 4))
    assert later.number == "勍香镇公开〔2026〕3号"


def test_the_letter_issued_days_later_carries_the_recorded_date_and_number(client, make_case, town):
    case = make_case(steps=[NOTICE])
    client.force_login(town.people.handler)
    response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": "fee_notice"}, follow=True)
    assert "已出具 勍香镇公开〔2026〕1号" in response.content.decode()
    letter = Letter.objects.get(case=case, kind="fee_notice")
    assert (letter.number, letter.issued_on) == ("勍香镇公开〔2026〕1号", D(2026, 7, 3))
    assert "4700元" in letter.body
    pdf = client.get(reverse("letters:download", args=[letter.pk, "pdf"]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = _flat("".join(page.extract_text() or "" for page in document.pages))
    assert "勍香镇公开〔2026〕1号" in text and "2026年7月3日" in text
    docx = Document(io.BytesIO(client.get(reverse("letters:download", args=[letter.pk, "docx"])).content))
    texts = [p.text for p in docx.paragraphs]
    assert "勍香镇公开〔2026〕1号" in texts and "2026年7月3日" in texts
    # issuing again gives the same notice, never a second number
    client.post(reverse("letters:issue", args=[case.pk]), {"kind": "fee_notice"})
    assert list(Letter.objects.filter(case=case, kind="fee_notice").values_list("number", flat=True)) == [letter.number]
    assert Letter.objects.filter(unit=town.unit).count() == 1


def test_output_of_the_stored_letter_matches_the_recorded_notice(make_case, town):
    case = make_case(steps=[NOTICE])
    letter = letter_issue(case=case, kind="fee_notice", actor=town.people.handler, on=D(2026, 7, 20))
    assert letter.issued_on == D(2026, 7, 3)  # not the day it was printed
    text = _flat(
        "".join(p.extract_text() or "" for p in pdfplumber.open(io.BytesIO(letter_pdf(_document(letter)))).pages)
    )
    assert "2026年7月3日" in text and "2026年7月20日" not in text
    assert "2026年7月3日" in [p.text for p in Document(io.BytesIO(letter_docx(_document(letter)))).paragraphs]


@pytest.mark.parametrize(
    ("after", "message"),
    [
        (("registrar", "record_payment", D(2026, 7, 10), {"details": {"receipt_number": "NT1"}}), "已缴纳"),
        (("handler", "fee_lapsed", D(2026, 8, 5), {"outcome": "other_fee_unpaid"}), "逾期未缴费"),
        (("registrar", "withdraw", D(2026, 7, 10), {}), "不在待缴费阶段"),
    ],
)
def test_no_notice_once_the_fee_is_paid_or_has_lapsed(client, make_case, town, after, message):
    case = make_case(steps=[NOTICE, after])
    with pytest.raises(LetterRefused, match=message):
        letter_issue(case=case, kind="fee_notice", actor=town.people.handler)
    client.force_login(town.people.handler)
    response = client.post(reverse("letters:issue", args=[case.pk]), {"kind": "fee_notice"}, follow=True)
    assert message in response.content.decode()
    assert not Letter.objects.filter(case=case).exists()
    assert LetterKind.FEE_NOTICE not in allowed_kinds_for_case(case)
