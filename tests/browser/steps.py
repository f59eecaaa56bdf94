"""Journey steps shared by the browser tests: applying online, working at a desk, acting on a case.

Each step drives the pages as a person would and waits for the page that
follows, so that a test reads as the journey it checks.
"""

from __future__ import annotations

import io
import re

from PIL import Image

from tests.factories import PASSWORD

# The CAPTCHA answer the portal accepts when settings.XXGK_CAPTCHA_TEST_ANSWER is set (test-only hook).
CAPTCHA_ANSWER = "H4TQ7"


def png_bytes() -> bytes:
    """A small PNG image, as a scanned identity document."""
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def fill_application(page) -> None:
    """Fill the portal's application form as 李四 (natural person) with one item; the CAPTCHA is left empty."""
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("#id_name", "李四")
    page.select_option("#id_identity_type", "居民身份证")
    page.fill("#id_identity_number", "11010519491231002X")
    page.fill("#id_address", "示例县勍香镇和平街8号")
    page.fill("#id_phone", "13800000000")
    page.fill("#id_email", "lisi@example.cn")
    page.fill("#id_items-0-description", "2025年勍香镇财政预算执行情况")
    page.check("input[name=requested_form][value=电子]")
    page.check("input[name=requested_channel][value=电子邮件]")
    page.set_input_files("#id_identity_file", {"name": "身份证.png", "mimeType": "image/png", "buffer": png_bytes()})
    page.check("#id_declaration")


def submit_application(page, base: str, answer: str = CAPTCHA_ANSWER) -> None:
    """Type the CAPTCHA answer, submit the application and check that the receipt page follows."""
    page.fill("#id_captcha", answer)
    with page.expect_navigation():
        page.click("#application-form button[type=submit]")
    assert page.url == f"{base}/apply/done/", page.inner_text("main")


def desk(browser, live_server, login, username: str):
    """A signed-in page in its own browser context (own session), as at a separate desk."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, username, PASSWORD)
    return page


def take(page, url: str, action: str, fill: dict[str, str] | None = None, select: dict[str, str] | None = None):
    """Open the case, click the action, fill its form (loaded by htmx) and submit; wait for the success message."""
    page.goto(url)
    page.click(f"a[data-action={action}]")
    page.wait_for_selector(f"#action-form[data-action={action}]")
    for name, value in (select or {}).items():
        page.select_option(f"#action-form [name='{name}']", value)
    for name, value in (fill or {}).items():
        page.fill(f"#action-form [name='{name}']", value)
    page.click("#action-form button[type=submit]")
    page.wait_for_selector(".message--success")


def register_letter(page, select: dict[str, str], fill: dict[str, str]) -> str:
    """On the registration form, choose and fill the fields (choices first), register; return the case page's URL."""
    for name, value in select.items():
        page.select_option(f"#register-form select[name={name}]", value)
    for name, value in fill.items():
        page.fill(f"#register-form [name={name}]", value)
    page.click("#register-form button[type=submit]")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    return page.url


def draft_partial_reply(page, url: str, reason: str) -> None:
    """Draft a 部分公开 reply: the first item granted, the second withheld for third-party interests with a reason."""
    page.goto(url)
    page.click("a[data-action=draft_reply]")
    page.wait_for_selector("#action-form[data-action=draft_reply]")
    page.select_option("#action-form [name=outcome]", "partially_granted")
    decisions = page.locator("#action-form select[name^=decision_]")
    decisions.nth(0).select_option("granted")
    decisions.nth(1).select_option("withheld_third_party")
    page.locator("#action-form input[name^=reason_]").nth(1).fill(reason)
    page.click("#action-form button[type=submit]")
    page.wait_for_selector(".message--success")


def state(page) -> str:
    """The case's state as the case page shows it."""
    return page.locator("#case-state").inner_text()
