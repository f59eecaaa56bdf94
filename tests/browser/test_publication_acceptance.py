"""Acceptance of issue 7: a draft with an identity number in its attachment goes through review to the public side.

A 登记人员 drafts an entry and attaches a DOCX holding an identity number →
submits → the 审核人 sees the scan's finding and sends it back → the author
replaces the attachment → approved → published with a 索引号 → the entry is on
the unit's public column, found by a two-word query inside the attachment
text, and in the Atom feed → withdrawn with a reason → gone from the public
side, kept with its reason for staff.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from docx import Document

from tests.browser.steps import desk
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.units.models import Role

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "勍香镇2026年农村住房安全排查情况"
ID_NUMBER = "11010519491231002X"  # checksum-valid (the example of GB 11643-1999)
WITHDRAWAL = "排查数据需要复核，暂时撤回。"


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FINDINGS = "经排查，全镇农村危房改造对象共计十二户，已全部完成房屋安全鉴定。"
WITH_ID = _docx("农村住房安全排查表", FINDINGS, f"联系人：张三，身份证号{ID_NUMBER}。")
FIXED = _docx("农村住房安全排查表", FINDINGS, "联系人：镇村建办。")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def town(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    gov = UnitFactory(name="示例县人民政府", kind="人民政府")
    unit = UnitFactory(name="勍香镇人民政府", kind="人民政府", parent=gov)
    MembershipFactory(user=UserFactory(username="dengji"), unit=unit, role=Role.REGISTRAR)
    MembershipFactory(user=UserFactory(username="shenhe"), unit=unit, role=Role.REVIEWER)
    return unit


def _act(page, name: str, reason: str = "") -> None:
    form = page.locator(f"form.action-form[data-action={name}]")
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _attach(page, content: bytes, name: str) -> None:
    page.set_input_files("#attach-form input[type=file]", {"name": name, "mimeType": DOCX, "buffer": content})
    with page.expect_navigation():
        page.click("#attach-form button[type=submit]")
    assert name in page.inner_text("#attachments")


def _search(page, base: str, query: str) -> str:
    page.goto(f"{base}/search/?q={query}")
    return page.inner_text("main")


def _feed_titles(page, base: str, unit_id: int) -> list[str]:
    response = page.request.get(f"{base}/gk/{unit_id}/feed/")
    assert response.ok
    return [e.findtext(f"{ATOM}title") for e in ET.fromstring(response.body()).iter(f"{ATOM}entry")]


def test_draft_review_publish_search_feed_withdraw(browser, page, live_server, login, town):
    base = live_server.url
    formed = timezone.localdate() - dt.timedelta(days=2)

    # 登记人员 drafts the entry and attaches the table holding an identity number
    author = desk(browser, live_server, login, "dengji")
    author.goto(f"{base}/catalogue/new/")
    author.fill("#id_title", TITLE)
    author.fill("#id_summary", "全镇农村住房安全排查结果。")
    author.fill("#id_body", "根据县住建局统一部署，我镇开展了农村住房安全排查，结果见附件。")
    author.fill("#id_formed_on", formed.isoformat())
    author.select_option("#id_theme", "城乡建设、环境保护")
    author.select_option("#id_item", "21.town")
    with author.expect_navigation():
        author.click("#version-form button[type=submit]")
    assert re.search(r"/catalogue/\d+/$", author.url), author.inner_text("main")
    entry_url = author.url
    _attach(author, WITH_ID, "排查表.docx")
    _act(author, "submit")

    # 审核人 sees the finding with its place and sends the draft back
    reviewer = desk(browser, live_server, login, "shenhe")
    reviewer.goto(entry_url)
    finding = reviewer.locator("tr.finding").first
    assert "身份证号码" in finding.inner_text() and "排查表.docx" in finding.inner_text()
    assert ID_NUMBER not in reviewer.inner_text("#findings")  # shown masked
    _act(reviewer, "approve")  # refused while the finding is not acknowledged
    assert "尚未逐项确认" in reviewer.inner_text(".messages")
    assert reviewer.inner_text("#index-number").strip() == "（发布时生成）"
    _act(reviewer, "send_back", "附件含有公民身份证号码，请删除后重新提交。")

    # the author replaces the attachment and submits again
    author.goto(entry_url)
    assert "附件含有公民身份证号码" in author.inner_text("#sent-back")
    with author.expect_navigation():
        author.locator("#attachments form.inline button").first.click()
    _attach(author, FIXED, "排查表（修改）.docx")
    _act(author, "submit")

    # approved and published with a 索引号
    reviewer.goto(entry_url)
    assert reviewer.locator("#no-findings").count() == 1
    _act(reviewer, "approve")
    _act(reviewer, "publish")
    index_number = reviewer.inner_text("#index-number").strip()
    assert re.fullmatch(rf"{town.org_code}/\d{{4}}-\d{{5}}", index_number), index_number
    assert index_number in reviewer.inner_text(".messages")

    # the public: the unit's column, the item page, search inside the attachment, the feed
    page.goto(f"{base}/gk/{town.pk}/")
    page.click(f"text={TITLE}")
    item_url = page.url
    assert index_number in page.inner_text(".meta-table")
    assert "排查表（修改）.docx" in page.inner_text(".attachments")
    results = _search(page, base, "危房改造 鉴定")
    assert TITLE in results and index_number in results
    assert page.locator(".search-hit mark").count() >= 2
    assert TITLE in _feed_titles(page, base, town.pk)

    # withdrawn with a reason: gone from the public side, kept with its reason for staff
    reviewer.goto(entry_url)
    _act(reviewer, "withdraw", WITHDRAWAL)
    assert WITHDRAWAL in reviewer.inner_text("#withdrawal")
    assert page.goto(item_url).status == 404
    page.goto(f"{base}/gk/{town.pk}/")
    assert TITLE not in page.inner_text("main")
    assert TITLE not in _search(page, base, "危房改造 鉴定")
    assert TITLE not in _feed_titles(page, base, town.pk)
    reviewer.goto(f"{base}/work/search/?q=危房改造")
    staff = reviewer.inner_text("main")
    assert TITLE in staff and WITHDRAWAL in staff
    with reviewer.expect_navigation():
        reviewer.click(".search-hit__title a")
    assert reviewer.url == entry_url and WITHDRAWAL in reviewer.inner_text("#withdrawal")
