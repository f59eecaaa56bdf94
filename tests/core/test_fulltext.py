"""Word segmentation, query parsing and snippets for the Chinese full-text search (no database)."""

from __future__ import annotations

import pytest

from xxgk.core.fulltext import (
    MAX_QUERY_TERMS,
    fts5_match,
    highlight,
    index_tokens,
    parse_query,
    query_terms,
    segment,
    snippet,
    tsquery,
)


def test_search_mode_stores_long_words_with_their_sub_words():
    words = segment("关于做好农村危房改造工作的通知")
    assert {"危房改造", "危房", "改造", "农村", "通知"} <= set(words)


def test_index_tokens_are_space_joined_lower_case_words_without_punctuation():
    assert index_tokens("ABC，住房安全！") == "abc 住房 安全"
    assert index_tokens("一二三四五六", max_chars=2) == index_tokens("一二")


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        ("预算", ((("预算",),),)),
        ("人民共和国", ((("人民共和国",), ("人民", "共和", "共和国")),)),
        ("亲日 愣住", ((("亲日",), ("亲", "日")), (("愣住",),))),
        ("  ", ()),
        ("，。！", ()),
        ('"; drop', ((("drop",),),)),
    ],
)
def test_parse_query(query, groups):
    assert parse_query(query).groups == groups


def test_a_query_keeps_at_most_the_first_words():
    query = parse_query(" ".join(f"词{n}" for n in range(20)))
    assert len(query.groups) == MAX_QUERY_TERMS


def test_engine_expressions_quote_every_word():
    query = parse_query("人民共和国 预算")
    assert fts5_match(query) == '("人民共和国" OR ("人民" AND "共和" AND "共和国")) AND ("预算")'
    assert tsquery(query) == "(('人民共和国') | ('人民' & '共和' & '共和国')) & (('预算'))"


def test_highlight_escapes_and_marks():
    assert highlight("<b>预算</b>公开", ["预算"]) == "&lt;b&gt;<mark>预算</mark>&lt;/b&gt;公开"
    assert highlight("预算", []) == "预算"


def test_snippet_centres_on_the_densest_cluster_of_words():
    text = "开头" * 100 + "这里讲危房改造和鉴定工作" + "结尾" * 100
    result = snippet(text, query_terms("危房改造 鉴定"), width=40)
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>危房改造</mark>和<mark>鉴定</mark>" in result


def test_snippet_of_a_text_without_the_words_is_its_start():
    assert snippet("短文本<script>", ["无关"]) == "短文本&lt;script&gt;"
