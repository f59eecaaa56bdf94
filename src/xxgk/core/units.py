"""Units of a government: kinds, organisation codes and the review body named in remedies.

Pure Python, no Django. The review body (行政复议机关) that a reply letter names
follows 行政复议法（2023年修订）第二十四条、第二十七条 as summarised in
spec applications.md §7; it is derived from the unit's kind and its parent
chain, and a stored override always wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "NEXT_HIGHER_DEPARTMENT",
    "NEXT_LEVEL_GOVERNMENT",
    "ReviewBody",
    "UnitKind",
    "UnitRef",
    "derive_review_body",
    "effective_review_body",
    "is_street_office",
    "org_code_check_digit",
    "org_code_error",
    "parent_kind_error",
]

NEXT_LEVEL_GOVERNMENT = "上一级人民政府"
NEXT_HIGHER_DEPARTMENT = "上一级主管部门"


class UnitKind(StrEnum):
    """The kind of a unit (the value is the Chinese name used in files and forms)."""

    GOVERNMENT = "人民政府"
    DEPARTMENT = "部门"
    VERTICAL = "垂直管理机构"
    DISPATCHED = "派出机构"


@dataclass(frozen=True)
class UnitRef:
    """A unit as the rules see it: its name and kind."""

    name: str
    kind: UnitKind


@dataclass(frozen=True)
class ReviewBody:
    """The review body named in remedies, and whether an administrator must set it."""

    name: str
    needs_override: bool
    basis: str


# GB 11714-1997 weights for the eight body characters of a 组织机构代码.
_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def org_code_check_digit(body: str) -> str:
    """The check character of an organisation code body of 8 digits/capitals (GB 11714-1997)."""
    if len(body) != 8 or any(ch not in _ALPHABET for ch in body):
        raise ValueError(f"organisation code body must be 8 digits or capital letters, got {body!r}")
    total = sum(_ALPHABET.index(ch) * w for ch, w in zip(body, _WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def org_code_error(code: str) -> str | None:
    """Why ``code`` is not a valid 9-character 组织机构代码 (GB 11714-1997), or None if it is.

    The code is the prefix of every 索引号 of the unit (spec catalogue.md).
    """
    if len(code) != 9:
        return f"组织机构代码应为9位，实际为{len(code)}位"
    body, check = code[:8], code[8]
    if any(ch not in _ALPHABET for ch in body) or check not in _ALPHABET + "X":
        return "组织机构代码只能由数字和大写字母组成"
    expected = org_code_check_digit(body)
    if check != expected:
        return f"组织机构代码校验位错误（应为{expected}）"
    return None


_ALLOWED_PARENTS: dict[UnitKind, frozenset[UnitKind]] = {
    UnitKind.GOVERNMENT: frozenset({UnitKind.GOVERNMENT}),
    UnitKind.DEPARTMENT: frozenset({UnitKind.GOVERNMENT}),
    UnitKind.DISPATCHED: frozenset({UnitKind.GOVERNMENT, UnitKind.DEPARTMENT}),
    UnitKind.VERTICAL: frozenset(UnitKind),
}


def parent_kind_error(kind: UnitKind, parent_kind: UnitKind | None) -> str | None:
    """Why a unit of ``kind`` cannot sit under a parent of ``parent_kind``, or None if it can.

    A government sits under a government (or at the top); a department under a
    government (条例第十条: departments of county-level-or-higher governments);
    a 派出机构 under the government or department that set it up.
    """
    if parent_kind is None or parent_kind in _ALLOWED_PARENTS[kind]:
        return None
    return f"“{kind.value}”不能设在“{parent_kind.value}”之下"


def is_street_office(kind: UnitKind, parent_kind: UnitKind | None) -> bool:
    """Whether a unit is a street office: a 派出机构 set up by a people's government."""
    return kind is UnitKind.DISPATCHED and parent_kind is UnitKind.GOVERNMENT


def derive_review_body(kind: UnitKind, ancestors: Sequence[UnitRef]) -> ReviewBody:
    """The review body for a unit of ``kind`` whose parent chain is ``ancestors`` (parent first).

    行政复议法（2023年修订）第二十四条、第二十七条; spec applications.md §7:
    department → the people's government at the same level (its parent);
    township or county-level-or-higher government → the next level up (its
    parent; at the top of the tree the administrator must name it);
    派出机构 of a department → the people's government at that department's
    level; street office → the government that set it up; vertically managed
    agency → the next-higher department (always set by the administrator).
    """
    parent = ancestors[0] if ancestors else None
    if kind is UnitKind.VERTICAL:
        return ReviewBody(
            NEXT_HIGHER_DEPARTMENT, True, "行政复议法第二十七条：实行垂直领导的行政机关，向上一级主管部门申请行政复议"
        )
    if kind is UnitKind.GOVERNMENT:
        if parent is not None and parent.kind is UnitKind.GOVERNMENT:
            return ReviewBody(
                parent.name, False, "行政复议法第二十四条：对下一级人民政府的行政行为，由上一级人民政府管辖"
            )
        return ReviewBody(NEXT_LEVEL_GOVERNMENT, True, "行政复议法第二十四条：由上一级人民政府管辖")
    if kind is UnitKind.DEPARTMENT:
        if parent is not None and parent.kind is UnitKind.GOVERNMENT:
            return ReviewBody(parent.name, False, "行政复议法第二十四条：对本级人民政府工作部门，由本级人民政府管辖")
        return ReviewBody("本级人民政府", True, "行政复议法第二十四条：由本级人民政府管辖")
    # 派出机构
    if parent is not None and parent.kind is UnitKind.GOVERNMENT:
        return ReviewBody(parent.name, False, "行政复议法第二十四条：对人民政府的派出机关，由设立它的人民政府管辖")
    if parent is not None and parent.kind is UnitKind.DEPARTMENT:
        government = ancestors[1] if len(ancestors) > 1 else None
        if government is not None and government.kind is UnitKind.GOVERNMENT:
            return ReviewBody(
                government.name, False, "行政复议法第二十四条：对部门的派出机构，由该部门的本级人民政府管辖"
            )
    return ReviewBody("本级人民政府", True, "行政复议法第二十四条：由本级人民政府管辖")


def effective_review_body(override: str, derived: ReviewBody) -> ReviewBody:
    """The review body to print: a non-blank stored override wins over the derived one."""
    name = override.strip()
    if name:
        return ReviewBody(name, False, "管理员设定")
    return derived
