"""A visitor reads a unit's 政府信息公开 column: home page → column → content → item, search, phone and print."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.factories import UnitFactory
from tests.published import publish_entry, withdraw_entry

SHOTS = Path(os.environ["XXGK_SCREENSHOTS"]) if os.environ.get("XXGK_SCREENSHOTS") else None  # for a human look


@pytest.fixture
def column(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    gov = UnitFactory(name="示例县人民政府", kind="人民政府")
    town = UnitFactory(
        name="勍香镇人民政府", kind="人民政府", parent=gov, office_address="勍香镇政府路1号", office_phone="0755-1234"
    )
    entry = publish_entry(
        town,
        "勍香镇2024年农村住房安全排查情况",
        body="全镇开展农村住房安全排查。",
        attachment_text="经排查，农村危房改造对象共计十二户，已全部完成房屋鉴定。",
        doc_number="勍政发〔2024〕7号",
        theme="城乡建设、环境保护",
        item="21.town",
        published_on=dt.date(2024, 6, 3),
    )
    withdraw_entry(publish_entry(town, "征收土地补偿公告"), "公告有误")
    return town, entry


def test_visitor_finds_an_item_by_browsing_and_by_search(page, live_server, column):
    town, entry = column
    page.goto(f"{live_server.url}/")
    assert "示例县人民政府政府信息公开" in page.inner_text("h1")
    assert "征收土地补偿公告" not in page.content()
    page.click(f"text={town.name}")
    page.click("nav.column-tabs >> text=法定主动公开内容")
    page.click("text=勍香镇2024年农村住房安全排查情况")
    meta = page.inner_text(".meta-table")
    for text in (entry.index_number, "勍政发〔2024〕7号", "2024年6月3日", "城乡建设、环境保护", "有效"):
        assert text in meta
    assert "附件1.pdf" in page.inner_text(".attachments")

    page.fill("#public-q", "危房改造 鉴定")
    with page.expect_navigation():
        page.press("#public-q", "Enter")
    assert "共找到1条结果" in page.inner_text(".search-summary")
    assert page.inner_text(".search-hit mark >> nth=0") in ("危房改造", "鉴定")
    page.fill("#id_q", "征收 补偿")
    with page.expect_navigation():
        page.click(".search-form button[type=submit]")
    assert "没有找到" in page.inner_text("main")


def test_item_page_fits_a_phone_and_prints_without_navigation(browser, live_server, column):
    town, entry = column
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        for path in ("/", f"/gk/{town.pk}/", f"/gk/{town.pk}/content/", f"/gk/{town.pk}/item/{entry.pk}/"):
            page.goto(f"{live_server.url}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, overflow)
        if SHOTS:
            page.screenshot(path=str(SHOTS / "item-phone.png"), full_page=True)
        page.emulate_media(media="print")
        assert not page.is_visible(".public-header")
        assert not page.is_visible(".crumbs") and not page.is_visible(".item-actions")
        assert page.is_visible(".meta-table") and page.is_visible(".document__title")
    finally:
        context.close()
