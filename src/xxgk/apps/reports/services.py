"""Every write to an annual report: edit, submit (freeze), return, approve, publish, correct, import.

One function per use case, each in one transaction with its audit row. The
allowed steps and who may take them are the data of xxgk.core.report.workflow.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from xxgk.apps.catalogue.selectors import table2_cells
from xxgk.apps.catalogue.services.figures import figures_save
from xxgk.apps.reports.checks import Findings, run_checks, warning_key
from xxgk.apps.reports.models import AnnualReport, ReportVersion
from xxgk.apps.reports.selectors import exported_cells, generated_drafts, live_report, previous_report
from xxgk.apps.units.access import roles_in
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.report.drafts import DRAFTED_SECTIONS
from xxgk.core.report.model import Kind, Report, parse_value
from xxgk.core.report.workflow import ReportState, TransitionRefused, transition
from xxgk.documents.errors import ReadError
from xxgk.documents.json_format import report_to_json
from xxgk.documents.read import read_bytes

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_SECTION_CHARS",
    "ReportRefused",
    "report_act",
    "report_correct",
    "report_import",
    "report_publish",
    "report_save",
    "report_submit",
    "report_workspace",
    "untouched_sections",
]

log = logging.getLogger(__name__)

MAX_SECTION_CHARS = 20_000  # a section of a real report runs to a few thousand characters
MAX_T2_VALUE = 10**9
# the table 二 cells entered by hand (the others are counted from the catalogue) → the figures' field names
ENTERED_FIGURES = {
    "t2.licensing.decisions": "licensing",
    "t2.punishment.decisions": "punishment",
    "t2.coercion.decisions": "coercion",
    "t2.fees.amount": "fees",
}
MAX_IMPORT_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


class ReportRefused(Exception):
    """A write the report's state, the data or the user's roles do not allow; ``message_zh`` says why."""

    def __init__(self, message_zh: str, reason: str, findings: Findings | None = None) -> None:
        super().__init__(reason)
        self.message_zh = message_zh
        self.findings = findings


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _step(annual: AnnualReport, action: str, actor: Any) -> ReportState:
    try:
        return transition(annual.state, action, roles_in(actor, annual.unit), is_admin=_is_admin(actor))
    except TransitionRefused as exc:
        raise ReportRefused(exc.message_zh, str(exc)) from exc


def report_workspace(*, unit: Unit, year: int) -> AnnualReport:
    """The unit's report record of ``year``, created (empty, a draft) on first use."""
    try:
        annual, _ = AnnualReport.objects.get_or_create(unit=unit, year=year)
    except IntegrityError:  # two first visits at once: the other one created it
        annual = AnnualReport.objects.get(unit=unit, year=year)
    return annual


def clean_text(text: str) -> str:
    """A section as plain text: NFC, Unix line ends, no control characters; HTML tags refused."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).strip()
    if _TAG.search(text):
        raise ReportRefused("正文只能是普通文字，不能包含网页标记（HTML）。", "section contains an HTML tag")
    if len(text) > MAX_SECTION_CHARS:
        raise ReportRefused(
            f"每一部分正文不能超过{MAX_SECTION_CHARS}字。", f"section longer than {MAX_SECTION_CHARS} characters"
        )
    return text


def _t2_value(address: str, raw: str) -> str:
    cell = parse_value(raw)
    if cell.kind is Kind.BLANK:
        return "0"
    is_fee = address == "t2.fees.amount"
    if (
        cell.kind is not Kind.NUMBER
        or cell.number is None
        or cell.number < 0
        or cell.number > MAX_T2_VALUE
        or (not is_fee and cell.number != cell.number.to_integral_value())
    ):
        what = "不小于0的数（单位：万元）" if is_fee else "不小于0的整数"
        raise ReportRefused(f"表二“{address}”应填写{what}，不能填“{raw}”。", f"bad table 2 value {address}={raw!r}")
    return cell.value


def _save_figures(annual: AnnualReport, actor: Any, t2: Mapping[str, str]) -> None:
    """Store the entered figures of table 二 through the catalogue's figures service, when any changed."""
    given = {address: _t2_value(address, t2[address]) for address in ENTERED_FIGURES if address in t2}
    if not given:
        return
    current = table2_cells(unit=annual.unit, year=annual.year)
    values = {field: Decimal(given.get(a, str(current[a]))) for a, field in ENTERED_FIGURES.items()}
    if all(values[field] == Decimal(current[a]) for a, field in ENTERED_FIGURES.items()):
        return
    try:
        figures_save(
            actor=actor,
            unit=annual.unit,
            year=annual.year,
            licensing=int(values["licensing"]),
            punishment=int(values["punishment"]),
            coercion=int(values["coercion"]),
            fees=values["fees"],
            source="年度报告工作区填报",
        )
    except PermissionDenied as exc:
        raise ReportRefused(str(exc), "actor may not enter table 2 figures") from exc


