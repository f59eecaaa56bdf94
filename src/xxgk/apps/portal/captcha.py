"""A self-hosted image CAPTCHA: distorted characters drawn with Pillow, the answer kept hashed in the session.

No external service is called. Each challenge is single use (checking it,
right or wrong, consumes it) and expires after ``settings.XXGK_CAPTCHA_MAX_AGE``
seconds (default 300).

Test hook: ``settings.XXGK_CAPTCHA_TEST_ANSWER`` fixes the answer so that a
browser test can type it. It is honoured only outside production
(``settings.PRODUCTION`` false); the system check ``portal.E001`` refuses to
start a production site that sets it, and no environment variable sets it.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import math
import random
import secrets
import time
from typing import Any

from django.conf import settings
from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = [
    "ALPHABET",
    "SESSION_KEY",
    "CaptchaError",
    "captcha_check",
    "captcha_consume",
    "captcha_new",
    "captcha_png",
    "test_answer",
]

SESSION_KEY = "xxgk_portal_captcha"
# No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) so that a person can read it.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 5


class CaptchaError(Exception):
    """The CAPTCHA answer was not accepted; the message is Chinese, for the applicant."""


def test_answer() -> str:
    """The fixed answer of the test hook, or "" when it is not active (always "" in production)."""
    if getattr(settings, "PRODUCTION", True):
        return ""
    return str(getattr(settings, "XXGK_CAPTCHA_TEST_ANSWER", "") or "")


def _max_age() -> int:
    return int(getattr(settings, "XXGK_CAPTCHA_MAX_AGE", 300))


def _digest(answer: str, salt: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"portal-captcha:{salt}:{answer.strip().upper()}".encode(), hashlib.sha256).hexdigest()


def captcha_new(session: Any) -> str:
    """Start a new challenge in ``session`` (replacing any earlier one) and return its answer text."""
    answer = test_answer().upper() or "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    salt = secrets.token_hex(8)
    session[SESSION_KEY] = {"hash": _digest(answer, salt), "salt": salt, "at": time.time()}
    return answer


def captcha_check(session: Any, answer: str, *, now: float | None = None) -> str:
    """Accept ``answer`` for the session's challenge or raise CaptchaError; the challenge is used up either way.

    Returns the challenge's nonce. Taking the challenge out of the session is
    not enough on its own: concurrent requests carrying one session cookie all
    load it before any of them saves. The caller therefore also consumes the
    nonce in the database (``captcha_consume``) in the transaction of the write.
    """
    challenge = session.pop(SESSION_KEY, None)
    if not challenge:
        raise CaptchaError("验证码已失效，请重新输入新的验证码。")
    age = (now if now is not None else time.time()) - float(challenge.get("at", 0))
    if age > _max_age() or age < 0:
        raise CaptchaError("验证码已过期，请重新输入新的验证码。")
    if not answer or not hmac.compare_digest(_digest(answer, challenge["salt"]), challenge["hash"]):
        raise CaptchaError("验证码不正确，请重新输入新的验证码。")
    return str(challenge["salt"])


def captcha_consume(nonce: str) -> None:
    """Use up the challenge ``nonce`` for good, or raise CaptchaError if it was already used (call in a transaction)."""
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from xxgk.apps.portal.models import UsedCaptcha

    try:
        with transaction.atomic():
            UsedCaptcha.objects.create(nonce=nonce)
    except IntegrityError:
        raise CaptchaError("验证码已失效，请重新输入新的验证码。") from None
    cutoff = timezone.now() - timezone.timedelta(seconds=2 * _max_age())
    UsedCaptcha.objects.filter(at__lt=cutoff).delete()


def _font(size: int) -> Any:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def captcha_png(answer: str, *, seed: int | None = None) -> bytes:
    """A PNG of ``answer``: each character rotated and shifted, over noise lines and dots, slightly waved."""
    rng = random.Random(seed if seed is not None else secrets.randbits(64))
    width, height = 40 * len(answer) + 30, 64
    background = (rng.randint(235, 255), rng.randint(235, 255), rng.randint(225, 250))
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)]
        draw.line(points, fill=(rng.randint(90, 190), rng.randint(90, 190), rng.randint(90, 190)), width=2)
    font = _font(38)
    x = 14
    for char in answer:
        glyph = Image.new("RGBA", (52, 60), (0, 0, 0, 0))
        colour = (rng.randint(10, 110), rng.randint(10, 110), rng.randint(10, 110), 255)
        ImageDraw.Draw(glyph).text((10, 4), char, font=font, fill=colour)
        glyph = glyph.rotate(rng.uniform(-28, 28), resample=Image.Resampling.BICUBIC, expand=False)
        image.paste(glyph, (x + rng.randint(-3, 3), rng.randint(-2, 8)), glyph)
        x += 40
    for _ in range(width * height // 28):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=(rng.randint(0, 255),) * 3)
    amplitude, period = rng.uniform(2, 4), rng.uniform(30, 60)
    waved = Image.new("RGB", (width, height), background)
    for column in range(width):
        shift = int(amplitude * math.sin(2 * math.pi * column / period))
        waved.paste(image.crop((column, 0, column + 1, height)), (column, shift))
    waved = waved.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    waved.save(out, format="PNG")
    return out.getvalue()
