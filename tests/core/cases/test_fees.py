"""The 信息处理费 of 国办函〔2020〕109号."""

from __future__ import annotations

import pytest

from xxgk.core.cases.fees import FeeError, FeeMethod, fee_by_pages, fee_per_application, fees_for_count, quote


@pytest.mark.parametrize(
    ("nth", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_fee_per_application_by_place_in_month(nth, fee):
    assert fee_per_application(nth) == fee


@pytest.mark.parametrize(("count", "total"), [(0, 0), (10, 0), (11, 100), (30, 2000), (35, 3000), (41, 4300)])
def test_fees_for_count_is_cumulative(count, total):
    assert fees_for_count(count) == total


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)]
)
def test_fee_by_pages_is_progressive(pages, fee):
    assert fee_by_pages(pages) == fee


@pytest.mark.parametrize(("func", "arg"), [(fee_per_application, 0), (fees_for_count, -1), (fee_by_pages, -5)])
def test_impossible_quantities_are_refused(func, arg):
    with pytest.raises(FeeError):
        func(arg)


def test_quote_uses_exactly_one_method_and_applies_a_reasoned_reduction():
    q = quote(FeeMethod.BY_PAGES, 250, reduction=700, reduction_reason="申请人经济困难")
    assert (q.method, q.standard, q.due) == (FeeMethod.BY_PAGES, 4700, 4000)
    assert quote("per_application", 35).due == 200


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "both", "quantity": 5}, "二者只能选一"),
        ({"method": "by_pages", "quantity": 250, "reduction": 100}, "理由"),
        ({"method": "by_pages", "quantity": 250, "reduction": 5000, "reduction_reason": "x"}, "之间"),
    ],
)
def test_bad_quotes_are_refused(kwargs, message):
    method, quantity = kwargs.pop("method"), kwargs.pop("quantity")
    with pytest.raises(FeeError, match=message):
        quote(method, quantity, **kwargs)