@transaction.atomic
def report_save(
    *,
    annual: AnnualReport,
    actor: Any,
    sections: Mapping[str, str],
    t2: Mapping[str, str],
    lock: int,
) -> AnnualReport:
    """Store edited sections and the entered table 二 figures of a draft; refuse a stale form."""
    annual = AnnualReport.objects.select_for_update().get(pk=annual.pk)
    if not (_is_admin(actor) or roles_in(actor, annual.unit)):
        raise ReportRefused("只有本单位工作人员可以编辑年度报告。", "actor has no role in the unit")
    if annual.state != ReportState.DRAFT:
        raise ReportRefused("年度报告已提交，内容已冻结，不能再修改。", f"save refused in state {annual.state}")
    if lock != annual.version_lock:
        raise ReportRefused(
            "他人已在您打开页面后保存过这份报告。您的修改未保存，请重新打开页面后再修改。",
            f"stale form lock={lock} current={annual.version_lock}",
        )
    drafts = generated_drafts(annual.unit, annual.year, live_report(annual.unit, annual.year, annual))
    stored = dict(annual.sections)
    for key in DRAFTED_SECTIONS:
        if key in sections:
            text = clean_text(sections[key])
            if text == drafts[key].strip():
                stored.pop(key, None)  # unchanged: it stays the live draft
            else:
                stored[key] = text
    _save_figures(annual, actor, t2)
    annual.sections = stored
    annual.version_lock += 1
    annual.save()
    audit(actor=actor, action="report.save", obj=annual, details={"sections": sorted(stored)})
    return annual


def untouched_sections(annual: AnnualReport) -> list[str]:
    """The drafted sections nobody has edited: they are still the generated draft."""
    return [key for key in DRAFTED_SECTIONS if key not in annual.sections]


