"""Demo data: a fictional county with 勍香镇, its departments, staff for every role and an administrator.

Loading is idempotent: what exists is left alone, so running it twice changes
nothing. The accounts are demo accounts with fixed, printed passwords.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from xxgk.apps.units.models import Membership, Role, Unit
from xxgk.apps.units.services import membership_add, unit_create
from xxgk.core.units import UnitKind, org_code_check_digit

__all__ = ["DEMO_PASSWORD", "DemoAccount", "load_demo"]

log = logging.getLogger(__name__)

DEMO_PASSWORD = "xxgk-demo-2026"
COUNTY = "示例县人民政府"
QINXIANG = "勍香镇人民政府"


def _code(body: str) -> str:
    return body + org_code_check_digit(body)


# name, short name, code body, kind, parent, extra fields
UNITS: tuple[tuple[str, str, str, UnitKind, str | None, dict], ...] = (
    (
        COUNTY,
        "示例县政府",
        "74510001",
        UnitKind.GOVERNMENT,
        None,
        {"review_body_override": "示例市人民政府", "office_address": "示例县人民路1号县政府办公室"},
    ),
    (
        QINXIANG,
        "勍香镇",
        "74510102",
        UnitKind.GOVERNMENT,
        COUNTY,
        {
            "office_address": "示例县勍香镇政府大院党政综合办公室",
            "office_hours": "工作日 8:30—12:00，14:30—17:30",
            "office_phone": "0357-0000001",
            "office_email": "qxz@example.gov.cn",
        },
    ),
    ("青石镇人民政府", "青石镇", "74510103", UnitKind.GOVERNMENT, COUNTY, {}),
    ("示例县城关街道办事处", "城关街道", "74510104", UnitKind.DISPATCHED, COUNTY, {}),
    ("示例县教育局", "县教育局", "74510205", UnitKind.DEPARTMENT, COUNTY, {}),
    ("示例县自然资源局", "县自然资源局", "74510206", UnitKind.DEPARTMENT, COUNTY, {}),
)

# username, full name, unit, role, supervisor
STAFF: tuple[tuple[str, str, str, str, bool], ...] = (
    ("xian_ducha", "县政府办 监督员", COUNTY, Role.REVIEWER, True),
    ("qx_dengji", "勍香镇 登记员", QINXIANG, Role.REGISTRAR, False),
    ("qx_chengban", "勍香镇 承办人", QINXIANG, Role.HANDLER, False),
    ("qx_shenhe", "勍香镇 审核人", QINXIANG, Role.REVIEWER, False),
    ("qx_guanli", "勍香镇 单位管理员", QINXIANG, Role.UNIT_ADMIN, False),
    ("qs_chengban", "青石镇 承办人", "青石镇人民政府", Role.HANDLER, False),
    ("jy_chengban", "教育局 承办人", "示例县教育局", Role.HANDLER, False),
    ("jy_shenhe", "教育局 审核人", "示例县教育局", Role.REVIEWER, False),
    ("jy_guanli", "教育局 单位管理员", "示例县教育局", Role.UNIT_ADMIN, False),
)


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in: who, with which password, where and in which role."""

    username: str
    password: str
    unit: str
    role: str


def _user(username: str, full_name: str, *, superuser: bool = False):  # type: ignore[no-untyped-def]
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        family, _, given = full_name.partition(" ")
        user = User(username=username, first_name=given, last_name=family, is_staff=superuser, is_superuser=superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    if not user.email:  # reminders (send_reminders) go to this address; example.org never delivers
        user.email = f"{username}@example.org"
        user.save(update_fields=["email"])
    return user


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    """Create the demo county, its units and accounts where missing; return the accounts."""
    units: dict[str, Unit] = {}
    for name, short, body, kind, parent, extra in UNITS:
        unit = Unit.objects.filter(name=name).first()
        if unit is None:
            unit = unit_create(
                actor=None,
                name=name,
                short_name=short,
                org_code=_code(body),
                kind=kind.value,
                parent=units[parent] if parent else None,
                **extra,
            )
        units[name] = unit
    accounts = [DemoAccount("admin", DEMO_PASSWORD, "（全部单位）", "系统管理员")]
    _user("admin", "系统 管理员", superuser=True)
    labels = dict(Role.choices)
    for username, full_name, unit_name, role, supervisor in STAFF:
        user = _user(username, full_name)
        unit = units[unit_name]
        if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
            membership_add(actor=None, unit=unit, user=user, role=role, is_supervisor=supervisor)
        label = str(labels[role]) + ("（监督下级单位，只读）" if supervisor else "")
        accounts.append(DemoAccount(username, DEMO_PASSWORD, unit_name, label))
    try:
        from xxgk.apps.cases.demo import load_demo_cases  # type: ignore[import-not-found]
    except ImportError as exc:
        if exc.name not in ("xxgk.apps.cases.demo", "xxgk.apps.cases"):
            raise
        log.info("no demo cases: xxgk.apps.cases.demo.load_demo_cases is not available")
    else:
        load_demo_cases()
    from xxgk.apps.catalogue.demo import load_demo_catalogue

    load_demo_catalogue()
    from xxgk.apps.public.demo import load_demo_pages

    load_demo_pages()
    from xxgk.apps.reports.demo import load_demo_reports

    load_demo_reports()
    return accounts
