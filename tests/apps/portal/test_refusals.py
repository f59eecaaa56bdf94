"""Refused applications: bad input, wrong CAPTCHA, honeypot, rate limit — each with a Chinese message and no case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.apps.portal.conftest import ANSWER, PDF_BYTES
from xxgk.apps.cases.models import Case
from xxgk.apps.portal.captcha import SESSION_KEY
from xxgk.apps.portal.models import SubmissionRecord
from xxgk.apps.portal.ratelimit import client_key

pytestmark = pytest.mark.django_db


def _refused(response, message: str) -> None:
    text = response.content.decode()
    assert response.status_code in (400, 429), response.status_code
    assert message in text, text[:3000]
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"identity_number": "110105194912310021"}, "居民身份证号码校验位错误"),
        ({"identity_number": "11010519491331002X"}, "出生日期不存在"),
        ({"identity_number": "1101051949123100"}, "应为18位"),
        ({"name": ""}, "请填写此项"),
        ({"address": ""}, "这个字段是必填项"),
        ({"phone": ""}, "这个字段是必填项"),
        ({"declaration": None}, "请确认所填写的内容真实后再提交"),
        ({"requested_form": None}, "这个字段是必填项"),
        ({"email": "", "requested_channel": "电子邮件"}, "请填写电子邮箱"),
        ({"requested_form": "纸质", "requested_channel": "网上获取"}, "纸质信息只能邮寄或自行领取"),
        (
            {"items-0-description": "", "items-0-document_number": "", "items-1-description": ""},
            "请至少填写一项所需的政府信息",
        ),
        ({"items-0-description": ""}, "请填写所需信息的名称或内容描述"),  # a 文号 alone
        ({"applicant_type": "commercial", "organisation_name": ""}, "请填写此项"),
        (
            {
                "applicant_type": "commercial",
                "organisation_name": "某公司",
                "credit_code": "91350100M000100Y44",
                "legal_representative": "王五",
                "contact_person": "赵六",
            },
            "统一社会信用代码校验位错误",
        ),
        ({"identity_file": None}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_refused_with_a_message(county, apply_as, post_data, changes, message) -> None:
    _refused(apply_as(county.qinxiang, post_data(**changes)), message)


def test_another_identity_document_is_not_checked_as_a_resident_id(county, apply_as, post_data) -> None:
    response = apply_as(county.qinxiang, post_data(identity_type="护照", identity_number="E12345678"))
    assert response.status_code == 302
    assert Case.objects.get().identity_type == "护照"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 this is a windows program", "身份证.png", "按文件内容识别"),  # named .png, is not
        (b"<html><script>alert(1)</script></html>", "scan.pdf", "按文件内容识别"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "id.png", "图片已损坏"),  # PNG signature, no image
        (PDF_BYTES.replace(b"%%EOF", b""), "id.pdf", "PDF文件不完整"),
        (b"", "id.png", "所提交的是空文件"),
    ],
)
def test_an_upload_is_judged_by_its_content(county, apply_as, post_data, upload, content, name, message) -> None:
    _refused(apply_as(county.qinxiang, post_data(identity_file=upload(content, name))), message)


def test_an_upload_over_the_limit_is_refused(county, apply_as, post_data, upload, settings) -> None:
    settings.XXGK_PORTAL_MAX_UPLOAD = 1024 * 1024
    big = PDF_BYTES[:-6] + b"0" * (1024 * 1024 + 10) + b"%%EOF\n"
    _refused(apply_as(county.qinxiang, post_data(identity_file=upload(big, "id.pdf"))), "不能超过1MB")


def test_an_upload_within_the_limit_is_kept_under_media_root(county, apply_as, post_data, upload, settings) -> None:
    assert apply_as(county.qinxiang, post_data(identity_file=upload(PDF_BYTES, "扫描件.PNG"))).status_code == 302
    stored = Case.objects.get().online_application.identity_file
    assert stored.name.endswith(".pdf")  # the extension follows the content, not the name
    assert stored.path.startswith(str(settings.MEDIA_ROOT))
    assert not stored.path.startswith(str(settings.STATIC_ROOT))


@pytest.mark.parametrize("answer", ["WRONG", "", ANSWER[:-1]])
def test_a_wrong_captcha_is_refused(county, apply_as, post_data, answer) -> None:
    _refused(apply_as(county.qinxiang, post_data(captcha=answer)), "验证码不正确")


def test_the_captcha_answer_is_not_case_sensitive(county, apply_as, post_data) -> None:
    assert apply_as(county.qinxiang, post_data(captcha=ANSWER.lower())).status_code == 302


def test_a_used_captcha_cannot_be_used_again(client, county, apply_as, post_data) -> None:
    assert apply_as(county.qinxiang, post_data()).status_code == 302
    again = client.post(f"/apply/{county.qinxiang.pk}/", post_data())  # no new image fetched
    assert again.status_code == 400
    assert "验证码已失效" in again.content.decode()
    assert Case.objects.count() == 1


def test_a_wrong_answer_uses_up_the_challenge(client, county, apply_as, post_data) -> None:
    apply_as(county.qinxiang, post_data(captcha="WRONG"))
    retry = client.post(f"/apply/{county.qinxiang.pk}/", post_data())  # the right answer, but no new challenge
    assert "验证码已失效" in retry.content.decode()
    assert Case.objects.count() == 0


def test_an_expired_captcha_is_refused(client, county, post_data) -> None:
    client.get("/apply/captcha.png")
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "at": session[SESSION_KEY]["at"] - 301}
    session.save()
    _refused(client.post(f"/apply/{county.qinxiang.pk}/", post_data()), "验证码已过期")


def test_the_honeypot_refuses_a_robot(county, apply_as, post_data) -> None:
    _refused(apply_as(county.qinxiang, post_data(website="http://spam.example")), "提交未被接受")


def test_the_hourly_limit_refuses_the_sixth_application(client, county, apply_as, post_data) -> None:
    for n in range(5):
        assert apply_as(county.qinxiang, post_data()).status_code == 302, n
    response = apply_as(county.qinxiang, post_data())
    assert response.status_code == 429
    assert "1小时内最多可提交5件网上申请" in response.content.decode()
    assert Case.objects.count() == 5


def test_the_limit_is_per_address(client, county, apply_as, post_data) -> None:
    for _ in range(5):
        apply_as(county.qinxiang, post_data(), REMOTE_ADDR="10.0.0.1")
    assert apply_as(county.qinxiang, post_data(), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_daily_limit_counts_the_whole_day(client, county, apply_as, post_data) -> None:
    earlier = timezone.now() - dt.timedelta(hours=3)
    for _ in range(20):
        SubmissionRecord.objects.create(client=client_key("127.0.0.1"))
    SubmissionRecord.objects.update(at=earlier)
    response = apply_as(county.qinxiang, post_data())
    assert response.status_code == 429
    assert "1天内最多可提交20件" in response.content.decode()


def test_records_older_than_a_day_do_not_count(client, county, apply_as, post_data) -> None:
    for _ in range(20):
        SubmissionRecord.objects.create(client=client_key("127.0.0.1"))
    SubmissionRecord.objects.update(at=timezone.now() - dt.timedelta(days=2))
    assert apply_as(county.qinxiang, post_data()).status_code == 302
    assert SubmissionRecord.objects.count() == 1  # the old records were forgotten


def test_the_address_is_stored_only_as_a_hash(client, county, apply_as, post_data) -> None:
    apply_as(county.qinxiang, post_data(), REMOTE_ADDR="203.0.113.7")
    record = SubmissionRecord.objects.get()
    assert "203.0.113.7" not in record.client and len(record.client) == 64
