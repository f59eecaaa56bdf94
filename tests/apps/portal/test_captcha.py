"""The self-hosted CAPTCHA: a real PNG, a hashed single-use answer that expires, a test hook never on in production."""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from PIL import Image

from tests.apps.portal.conftest import ANSWER
from xxgk.apps.portal.captcha import (
    ALPHABET,
    SESSION_KEY,
    CaptchaError,
    captcha_check,
    captcha_new,
    captcha_png,
)
from xxgk.apps.portal.captcha import test_answer as hook_answer


def test_the_image_is_a_png_of_the_answer_size() -> None:
    image = Image.open(io.BytesIO(captcha_png("AC3K7", seed=1)))
    assert image.format == "PNG" and image.size == (230, 64)


def test_two_images_of_the_same_text_differ() -> None:
    assert captcha_png("AC3K7", seed=1) != captcha_png("AC3K7", seed=2)


def test_the_answer_is_kept_only_hashed(settings) -> None:
    settings.XXGK_CAPTCHA_TEST_ANSWER = ""
    session: dict = {}
    answer = captcha_new(session)
    assert len(answer) == 5 and set(answer) <= set(ALPHABET)
    assert answer not in repr(session) and answer.lower() not in repr(session)
    captcha_check(session, answer)


@pytest.mark.parametrize(
    ("age", "given", "message"),
    [(299, "wrong", "不正确"), (301, ANSWER, "已过期"), (-60, ANSWER, "已过期")],
)
def test_a_refused_answer(settings, age, given, message) -> None:
    session: dict = {}
    captcha_new(session)
    with pytest.raises(CaptchaError, match=message):
        captcha_check(session, given, now=session[SESSION_KEY]["at"] + age)
    assert SESSION_KEY not in session  # used up


def test_the_max_age_is_a_setting(settings) -> None:
    settings.XXGK_CAPTCHA_MAX_AGE = 60
    session: dict = {}
    captcha_new(session)
    with pytest.raises(CaptchaError, match="已过期"):
        captcha_check(session, ANSWER, now=time.time() + 61)


def test_the_test_hook_is_dead_in_production(settings) -> None:
    settings.PRODUCTION = True
    assert hook_answer() == ""
    session: dict = {}
    captcha_new(session)
    with pytest.raises(CaptchaError, match="不正确"):
        captcha_check(session, ANSWER, now=session[SESSION_KEY]["at"])


def test_the_test_hook_fixes_the_answer_outside_production(settings) -> None:
    assert hook_answer() == ANSWER
    assert captcha_new({}) == ANSWER


def test_a_production_site_with_the_hook_does_not_start(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(SystemCheckError, match=r"portal\.E001"):
        call_command("check")


def test_a_production_site_without_the_hook_passes_the_check(settings) -> None:
    settings.PRODUCTION = True
    settings.XXGK_CAPTCHA_TEST_ANSWER = ""
    call_command("check")


@pytest.mark.django_db
def test_the_image_view_starts_a_new_challenge(client) -> None:
    response = client.get("/apply/captcha.png")
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG")
    first = client.session[SESSION_KEY]["hash"]
    client.get("/apply/captcha.png")
    assert client.session[SESSION_KEY]["hash"] != first  # refreshing replaces the challenge
