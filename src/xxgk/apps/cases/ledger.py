"""The ledger (台账) as files and in the database: read CSV/XLSX, import atomically, export masked.

applications.md §10–§11. Validation is the pure xxgk.core.cases.ledger; this
module reads the file, checks numbers against the database, writes every
case or none, and exports cases back to the ledger format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from xxgk.apps.cases.models import Case, CaseEvent, Fee
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.ledger import EXPORT_HEADERS, LedgerResult, LedgerRow, RowResult, parse_ledger, row_to_record
from xxgk.core.cases.states import State
from xxgk.core.spreadsheet import neutralise_cell
from xxgk.documents.errors import ReadError
from xxgk.documents.limits import check_file_size, sheet_rows, xlsx_rows
from xxgk.web.locks import transaction_lock

__all__ = [
    "LedgerConflict",
    "LedgerFileError",
    "case_import_ledger",
    "case_to_ledger_row",
    "read_ledger_bytes",
    "read_ledger_file",
    "validate_ledger",
    "write_ledger",
]


class LedgerFileError(ValueError):
    """A ledger file that cannot be read at all (Chinese message)."""


class LedgerConflict(ValueError):
    """Some numbers of a validated ledger were taken in the meantime (e.g. a concurrent import); Chinese message."""


@dataclass
class LedgerTable:
    """The header row and the records (header → value) of a ledger file."""

    headers: list[str]
    records: list[dict[str, Any]]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerFileError("无法识别文件编码（请使用 UTF-8 或 GBK 编码的 CSV）。")


def read_ledger_file(path: Path) -> LedgerTable:
    """Read a ledger from CSV (UTF-8 or GBK) or XLSX; the first row is the header row."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    return read_ledger_bytes(data, xlsx=path.suffix.lower() == ".xlsx")


def read_ledger_bytes(data: bytes, *, xlsx: bool = False) -> LedgerTable:
    """Read a ledger from a file's bytes (an upload): CSV (UTF-8 or GBK), or XLSX if told or if it is a ZIP."""
    try:
        check_file_size(len(data))
    except ReadError as exc:
        raise LedgerFileError(exc.message_zh) from None
    if xlsx or data[:2] == b"PK":
        return _read_xlsx(data)
    try:
        rows = list(sheet_rows(csv.reader(io.StringIO(_decode(data)))))
    except ReadError as exc:  # over the row or column limit
        raise LedgerFileError(exc.message_zh) from None
    except csv.Error as exc:
        raise LedgerFileError(f"CSV 文件格式有误：{exc}") from None
    if not rows:
        raise LedgerFileError("文件为空。")
    headers = [h.strip().lstrip("\ufeff") for h in rows[0]]
    return LedgerTable(headers, [dict(zip(headers, row, strict=False)) for row in rows[1:]])


def _read_xlsx(data: bytes) -> LedgerTable:
    try:
        rows = xlsx_rows(data)
    except ReadError as exc:  # damaged, or over a limit (rows, columns, claimed dimension, inflated size)
        raise LedgerFileError(exc.message_zh) from None
    if not rows:
        raise LedgerFileError("文件为空。")
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    return LedgerTable(headers, [dict(zip(headers, row, strict=False)) for row in rows[1:]])


def validate_ledger(unit: Unit, table: LedgerTable, *, calendar: WorkCalendar, today: dt.date) -> LedgerResult:
    """Validate a ledger file for a unit: the pure row rules plus numbers already used in the unit."""
    result = parse_ledger(table.records, headers=table.headers, calendar=calendar, today=today)
    numbers = {r.row.number for r in result.rows if r.row}
    taken = set(Case.objects.filter(unit=unit, number__in=numbers).values_list("number", flat=True))
    if taken:
        result.rows = [
            RowResult(r.line, None, (f"编号“{r.row.number}”在本单位已存在",)) if r.row and r.row.number in taken else r
            for r in result.rows
        ]
    result.rows = [_check_lengths(r) for r in result.rows]
    return result


# Ledger column → Case field whose max_length bounds it: checked here, so SQLite (which does not enforce
# max_length) and PostgreSQL (which fails the insert) refuse the same rows with the same message.
_LENGTH_CHECKED = (("编号", "number", "number"), ("申请人", "applicant", "applicant_name"))


def _check_lengths(result: RowResult) -> RowResult:
    row = result.row
    if row is None:
        return result
    errors = []
    for header, attribute, field in _LENGTH_CHECKED:
        limit = Case._meta.get_field(field).max_length
        value = str(getattr(row, attribute) or "")
        if limit is not None and len(value) > limit:
            errors.append(f"“{header}”超过{limit}个字（{len(value)}个字）")
    return RowResult(result.line, None, tuple(errors)) if errors else result


def _events(case: Case, row: LedgerRow) -> list[CaseEvent]:
    dated = [
        ("received", row.received_on, {}),
        ("supplement_requested", row.supplement_requested_on, {}),
        ("supplement_received", row.supplement_received_on, {}),
        ("consultation_sent", row.consultation_sent_on, {}),
        ("consultation_answered", row.consultation_answered_on, {}),
        ("fee_notice_sent", row.fee_notice_on, {}),
        ("fee_paid", row.fee_paid_on, {}),
        ("closed", row.concluded_on, {"outcome": row.outcome}),
    ]
    events = [CaseEvent(case=case, kind=k, date=d, details={**x, "imported": True}) for k, d, x in dated if d]
    if row.extension_days:
        # the ledger records the length of an extension, not its date: place it where the core clock does
        events.append(
            CaseEvent(
                case=case,
                kind="extension_recorded",
                date=row.extension_on,
                details={"working_days": row.extension_days, "imported": True},
            )
        )
    return events


