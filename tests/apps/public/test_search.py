"""Full-text search in the database's own engine: words found in titles, bodies and attachments, ranked, filtered."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.apps.public.index import search_index_rebuild
from xxgk.apps.public.models import SearchDocument
from xxgk.apps.public.search import SearchFilters, catalogue_search

pytestmark = pytest.mark.django_db


def _titles(result) -> list[str]:
    return [hit.document.title for hit in result.hits]


def test_two_words_found_inside_attachment_text(county, publish):
    publish(county.qinxiang, "关于开展2024年春季造林工作的通知", body="各村：请做好春季造林。")
    publish(
        county.qinxiang,
        "勍香镇2024年农村住房安全情况",
        body="见附件。",
        attachment_text="经排查，全镇农村危房改造对象共计十二户，已全部完成鉴定。",
    )
    result = catalogue_search("危房改造 鉴定")
    assert _titles(result) == ["勍香镇2024年农村住房安全情况"]
    assert "<mark>危房改造</mark>" in result.hits[0].snippet_html
    assert "<mark>鉴定</mark>" in result.hits[0].snippet_html


def test_a_word_inside_a_longer_indexed_word_is_found(county, publish):
    publish(county.qinxiang, "中华人民共和国政府信息公开条例学习材料")
    assert _titles(catalogue_search("人民共和国")) == ["中华人民共和国政府信息公开条例学习材料"]
    assert _titles(catalogue_search("信息公开")) == ["中华人民共和国政府信息公开条例学习材料"]


def test_every_word_must_occur(county, publish):
    publish(county.qinxiang, "春季造林通知", body="植树造林")
    assert catalogue_search("造林 低保").hits == []


def test_title_matches_rank_above_body_matches(county, publish):
    body = "本期介绍秸秆禁烧工作情况以及其他工作。"
    publish(county.qinxiang, "工作简报第三期", body=body, published_on=dt.date(2024, 5, 1))
    publish(county.qinxiang, "秸秆禁烧工作方案", body="为做好工作，制定本方案。", published_on=dt.date(2024, 1, 1))
    assert _titles(catalogue_search("秸秆禁烧")) == ["秸秆禁烧工作方案", "工作简报第三期"]


def test_withdrawn_entries_are_never_public_but_staff_find_them(county, publish, withdraw):
    entry = publish(county.qinxiang, "关于征收集体土地的公告", body="征收土地补偿标准")
    assert _titles(catalogue_search("征收 补偿")) == ["关于征收集体土地的公告"]
    withdraw(entry, "公告内容有误，撤回更正。")
    assert catalogue_search("征收 补偿").hits == []
    staff = catalogue_search("征收 补偿", filters=SearchFilters(public=False))
    assert _titles(staff) == ["关于征收集体土地的公告"]
    assert staff.hits[0].document.withdrawal_reason == "公告内容有误，撤回更正。"


def test_filters_by_unit_year_theme_kind_and_validity(county, publish):
    publish(county.qinxiang, "勍香镇财政预算公开", theme="财政、金融、审计", published_on=dt.date(2023, 2, 1))
    publish(
        county.qinxiang,
        "勍香镇财政决算公开",
        theme="财政、金融、审计",
        kind="行政规范性文件",
        validity="废止",
        published_on=dt.date(2024, 2, 1),
    )
    publish(county.qingshi, "青石镇财政预算公开", theme="综合政务", published_on=dt.date(2024, 2, 1))

    def titles(**filters) -> list[str]:
        return sorted(_titles(catalogue_search("财政", filters=SearchFilters(**filters))))

    assert titles(unit_ids=(county.qingshi.pk,)) == ["青石镇财政预算公开"]
    assert titles(year=2023) == ["勍香镇财政预算公开"]
    assert titles(theme="财政、金融、审计") == ["勍香镇财政决算公开", "勍香镇财政预算公开"]
    assert titles(kind="行政规范性文件") == ["勍香镇财政决算公开"]
    assert titles(validity="废止") == ["勍香镇财政决算公开"]
    assert titles(unit_ids=()) == []


def test_snippets_escape_markup_from_documents(county, publish):
    publish(county.qinxiang, "<script>alert(1)</script>通知", body='<img src=x onerror="alert(1)"> 防汛值班安排')
    hit = catalogue_search("防汛 值班").hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<img" not in hit.snippet_html and "<mark>防汛</mark>" in hit.snippet_html


@pytest.mark.parametrize("query", ["", "   ", "，。！", '"', "' OR 1=1 --", "NEAR(", "*", "AND OR NOT"])
def test_odd_queries_do_not_fail(county, publish, query):
    publish(county.qinxiang, "防汛值班安排")
    result = catalogue_search(query)
    assert result.hits == [] or all(hit.document.is_public for hit in result.hits)


def test_correction_replaces_the_indexed_text(county, publish):
    entry = publish(county.qinxiang, "防汛值班安排", body="值班电话 12345")
    version = entry.current
    version.title = "防汛值班安排（更正）"
    version.body = "值班地点改为镇应急办"
    version.save()
    from xxgk.apps.catalogue.models import Entry
    from xxgk.apps.catalogue.signals import entry_published

    entry_published.send(sender=Entry, entry=entry)
    assert catalogue_search("应急办").hits[0].document.title == "防汛值班安排（更正）"
    assert catalogue_search("12345").hits == []
    assert SearchDocument.objects.count() == 1


def test_rebuild_recreates_the_index_from_the_catalogue(county, publish, withdraw):
    publish(county.qinxiang, "防汛值班安排", send=False)
    withdraw(publish(county.qinxiang, "征地公告", send=False))
    assert SearchDocument.objects.count() == 1  # the withdrawal indexes it, not public
    assert search_index_rebuild() == 2
    assert _titles(catalogue_search("防汛")) == ["防汛值班安排"]
    assert catalogue_search("征地").hits == []
    assert search_index_rebuild(unit=county.qingshi) == 0
    assert SearchDocument.objects.count() == 2


def test_paging_counts_all_matches(county, publish):
    for n in range(25):
        publish(county.qinxiang, f"第{n}期防汛简报", published_on=dt.date(2024, 1, 1) + dt.timedelta(days=n))
    first = catalogue_search("防汛 简报", limit=10)
    second = catalogue_search("防汛 简报", offset=20, limit=10)
    assert first.total == 25 and len(first.hits) == 10 and len(second.hits) == 5
    assert not set(_titles(first)) & set(_titles(second))


def test_too_many_matches_are_shown_newest_first(county, publish, monkeypatch):
    from xxgk.apps.public import search

    monkeypatch.setattr(search, "MAX_COUNTED", 3)
    for day in (5, 1, 9, 3):
        publish(county.qinxiang, f"防汛简报{day}日", published_on=dt.date(2024, 7, day))
    result = catalogue_search("防汛", limit=2)
    assert not result.ranked and result.total_capped
    assert _titles(result) == ["防汛简报9日", "防汛简报5日"]
    assert _titles(catalogue_search("防汛", offset=2, limit=2)) == ["防汛简报3日", "防汛简报1日"]
    assert catalogue_search("防汛 9日").ranked
