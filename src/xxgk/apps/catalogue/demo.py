"""Demo catalogue: every demo unit gets a realistic catalogue, a standard directory and table 二 figures.

Called by xxgk.apps.units.demo.load_demo (idempotent: a unit that already has
entries is left alone). Entries span three years, the 第二十条 items and
themes; some 行政规范性文件 are repealed; one entry was corrected and one
withdrawn; one submitted draft carries an identity number for the scan to
catch and one draft is past its 20-working-day limit.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from xxgk.apps.catalogue.directory import directory_import
from xxgk.apps.catalogue.models import DirectoryLine, Entry
from xxgk.apps.catalogue.services import attachment_add, entry_correct, entry_create, version_transition, version_update
from xxgk.apps.catalogue.services.figures import figures_save
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.directory import DirectoryRow, limit_days

__all__ = ["DEMO_YEAR", "load_demo_catalogue"]

log = logging.getLogger(__name__)
DEMO_YEAR = 2025
YEARS = (2023, 2024, 2025)
# item, theme, genre, title (``{u}`` the unit's short name, ``{y}`` the year), directory line position or None
RECURRING: tuple[tuple[str, str, str, str, int | None], ...] = (
    ("20.7", "财政、金融、审计", "其他", "{u}{y}年部门预算", None),
    ("20.7", "财政、金融、审计", "其他", "{u}{p}年部门决算", None),
    ("20.4", "国民经济管理、国有资产监管", "公报", "{u}{p}年国民经济和社会发展统计公报", None),
    ("20.11", "民政、扶贫、救灾", "公告", "{u}{y}年第一季度城乡最低生活保障资金发放情况", 1),
    ("20.11", "民政、扶贫、救灾", "公告", "{u}{y}年第三季度城乡最低生活保障资金发放情况", 1),
    ("20.11", "民政、扶贫、救灾", "公告", "{u}{y}年特困人员救助供养情况", 2),
    ("20.12", "城乡建设、环境保护", "通知", "关于做好{y}年汛期安全防范工作的通知", None),
    ("20.13", "市场监管、安全生产监管", "通报", "{u}{y}年上半年安全生产检查情况通报", None),
)
ONCE: tuple[tuple[str, str, str, str, int | None], ...] = (
    ("20.2", "综合政务", "其他", "{u}机构职能", None),
    ("20.2", "综合政务", "其他", "{u}领导分工", None),
    ("20.3", "国民经济管理、国有资产监管", "意见", "{u}国民经济和社会发展第十四个五年规划纲要", None),
    ("20.5", "综合政务", "其他", "{u}政务服务事项办事指南", None),
    ("20.8", "财政、金融、审计", "其他", "{u}行政事业性收费项目清单", None),
    ("20.9", "财政、金融、审计", "其他", "{u}2024年政府集中采购项目实施情况", None),
    ("20.10", "城乡建设、环境保护", "批复", "{u}道路改造工程项目批准信息", None),
    ("20.12", "民政、扶贫、救灾", "其他", "{u}突发事件总体应急预案", 3),
    ("20.14", "劳动、人事、监察", "公告", "{u}2024年公开招聘工作人员拟聘用人员名单", None),
)
NORMATIVE: tuple[tuple[str, int, int | None], ...] = (
    # title, year formed, year repealed (None: in force)
    ("{u}农村集体“三资”管理办法", 2023, 2025),
    ("{u}人居环境整治长效管理办法", 2023, None),
    ("{u}社会救助家庭经济状况核对实施细则", 2024, 2025),
    ("{u}防汛抗旱应急物资管理办法", 2024, None),
    ("{u}村级公益事业建设一事一议财政奖补实施办法", 2025, None),
    ("{u}政务公开工作规则", 2025, None),
)
DIRECTORY = (
    (
        "社会救助",
        "最低生活保障",
        "低保对象认定条件、办理流程、救助标准、资金发放情况",
        "信息形成或者变更之日起20个工作日内",
    ),
    (
        "社会救助",
        "特困人员救助供养",
        "救助供养条件、标准、办理流程和对象名单（去除个人隐私）",
        "信息形成或者变更之日起20个工作日内",
    ),
    ("社会救助", "临时救助", "救助对象范围、标准、办理流程", "信息形成或者变更之日起20个工作日内"),
    ("社会救助", "受灾人员救助", "救助款物管理使用情况", "实时"),
)
ID_FOR_SCAN = "11010519491231002X"  # checksum-valid sample number (GB 11643), not a real person's


def _docx(lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _publish(unit: Unit, fields: dict, published_on: dt.date, attachment: tuple[str, bytes] | None = None) -> Entry:
    entry = entry_create(actor=None, unit=unit, fields=fields)
    version = entry.versions.get()
    if attachment:
        attachment_add(actor=None, version=version, name=attachment[0], data=attachment[1])
    now = _at(published_on)
    version = version_transition(actor=None, version=version, name="submit", now=now)
    version = version_transition(actor=None, version=version, name="approve", now=now)
    version_transition(actor=None, version=version, name="publish", now=now, published_on=published_on)
    entry.refresh_from_db()
    return entry


def _plan(unit: Unit, rng: random.Random, lines: list[DirectoryLine]) -> list[tuple[dt.date, dict, tuple | None]]:
    """Every published entry of the unit: (发布日期, fields, attachment)."""
    short = unit.short_name or unit.name
    plan: list[tuple[dt.date, dict, tuple | None]] = []

    def add(item: str, theme: str, genre: str, title: str, formed: dt.date, line: int | None, **extra: object) -> None:
        published = formed + dt.timedelta(days=rng.randint(2, 12))
        fields = {
            "title": title,
            "summary": f"{title}。",
            "body": f"{title}\n\n根据《中华人民共和国政府信息公开条例》，现将有关情况予以公开。\n\n{unit.name}",
            "formed_on": formed,
            "item": item,
            "theme": theme,
            "genre": genre,
            "keywords": title[len(short) : len(short) + 6] if title.startswith(short) else title[:6],
            "directory_line": lines[line - 1] if line and len(lines) >= line else None,
            **extra,
        }
        plan.append((published, fields, None))

    for year in YEARS:
        for n, (item, theme, genre, title, line) in enumerate(RECURRING):
            formed = dt.date(year, 1 + (n * 3 + year) % 11, 3 + n)
            if dt.date(year, 12, 31) < formed or formed > dt.date(DEMO_YEAR, 11, 30):
                continue
            add(item, theme, genre, title.format(u=short, y=year, p=year - 1), formed, line)
    for n, (item, theme, genre, title, line) in enumerate(ONCE):
        add(item, theme, genre, title.format(u=short), dt.date(2024, 2 + n, 10), line)
    for n, (title, year, repealed) in enumerate(NORMATIVE):
        formed = dt.date(year, 3 + n, 6)
        effective = formed + dt.timedelta(days=30)
        extra: dict[str, object] = {
            "kind": "行政规范性文件",
            "effective_on": effective,
            "doc_number": f"{short[:2]}政发〔{year}〕{n + 1}号",
        }
        if repealed:
            extra.update(validity="废止", repealed_on=dt.date(repealed, 9, 1))
        add("20.1", "综合政务", "通知", title.format(u=short), formed, None, **extra)
    # one late publication (条例第二十六条): formed in January, published in March
    plan.append(
        (
            dt.date(DEMO_YEAR, 3, 20),
            {
                "title": f"{short}{DEMO_YEAR}年春耕生产补贴发放情况",
                "body": "春耕生产补贴已按标准发放到户。",
                "formed_on": dt.date(DEMO_YEAR, 1, 15),
                "item": "21.town" if unit.kind == "人民政府" else "20.11",
                "theme": "农业、林业、水利",
                "genre": "公告",
            },
            ("补贴发放说明.docx", _docx(["补贴发放说明", "春耕生产补贴按耕地面积发放，标准为每亩一百二十元。"])),
        )
    )
    return sorted(plan, key=lambda p: (p[0], p[1]["title"]))


def _directory(unit: Unit) -> list[DirectoryLine]:
    rows = [
        DirectoryRow(
            i,
            {
                "matter_level1": area,
                "matter_level2": matter,
                "content": content,
                "basis": "《社会救助暂行办法》《中华人民共和国政府信息公开条例》",
                "time_limit": limit,
                "subject": unit.name,
                "channel": "政府网站、公开栏",
                "audience": "全社会",
                "manner": "主动",
                "level": "乡级" if unit.kind == "人民政府" else "县级",
            },
            limit_days(limit),
        )
        for i, (area, matter, content, limit) in enumerate(DIRECTORY, 1)
    ]
    directory = directory_import(
        actor=None, area="社会救助", title="社会救助领域基层政务公开标准目录", rows=rows, units=[unit]
    )
    return list(directory.lines.order_by("position"))


@transaction.atomic
def _load_unit(unit: Unit, rng: random.Random) -> None:
    lines = _directory(unit)
    short = unit.short_name or unit.name
    entries = [_publish(unit, fields, day, attachment) for day, fields, attachment in _plan(unit, rng, lines)]
    # a corrected entry (two versions) and a withdrawn one
    corrected = next(e for e in entries if e.current and "领导分工" in e.current.title)
    version = entry_correct(actor=None, entry=corrected)
    version_update(
        actor=None,
        version=version,
        fields={"body": version.body + "\n\n（已根据人员调整更新。）", "correction_note": "领导分工调整"},
    )
    when = _at(dt.date(2025, 4, 8))
    for name in ("submit", "approve", "publish"):
        version = version_transition(actor=None, version=version, name=name, now=when)
    withdrawn = next(e for e in entries if e.current and "招聘" in e.current.title)
    assert withdrawn.current is not None
    version_transition(
        actor=None,
        version=withdrawn.current,
        name="withdraw",
        reason="拟聘用人员名单公示期满，按规定撤回。",
        now=_at(dt.date(2024, 9, 30)),
    )
    # a submitted draft whose attachment carries an identity number: the reviewer sees the finding
    draft = entry_create(
        actor=None,
        unit=unit,
        fields={
            "title": f"{short}{DEMO_YEAR}年临时救助对象名单",
            "body": "现将临时救助对象名单公示如下，详见附件。",
            "formed_on": timezone.localdate() - dt.timedelta(days=5),
            "item": "20.11",
            "theme": "民政、扶贫、救灾",
            "genre": "公告",
            "directory_line": lines[2],
        },
    )
    version = draft.versions.get()
    attachment_add(
        actor=None,
        version=version,
        name="临时救助对象名单.docx",
        data=_docx(["临时救助对象名单", f"张某某  身份证号 {ID_FOR_SCAN}  救助金额 2000元"]),
    )
    version_transition(actor=None, version=version, name="submit")
    # a draft past its limit
    entry_create(
        actor=None,
        unit=unit,
        fields={
            "title": f"{short}受灾人员救助款物管理使用情况",
            "body": "受灾人员救助款物已全部发放。",
            "formed_on": timezone.localdate() - dt.timedelta(days=45),
            "item": "20.11",
            "theme": "民政、扶贫、救灾",
            "genre": "其他",
            "directory_line": lines[3],
        },
    )
    figures_save(
        actor=None,
        unit=unit,
        year=DEMO_YEAR,
        licensing=rng.randint(20, 200),
        punishment=rng.randint(0, 30),
        coercion=rng.randint(0, 5),
        fees=Decimal(rng.randint(0, 5000)) / 100,
        source="行政执法信息平台和财务决算报表（演示数据）",
    )


def load_demo_catalogue() -> None:
    """Give every unit without entries its demo catalogue (idempotent)."""
    for unit in Unit.objects.order_by("pk"):
        if Entry.objects.filter(unit=unit).exists():
            continue
        _load_unit(unit, random.Random(unit.org_code))
        log.info("demo catalogue loaded for %s", unit.name)