@transaction.atomic
def case_import_ledger(*, actor: Any, unit: Unit, rows: Iterable[RowResult], ip: str | None = None) -> list[Case]:
    """Write every validated row of a ledger as a case of ``unit``, in one transaction (applications.md §10).

    Imports into one unit are serialised by a lock, and the numbers are checked
    again under it: of concurrent confirmations of one file, one imports and
    the others raise LedgerConflict, importing nothing.
    """
    results = list(rows)
    if any(r.row is None for r in results):
        raise ValueError("ledger has refused rows; import nothing")
    transaction_lock(f"ledger-import:{unit.pk}")
    numbers = [r.row.number for r in results if r.row is not None]
    taken = sorted(Case.objects.filter(unit=unit, number__in=numbers).values_list("number", flat=True))
    if taken:
        shown = "、".join(taken[:5]) + ("等" if len(taken) > 5 else "")
        raise LedgerConflict(
            f"编号{shown}在本单位已存在（该台账可能刚由他人导入），本次未导入任何申请。请核对案件列表后再导入。"
        )
    cases = []
    for result in results:
        row = result.row
        assert row is not None
        cases.append(
            Case(
                unit=unit,
                number=row.number,
                channel=row.channel,
                receipt_date=row.received_on,
                receipt_evidence="台账导入",
                applicant_type=row.applicant_type,
                applicant_name=row.applicant,
                content=row.content,
                state=(State.CLOSED if row.concluded_on else State.IN_PROGRESS).value,
                outcome=row.outcome,
                concluded_on=row.concluded_on,
                due_date=result.due_on,
                late="late" in result.flags,
                long_open="long_open" in result.flags,
                imported=True,
            )
        )
    Case.objects.bulk_create(cases)
    saved = {c.number: c for c in Case.objects.filter(unit=unit, number__in=[c.number for c in cases])}
    events, fees = [], []
    for result in results:
        row = result.row
        assert row is not None
        case = saved[row.number]
        events += _events(case, row)
        if row.fee_notice_on:
            fees.append(Fee(case=case, amount=row.fee_amount or 0, sent_on=row.fee_notice_on, paid_on=row.fee_paid_on))
    CaseEvent.objects.bulk_create(events)
    Fee.objects.bulk_create(fees)
    audit(actor=actor, action="case.import_ledger", obj=unit, details={"cases": len(cases)}, ip=ip)
    return list(saved.values())


def case_to_ledger_row(case: Case) -> LedgerRow:
    """A stored case as a ledger row (the first date of each kind of event)."""
    first: dict[str, dt.date] = {}
    extension = 0
    for event in case.events.all():
        first.setdefault(event.kind, event.date)
        if event.kind in ("extension_approved", "extension_recorded"):
            extension += int(event.details.get("working_days", 0))
    fee = getattr(case, "fee", None)  # a missing reverse one-to-one raises AttributeError
    return LedgerRow(
        number=case.number,
        received_on=case.receipt_date,
        channel=case.channel,
        applicant_type=case.applicant_type,
        applicant=case.applicant_name,
        content=case.content,
        supplement_requested_on=first.get("supplement_requested"),
        supplement_received_on=first.get("supplement_received"),
        consultation_sent_on=first.get("consultation_sent"),
        consultation_answered_on=first.get("consultation_answered"),
        extension_days=extension,
        fee_notice_on=first.get("fee_notice_sent"),
        fee_paid_on=first.get("fee_paid"),
        fee_amount=fee.amount if fee else None,
        concluded_on=case.concluded_on,
        outcome=case.outcome,
    )


def export_cases(unit: Unit, year: int | None = None) -> list[dict[str, str]]:
    """The unit's cases (received in ``year``, or all) as masked ledger records, oldest first."""
    cases = Case.objects.filter(unit=unit).exclude(state=State.SPLIT.value)
    if year is not None:
        cases = cases.filter(receipt_date__year=year)
    cases = cases.order_by("receipt_date", "number").prefetch_related("events").select_related("fee")
    return [row_to_record(case_to_ledger_row(c), mask=True, due=c.due_date) for c in cases]


def write_ledger(records: list[dict[str, str]], out: io.TextIOBase | Path, *, xlsx: bool = False) -> None:
    """Write ledger records as CSV (UTF-8 with BOM for files, so spreadsheet programs read it) or XLSX.

    Every export goes through here; text that a spreadsheet would take for a
    formula is neutralised (xxgk.core.spreadsheet).
    """
    records = [{h: neutralise_cell(record.get(h, "")) for h in EXPORT_HEADERS} for record in records]
    if xlsx:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "台账"
        sheet.append(list(EXPORT_HEADERS))
        for record in records:
            sheet.append([record[h] for h in EXPORT_HEADERS])
        book.save(out)
        return
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(records, handle)
    else:
        _write_csv(records, out)


def _write_csv(records: list[dict[str, str]], handle: Any) -> None:
    writer = csv.DictWriter(handle, fieldnames=list(EXPORT_HEADERS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
