"""The units core: organisation codes, parent kinds and the review body named in remedies."""

from __future__ import annotations

import pytest

from xxgk.core.units import (
    NEXT_HIGHER_DEPARTMENT,
    NEXT_LEVEL_GOVERNMENT,
    ReviewBody,
    UnitKind,
    UnitRef,
    derive_review_body,
    effective_review_body,
    is_street_office,
    org_code_check_digit,
    org_code_error,
    parent_kind_error,
)

G, D, V, P = UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.VERTICAL, UnitKind.DISPATCHED
CITY = UnitRef("示例市人民政府", G)
COUNTY = UnitRef("示例县人民政府", G)
TOWN = UnitRef("勍香镇人民政府", G)
EDUCATION = UnitRef("示例县教育局", D)
TAX = UnitRef("国家税务总局示例县税务局", V)


@pytest.mark.parametrize(
    ("kind", "ancestors", "name", "needs_override"),
    [
        # department → the people's government at the same level
        (D, [COUNTY, CITY], "示例县人民政府", False),
        # township government → the county-level people's government
        (G, [COUNTY, CITY], "示例县人民政府", False),
        # county government → the next level up
        (G, [CITY], "示例市人民政府", False),
        # at the top of the tree the administrator must name it
        (G, [], NEXT_LEVEL_GOVERNMENT, True),
        # street office → the government that set it up
        (P, [COUNTY, CITY], "示例县人民政府", False),
        # 派出机构 of a department → the government at the department's level
        (P, [EDUCATION, COUNTY, CITY], "示例县人民政府", False),
        # 派出机构 of a department with no government above: override needed
        (P, [EDUCATION], "本级人民政府", True),
        # vertically managed agency → the next-higher department, always set by hand
        (V, [COUNTY], NEXT_HIGHER_DEPARTMENT, True),
        (V, [], NEXT_HIGHER_DEPARTMENT, True),
        # a department without a government parent cannot be derived
        (D, [], "本级人民政府", True),
        (D, [TAX], "本级人民政府", True),
        # 派出机构 at the top cannot be derived
        (P, [], "本级人民政府", True),
    ],
)
def test_review_body_is_derived_from_kind_and_parent(kind, ancestors, name, needs_override):
    body = derive_review_body(kind, ancestors)
    assert (body.name, body.needs_override) == (name, needs_override)
    assert body.basis.startswith("行政复议法第二十")


def test_vertical_agency_cites_article_27():
    assert "第二十七条" in derive_review_body(V, [COUNTY]).basis


@pytest.mark.parametrize(
    ("override", "expected_name", "expected_override_flag"),
    [
        ("示例市人民政府", "示例市人民政府", False),
        ("  ", NEXT_LEVEL_GOVERNMENT, True),
        ("", NEXT_LEVEL_GOVERNMENT, True),
    ],
)
def test_stored_override_wins_over_derivation(override, expected_name, expected_override_flag):
    derived = ReviewBody(NEXT_LEVEL_GOVERNMENT, True, "x")
    body = effective_review_body(override, derived)
    assert (body.name, body.needs_override) == (expected_name, expected_override_flag)


@pytest.mark.parametrize(
    ("code", "error_part"),
    [
        ("014416330", None),  # the spec's 索引号 example prefix
        ("123456788", None),
        ("00000030X", None),
        ("A00000003", None),
        ("01441633", "应为9位"),
        ("0144163301", "应为9位"),
        ("014416331", "校验位错误（应为0）"),
        ("01441633a", "只能由数字和大写字母"),
        ("0144-6330", "只能由数字和大写字母"),
    ],
)
def test_org_code_is_validated(code, error_part):
    error = org_code_error(code)
    if error_part is None:
        assert error is None
    else:
        assert error is not None and error_part in error


@pytest.mark.parametrize(
    ("body", "check"),
    [("01441633", "0"), ("12345678", "8"), ("00000030", "X"), ("00000000", "0"), ("A0000000", "3")],
)
def test_check_digit_uses_gb11714_weights(body, check):
    assert org_code_check_digit(body) == check


def test_check_digit_refuses_bad_body():
    with pytest.raises(ValueError):
        org_code_check_digit("0144163")


@pytest.mark.parametrize(
    ("kind", "parent_kind", "allowed"),
    [
        (G, None, True),
        (G, G, True),
        (G, D, False),
        (D, G, True),
        (D, D, False),
        (D, None, True),
        (P, G, True),
        (P, D, True),
        (P, V, False),
        (V, D, True),
        (V, G, True),
    ],
)
def test_parent_kind_rules(kind, parent_kind, allowed):
    assert (parent_kind_error(kind, parent_kind) is None) is allowed


@pytest.mark.parametrize(
    ("kind", "parent_kind", "street"), [(P, G, True), (P, D, False), (G, G, False), (D, G, False), (P, None, False)]
)
def test_street_office_is_a_dispatched_body_of_a_government(kind, parent_kind, street):
    assert is_street_office(kind, parent_kind) is street