def _next_number(annual: AnnualReport) -> int:
    return (annual.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def report_submit(*, annual: AnnualReport, actor: Any, acknowledged: Iterable[str] = ()) -> ReportVersion:
    """Check the report as it will be published and freeze it as a new version.

    Errors refuse the submission; so does any failed warning whose key is not in ``acknowledged``.
    """
    annual = AnnualReport.objects.select_for_update().get(pk=annual.pk)
    target = _step(annual, "submit", actor)
    report = live_report(annual.unit, annual.year, annual)
    findings = run_checks(report, previous_report(annual.unit, annual.year), untouched_sections(annual))
    if findings.blocking:
        raise ReportRefused(
            f"有{len(findings.blocking)}项错误或正文与表格不符，不能提交。请先改正。",
            "submission blocked by errors or TEXT-NUMBERS",
            findings,
        )
    keys = set(acknowledged)
    missing = [w for w in findings.to_acknowledge if warning_key(w) not in keys]
    if missing:
        raise ReportRefused(
            f"有{len(missing)}项警告尚未确认。请逐项核实并勾选确认后再提交。", "unacknowledged warnings", findings
        )
    version = ReportVersion.objects.create(
        report=annual,
        number=_next_number(annual),
        content=report_to_json(report),
        cells=exported_cells(report),
        errors=len(findings.errors),
        warnings=len(findings.warnings),
        submitted_at=timezone.now(),
        submitted_by=actor if getattr(actor, "pk", None) else None,
        acknowledged=[{"rule": w.rule, "message": w.message} for w in findings.to_acknowledge],
    )
    annual.state = target.value
    annual.version_lock += 1
    annual.save()
    audit(
        actor=actor,
        action="report.submit",
        obj=annual,
        details={"version": version.number, "acknowledged": [w.rule for w in findings.to_acknowledge]},
    )
    return version


@transaction.atomic
def report_act(*, annual: AnnualReport, actor: Any, action: str) -> AnnualReport:
    """Return a submitted report for editing, or approve it (审核人 or 单位管理员)."""
    if action not in ("return", "approve"):
        raise ReportRefused("没有这项操作。", f"report_act does not take {action!r}")
    annual = AnnualReport.objects.select_for_update().get(pk=annual.pk)
    target = _step(annual, action, actor)
    version = annual.versions.order_by("-number").first()
    if version is not None and action == "approve":
        version.approved_at = timezone.now()
        version.approved_by = actor if getattr(actor, "pk", None) else None
        version.save()
    annual.state = target.value
    annual.version_lock += 1
    annual.save()
    audit(actor=actor, action=f"report.{action}", obj=annual, details={"version": version.number if version else None})
    return annual


@transaction.atomic
def report_publish(*, annual: AnnualReport, actor: Any, today: dt.date) -> ReportVersion:
    """Publish the approved version on the unit's 年报 column with ``today`` as its publication date."""
    annual = AnnualReport.objects.select_for_update().get(pk=annual.pk)
    target = _step(annual, "publish", actor)
    version = annual.versions.order_by("-number").first()
    if version is None:  # pragma: no cover - an approved report always has a submitted version
        raise ReportRefused("没有可公布的版本。", "approved report without a version")
    version.published_on = today
    version.save()
    annual.state = target.value
    if annual.first_published_on is None:
        annual.first_published_on = today
    annual.version_lock += 1
    annual.save()
    audit(actor=actor, action="report.publish", obj=annual, details={"version": version.number, "on": today})
    return version


@transaction.atomic
def report_correct(*, annual: AnnualReport, actor: Any, note: str) -> AnnualReport:
    """Open a correction (更正) of a published report: back to draft; the published version stays public."""
    annual = AnnualReport.objects.select_for_update().get(pk=annual.pk)
    note = clean_text(note)[:500]
    if not note:
        raise ReportRefused("请写明更正的原因。", "correction without a note")
    target = _step(annual, "correct", actor)
    annual.state = target.value
    annual.version_lock += 1
    annual.save()
    audit(actor=actor, action="report.correct", obj=annual, details={"note": note})
    return annual


def read_upload(data: bytes, name: str) -> Report:
    """Read an uploaded or given report file with the engine; ReportRefused (Chinese) when it cannot."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ReportRefused(
            f"文件超过{MAX_IMPORT_BYTES // 1024 // 1024}MB，不能导入。", f"import file of {len(data)} bytes"
        )
    try:
        return read_bytes(data, name)
    except ReadError as exc:
        raise ReportRefused(f"无法读取该文件：{exc.message_zh}", exc.reason) from exc
    except Exception as exc:  # an unexpected reader failure stores nothing and says so
        raise ReportRefused("读取该文件时发生意外错误，未导入。", f"unexpected {type(exc).__name__}: {exc}") from exc


@transaction.atomic
def report_import(
    *, unit: Unit, year: int, report: Report, source_name: str, actor: Any = None, published_on: dt.date | None = None
) -> ReportVersion:
    """Store an earlier published report read from a file, as the unit's report of ``year``.

    Refused when the unit already has a report of that year made in xxgk; a
    second import of the same year becomes a new version (the earlier kept).
    """
    if report.year is not None and report.year != year:
        raise ReportRefused(
            f"文件中的报告年度为{report.year}年，与指定的{year}年不符，未导入。",
            f"file year {report.year} != {year}",
        )
    if not report.cells:
        raise ReportRefused("文件中没有读到任何统计表，未导入。", "no tables read")
    annual, created = AnnualReport.objects.select_for_update().get_or_create(
        unit=unit, year=year, defaults={"imported": True, "state": ReportState.PUBLISHED.value}
    )
    if not created and not annual.imported:
        raise ReportRefused(
            f"{unit.name}{year}年度报告已在本系统中编写，不能再导入文件覆盖。",
            f"report {unit.pk}/{year} was made in xxgk",
        )
    report.unit = report.unit or unit.name
    report.year = year
    findings = run_checks(report, previous_report(unit, year), [])
    version = ReportVersion.objects.create(
        report=annual,
        number=_next_number(annual),
        content=report_to_json(report),
        cells=exported_cells(report),
        errors=len(findings.errors),
        warnings=len(findings.warnings),
        source_name=source_name[:255],
        submitted_at=timezone.now(),
        submitted_by=actor if getattr(actor, "pk", None) else None,
        published_on=published_on,
    )
    if published_on and annual.first_published_on is None:
        annual.first_published_on = published_on
        annual.save()
    audit(actor=actor, action="report.import", obj=annual, details={"version": version.number, "file": source_name})
    log.info("imported report unit=%s year=%s version=%s", unit.pk, year, version.number)
    return version
