"""One solved CAPTCHA makes one application, and the per-address limit holds, also under concurrent submissions."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connections

from tests.apps.portal.conftest import VALID_ID, png_bytes
from xxgk.apps.cases.models import Case
from xxgk.apps.portal.captcha import SESSION_KEY, CaptchaError
from xxgk.apps.portal.models import SubmissionRecord
from xxgk.apps.portal.ratelimit import RateLimited, client_key
from xxgk.apps.portal.services import application_submit

DATA: dict[str, Any] = {
    "applicant_type": "natural_person",
    "name": "李四",
    "identity_type": "居民身份证",
    "identity_number": VALID_ID,
    "address": "示例县勍香镇和平街8号",
    "phone": "13800000000",
    "email": "",
    "requested_form": "电子",
    "requested_channel": "网上获取",
    "declaration": True,
}
ITEMS = [{"description": "2025年勍香镇财政预算执行情况", "document_number": ""}]


def _submit(unit: Any, ip: str, nonce: str) -> Case:
    return application_submit(
        unit=unit,
        data=DATA,
        items=ITEMS,
        identity_file=SimpleUploadedFile("id.png", png_bytes(), content_type="image/png"),
        identity_file_type="image/png",
        ip=ip,
        captcha_nonce=nonce,
    )


def _race(unit: Any, calls: list[tuple[str, str]]) -> tuple[int, list[str]]:
    """Run the submissions at once (retrying SQLite's immediate "locked"); the number made and the refusals."""
    start = threading.Barrier(len(calls))
    made: list[int] = []
    refusals: list[str] = []
    errors: list[BaseException] = []

    def run(ip: str, nonce: str) -> None:
        try:
            start.wait(timeout=10)
            for _attempt in range(2000):
                try:
                    made.append(_submit(unit, ip, nonce).pk)
                    return
                except (RateLimited, CaptchaError) as refused:
                    refusals.append(str(refused))
                    return
                except OperationalError as exc:
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.003)
            raise AssertionError("gave up after 2000 tries")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return len(made), refusals


@pytest.mark.django_db(transaction=True)
def test_twelve_concurrent_submissions_with_one_captcha_make_one_case(county):
    made, refusals = _race(county.qinxiang, [(f"10.0.0.{n}", "one-nonce") for n in range(12)])
    assert made == 1 and Case.objects.count() == 1
    assert refusals == ["验证码已失效，请重新输入新的验证码。"] * 11


@pytest.mark.django_db(transaction=True)
def test_twelve_concurrent_submissions_from_one_address_stop_at_the_limit(county):
    made, refusals = _race(county.qinxiang, [("10.0.0.9", f"nonce-{n}") for n in range(12)])
    assert made == 5 and Case.objects.count() == 5
    assert len(refusals) == 7 and all("1小时内最多可提交5件" in r for r in refusals)
    assert SubmissionRecord.objects.filter(client=client_key("10.0.0.9")).count() == 5


@pytest.mark.django_db
def test_a_challenge_loaded_by_two_requests_of_one_session_is_used_once(client, county, post_data):
    """What concurrent requests carrying one session cookie see: both loaded the challenge before either saved."""
    client.get("/apply/captcha.png")
    challenge = client.session[SESSION_KEY]
    assert client.post(f"/apply/{county.qinxiang.pk}/", post_data()).status_code == 302
    session = client.session
    session[SESSION_KEY] = challenge  # the second request's copy of the session
    session.save()
    again = client.post(f"/apply/{county.qinxiang.pk}/", post_data())
    assert again.status_code == 400
    assert "验证码已失效" in again.content.decode()
    assert Case.objects.count() == 1
