"""A unit's existing catalogue from CSV/XLSX: all rows or none, optionally published in 发布日期 order.

The row rules are the pure xxgk.core.catalogue.rows; this module reads the file
(the same CSV/XLSX reader as the case ledger) and writes through the catalogue
services, so an imported entry has the same versions, scan findings, 索引号 and
audit rows as one published on the web.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from xxgk.apps.cases.ledger import LedgerFileError, LedgerTable, read_ledger_bytes
from xxgk.apps.catalogue.models import Entry
from xxgk.apps.catalogue.services import entry_create, finding_acknowledge, version_transition
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit
from xxgk.core.catalogue.rows import CatalogueRow, RowsResult, parse_rows

__all__ = [
    "MAX_FILE_BYTES",
    "CatalogueFileError",
    "ImportResult",
    "catalogue_import",
    "read_catalogue_file",
    "validate",
]

MAX_FILE_BYTES = 50 * 1024 * 1024


class CatalogueFileError(ValueError):
    """A catalogue file that cannot be read at all (Chinese message)."""


@dataclass
class ImportResult:
    """The entries created, and the scan findings of the published ones as (line, kind, place, masked text)."""

    entries: list[Entry] = field(default_factory=list)
    findings: list[tuple[int, str, str, str]] = field(default_factory=list)


def read_catalogue_file(path: Path) -> LedgerTable:
    """Read the header row and records of a CSV (UTF-8 or GBK) or XLSX file, refusing one over the size limit."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CatalogueFileError(f"文件超过{MAX_FILE_BYTES // (1024 * 1024)}MB。")
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    try:
        return read_ledger_bytes(data, xlsx=path.suffix.lower() == ".xlsx")
    except LedgerFileError as exc:
        raise CatalogueFileError(str(exc)) from None


def validate(table: LedgerTable, *, publish: bool) -> RowsResult:
    """Check the header and every row (pure rules)."""
    return parse_rows(table.headers, table.records, publish=publish)


def _fields(row: CatalogueRow, unit: Unit) -> dict[str, Any]:
    return {
        "title": row.title,
        "doc_number": row.doc_number,
        "formed_on": row.formed_on,
        "kind": row.kind.value,
        "item": row.item,
        "theme": row.theme,
        "genre": row.genre,
        "keywords": row.keywords,
        "summary": row.summary,
        "body": row.body,
        "effective_on": row.effective_on,
        "repealed_on": row.repealed_on,
        "validity": row.validity.value,
        "publisher": unit.name,
    }


@transaction.atomic
def catalogue_import(
    *, actor: Any, unit: Unit, rows: list[CatalogueRow], publish: bool, now: dt.datetime | None = None
) -> ImportResult:
    """Create every row's entry (drafts, or published in 发布日期 order with the scan's findings kept)."""
    now = now or timezone.now()
    result = ImportResult()
    ordered = sorted(rows, key=lambda r: (r.published_on or dt.date.max, r.line)) if publish else rows
    for row in ordered:
        entry = entry_create(actor=actor, unit=unit, fields=_fields(row, unit))
        if publish:
            version = version_transition(actor=actor, version=entry.versions.get(), name="submit", now=now)
            for finding in version.findings.all():
                result.findings.append((row.line, finding.kind, finding.place, finding.excerpt))
                finding_acknowledge(actor=actor, finding=finding, note="导入已发布的目录时确认")
            version = version_transition(actor=actor, version=version, name="approve", now=now)
            version_transition(actor=actor, version=version, name="publish", now=now, published_on=row.published_on)
            entry.refresh_from_db()
        result.entries.append(entry)
    audit(actor=actor, action="catalogue.import", obj=unit, details={"entries": len(rows), "published": publish})
    return result
