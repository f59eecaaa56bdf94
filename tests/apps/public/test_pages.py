"""The public column's pages: what a visitor sees on the home page, a unit's column, an item, the feed and sitemap."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from xxgk.apps.catalogue.models import Version

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _text(response) -> str:
    return response.content.decode()


def test_home_is_public_and_lists_units_and_latest_entries(client, county, publish):
    publish(county.qinxiang, "勍香镇2024年财政预算公开")
    response = client.get("/")
    html = _text(response)
    assert response.status_code == 200
    assert "示例县人民政府政府信息公开" in html
    assert f'href="/gk/{county.qingshi.pk}/"' in html and "青石镇人民政府" in html
    assert "勍香镇2024年财政预算公开" in html
    assert "2024年3月15日" in html


def test_unit_column_has_the_five_sub_columns(client, county, publish):
    publish(county.qinxiang, "防汛值班安排", item="20.12")
    html = _text(client.get(f"/gk/{county.qinxiang.pk}/"))
    for label in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"):
        assert label in html
    assert f'href="/gk/{county.qinxiang.pk}/nianbao/"' in html
    assert f'href="/apply/{county.qinxiang.pk}/"' in html
    assert "突发公共事件的应急预案" in html  # the item facet of the entry
    assert f'href="/gk/{county.qinxiang.pk}/feed/"' in html


def test_guide_is_generated_from_the_units_data(client, county, publish):
    publish(county.qinxiang, "预算公开", item="20.7", theme="财政、金融、审计")
    html = _text(client.get(f"/gk/{county.qinxiang.pk}/guide/"))
    assert "勍香镇人民政府政府信息公开指南" in html
    assert "示例县勍香镇政府路1号党政办" in html and "0755-12345678" in html
    assert "工作日 8:30-12:00 14:30-17:30" in html and "gk@qinxiang.example.gov.cn" in html
    assert f'href="/apply/{county.qinxiang.pk}/"' in html
    assert "第二十条第（七）项 财政预算、决算信息" in html and "财政、金融、审计" in html
    assert "向示例县人民政府申请行政复议" in html  # the township's review body


def test_rules_page_says_when_nothing_is_written(client, county):
    assert "本机关尚未发布政府信息公开制度" in _text(client.get(f"/gk/{county.qinxiang.pk}/rules/"))


def test_content_browses_by_item_theme_and_line(client, county, publish):
    publish(county.qinxiang, "预算公开", item="20.7", theme="财政、金融、审计")
    publish(county.qinxiang, "招聘公告", item="20.14", theme="劳动、人事、监察")
    url = f"/gk/{county.qinxiang.pk}/content/"
    everything = _text(client.get(url))
    assert "预算公开" in everything and "招聘公告" in everything
    by_item = _text(client.get(url, {"by": "item", "key": "20.7"}))
    assert "预算公开" in by_item and "招聘公告" not in by_item
    by_theme = _text(client.get(url, {"by": "theme", "key": "劳动、人事、监察"}))
    assert "招聘公告" in by_theme and "预算公开" not in by_theme
    assert client.get(url, {"by": "theme", "key": "不存在的主题"}).status_code == 404
    assert client.get(url, {"by": "line"}).status_code == 200


def test_item_page_prints_the_metadata_table(client, county, publish):
    entry = publish(
        county.qinxiang,
        "勍香镇村规民约管理办法",
        body="第一条 为规范……",
        summary="规范村规民约的制定和备案。",
        doc_number="勍政发〔2024〕3号",
        theme="民政、扶贫、救灾",
        genre="通知",
        keywords="村规民约",
        kind="行政规范性文件",
        item="20.1",
        effective_on=dt.date(2024, 4, 1),
        attachment_text="附件正文",
    )
    response = client.get(f"/gk/{county.qinxiang.pk}/item/{entry.pk}/")
    html = _text(response)
    assert response.status_code == 200
    for text in (
        entry.index_number,
        "勍香镇人民政府",
        "2024年3月12日",  # 生成日期
        "2024年3月15日",  # 发布日期
        "勍政发〔2024〕3号",
        "民政、扶贫、救灾",
        "有效（2024年4月1日起施行）",
        "规范村规民约的制定和备案。",
        "附件1.pdf",
    ):
        assert text in html, text


def test_item_page_shows_the_version_history(client, county, publish):
    entry = publish(county.qinxiang, "防汛值班安排（更正）")
    old = entry.current
    Version.objects.create(
        entry=entry, number=2, state="published", title="防汛值班安排（更正）", correction_note="更正值班电话"
    )
    old.title, old.state = "防汛值班安排", "superseded"
    old.save()
    entry.current = entry.versions.get(number=2)
    entry.save()
    html = _text(client.get(f"/gk/{county.qinxiang.pk}/item/{entry.pk}/"))
    assert "版本记录" in html and "第1版" in html and "第2版（现行）" in html and "更正值班电话" in html


def test_withdrawn_unpublished_and_foreign_items_are_404(client, county, publish, withdraw):
    withdrawn = withdraw(publish(county.qinxiang, "征地公告", attachment_text="附件"))
    url = f"/gk/{county.qinxiang.pk}/item/{withdrawn.pk}/"
    assert client.get(url).status_code == 404
    attachment = withdrawn.current.attachments.get()
    assert client.get(f"{url}files/{attachment.pk}/").status_code == 404
    other = publish(county.qingshi, "青石镇公告")
    assert client.get(f"/gk/{county.qinxiang.pk}/item/{other.pk}/").status_code == 404
    assert "征地公告" not in _text(client.get(f"/gk/{county.qinxiang.pk}/content/"))
    assert "征地公告" not in _text(client.get("/"))


def test_attachment_downloads_for_published_items(client, county, publish):
    entry = publish(county.qinxiang, "预算公开", attachment_text="预算表")
    attachment = entry.current.attachments.get()
    response = client.get(f"/gk/{county.qinxiang.pk}/item/{entry.pk}/files/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/gk/{county.qinxiang.pk}/item/{entry.pk}/files/{attachment.pk + 99}/").status_code == 404


def test_atom_feed_lists_published_entries_not_withdrawn_ones(client, county, publish, withdraw):
    kept = publish(county.qinxiang, "春季造林通知")
    withdraw(publish(county.qinxiang, "征地公告"))
    publish(county.qingshi, "青石镇公告")
    response = client.get(f"/gk/{county.qinxiang.pk}/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == ["春季造林通知"]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/gk/{county.qinxiang.pk}/item/{kept.pk}/")
    assert kept.index_number in entry.findtext(f"{ATOM}summary")
    assert client.get("/gk/999999/feed/").status_code == 404


def test_sitemap_lists_columns_and_published_items(client, county, publish, withdraw):
    kept = publish(county.qinxiang, "春季造林通知")
    gone = withdraw(publish(county.qinxiang, "征地公告"))
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = _text(index)
    assert "sitemap-entries.xml" in sections and "sitemap-columns.xml" in sections
    entries = _text(client.get("/sitemap-entries.xml"))
    assert f"/gk/{county.qinxiang.pk}/item/{kept.pk}/" in entries
    assert f"/item/{gone.pk}/" not in entries
    assert f"/gk/{county.qingshi.pk}/guide/" in _text(client.get("/sitemap-columns.xml"))


def test_unknown_unit_is_404(client, county):
    for url in ("/gk/999999/", "/gk/999999/guide/", "/gk/999999/content/", "/gk/999999/item/1/"):
        assert client.get(url).status_code == 404


def test_public_pages_are_reachable_on_a_phone_and_in_print(client, county, publish):
    entry = publish(county.qinxiang, "春季造林通知")
    html = _text(client.get(f"/gk/{county.qinxiang.pk}/item/{entry.pk}/"))
    assert 'name="viewport"' in html and "public/public.css" in html
    css = b"".join(client.get("/static/public/public.css").streaming_content).decode()
    assert "@media print" in css and "@media (max-width: 720px)" in css


def test_public_pages_keep_to_the_content_security_policy(client, county, publish):
    from tests.web.test_pages_csp import csp_offences

    entry = publish(county.qinxiang, "防汛值班安排", attachment_text="值班表")
    unit = county.qinxiang.pk
    for url in (
        "/",
        f"/gk/{unit}/",
        f"/gk/{unit}/guide/",
        f"/gk/{unit}/rules/",
        f"/gk/{unit}/content/?by=theme",
        f"/gk/{unit}/item/{entry.pk}/",
        "/search/?q=防汛",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert csp_offences(response.content.decode()) == [], url
