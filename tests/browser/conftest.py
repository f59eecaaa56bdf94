"""Playwright fixtures for browser journeys (Debian's chromium, pytest-django's live_server).

Every test under tests/browser/ is marked ``browser``. Use ``page`` for a fresh
page and ``login(page, live_server, username, password)`` to sign in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.steps import CAPTCHA_ANSWER

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse DB access there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this directory as a browser test."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page in a fresh context (own cookies), Chinese locale, 10 s timeouts."""
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _login(page, live_server, username: str, password: str) -> None:
    """Sign in through the login form and wait for the page that follows."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


@pytest.fixture
def login() -> Callable[..., None]:
    """``login(page, live_server, username, password)``: sign in through the form."""
    return _login


@pytest.fixture
def portal_settings(settings, tmp_path) -> str:
    """Settings for applying online in a test: media in tmp, mail kept in memory, the CAPTCHA test answer."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.XXGK_CAPTCHA_TEST_ANSWER = CAPTCHA_ANSWER  # test-only hook; refused in production (portal.E001)
    settings.PRODUCTION = False
    return CAPTCHA_ANSWER
