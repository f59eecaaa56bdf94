"""``xxgk catalogue search`` and ``xxgk catalogue reindex``, run in-process on the test database."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import UnitFactory
from tests.published import publish_entry, withdraw_entry
from xxgk.apps.public.models import SearchDocument
from xxgk.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return UnitFactory(name="勍香镇人民政府"), UnitFactory(name="青石镇人民政府")


def test_search_json_lists_published_entries_ranked(units, capsys):
    qinxiang, qingshi = units
    body_hit = publish_entry(qinxiang, "工作简报", body="本期介绍危房改造进展", published_on=dt.date(2024, 5, 2))
    title_hit = publish_entry(qingshi, "危房改造实施方案", published_on=dt.date(2024, 1, 3))
    withdraw_entry(publish_entry(qinxiang, "危房改造名单"))
    assert main(["catalogue", "search", "危房改造", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["index_number"] for r in rows] == [title_hit.index_number, body_hit.index_number]
    first = {key: rows[0][key] for key in ("title", "unit", "published_on", "path")}
    assert first == {
        "title": "危房改造实施方案",
        "unit": "青石镇人民政府",
        "published_on": "2024-01-03",
        "path": f"/gk/{qingshi.pk}/item/{title_hit.pk}/",
    }


def test_search_by_unit_and_as_text(units, capsys):
    qinxiang, qingshi = units
    entry = publish_entry(qinxiang, "勍香镇防汛通知")
    publish_entry(qingshi, "青石镇防汛通知")
    assert main(["catalogue", "search", "防汛", "--unit", "勍香镇人民政府"]) == 0
    out = capsys.readouterr().out
    assert "共找到 1 条" in out and entry.index_number in out and "青石镇" not in out


def test_search_refuses_an_unknown_unit_and_bad_limit(units, capsys):
    assert main(["catalogue", "search", "防汛", "--unit", "不存在的单位"]) == 2
    assert "找不到单位“不存在的单位”" in capsys.readouterr().err
    assert main(["catalogue", "search", "防汛", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_search_with_nothing_found(units, capsys):
    assert main(["catalogue", "search", "不存在的词语"]) == 0
    assert "没有找到" in capsys.readouterr().out
    assert main(["catalogue", "search", "，。", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_reindex_rebuilds_from_the_catalogue(units, capsys):
    qinxiang, _ = units
    publish_entry(qinxiang, "防汛通知", send=False)
    assert not SearchDocument.objects.exists()
    assert main(["catalogue", "reindex"]) == 0
    assert "1 条" in capsys.readouterr().out
    assert main(["catalogue", "search", "防汛", "--json"]) == 0
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["防汛通知"]
