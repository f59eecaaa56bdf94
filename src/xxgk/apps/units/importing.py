"""Import units from a CSV (UTF-8 or GBK) or XLSX file, all or nothing.

Headers: ``名称,简称,组织机构代码,类型,上级``. 类型 is one of 人民政府, 部门,
垂直管理机构, 派出机构; 上级 is the parent's 名称 (empty at the top) and may
name a unit later in the file or one already in the database. A row naming
a unit that already exists with the same code, kind and parent is skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from xxgk.apps.units.models import Unit
from xxgk.apps.units.services import unit_create
from xxgk.core.units import UnitKind, org_code_error, parent_kind_error

__all__ = ["HEADERS", "ImportResult", "RowError", "UnitsImportError", "import_units", "read_rows"]

HEADERS = ("名称", "简称", "组织机构代码", "类型", "上级")


@dataclass(frozen=True)
class RowError:
    """A refused row: its line in the file (header = line 1) and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.reason}" if self.line else self.reason


class UnitsImportError(Exception):
    """The file was refused; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    created: list[str]
    skipped: list[str]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnitsImportError([RowError(0, "无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV")])


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV or XLSX file as (line number, {header: text})."""
    table = _read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)
    if not table:
        raise UnitsImportError([RowError(0, "文件是空的")])
    header = [str(h or "").strip() for h in table[0]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise UnitsImportError([RowError(1, f"表头缺少：{'、'.join(missing)}（应为 {','.join(HEADERS)}）")])
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            h: str(cells[i] if i < len(cells) and cells[i] is not None else "").strip() for i, h in enumerate(header)
        }
        if any(values.get(h) for h in HEADERS):
            rows.append((number, values))
    return rows


def _read_csv(path: Path) -> list[list[Any]]:
    from xxgk.documents.errors import ReadError
    from xxgk.documents.limits import check_file_size, sheet_rows

    try:
        check_file_size(path.stat().st_size)
        return list(sheet_rows(csv.reader(io.StringIO(_decode(path.read_bytes())))))
    except ReadError as exc:  # over the size, row or column limit
        raise UnitsImportError([RowError(0, exc.message_zh)]) from None
    except csv.Error as exc:
        raise UnitsImportError([RowError(0, f"CSV 文件格式有误：{exc}")]) from None


def _read_xlsx(path: Path) -> list[list[Any]]:
    from xxgk.documents.errors import ReadError
    from xxgk.documents.limits import check_file_size, xlsx_rows

    try:
        check_file_size(path.stat().st_size)
        return xlsx_rows(path.read_bytes())
    except ReadError as exc:  # damaged, or over a limit (rows, columns, inflated size)
        raise UnitsImportError([RowError(0, exc.message_zh)]) from None


def _check_rows(rows: list[tuple[int, dict[str, str]]]) -> list[RowError]:
    errors: list[RowError] = []
    in_file: dict[str, tuple[int, dict[str, str]]] = {}
    codes: dict[str, int] = {}
    existing = {u.name: u for u in Unit.objects.select_related("parent")}
    existing_codes = {u.org_code: u.name for u in existing.values()}
    for line, row in rows:
        name, code, kind, parent = row["名称"], row["组织机构代码"].upper(), row["类型"], row["上级"]
        if not name:
            errors.append(RowError(line, "名称为空"))
            continue
        if name in in_file:
            errors.append(RowError(line, f"名称“{name}”与第{in_file[name][0]}行重复"))
            continue
        in_file[name] = (line, row)
        if kind not in {k.value for k in UnitKind}:
            errors.append(RowError(line, f"类型“{kind}”无效，应为 人民政府、部门、垂直管理机构、派出机构 之一"))
        if message := org_code_error(code):
            errors.append(RowError(line, message))
        elif code in codes:
            errors.append(RowError(line, f"组织机构代码{code}与第{codes[code]}行重复"))
        else:
            codes[code] = line
            holder = existing_codes.get(code)
            if holder is not None and holder != name:
                errors.append(RowError(line, f"组织机构代码{code}已被“{holder}”使用"))
        if parent == name:
            errors.append(RowError(line, "上级不能是本单位"))
    for line, row in rows:
        name, parent, kind = row["名称"], row["上级"], row["类型"]
        if not name or in_file.get(name, (None,))[0] != line or not parent:
            continue
        if parent in in_file:
            parent_kind = in_file[parent][1]["类型"]
        elif parent in existing:
            parent_kind = existing[parent].kind
        else:
            errors.append(RowError(line, f"上级“{parent}”既不在文件中，也不在系统中"))
            continue
        kinds = {k.value for k in UnitKind}
        if (
            kind in kinds
            and parent_kind in kinds
            and (message := parent_kind_error(UnitKind(kind), UnitKind(parent_kind)))
        ):
            errors.append(RowError(line, message))
    errors.extend(_cycle_errors(in_file))
    for name, (line, row) in in_file.items():
        unit = existing.get(name)
        if unit is None:
            continue
        same = (
            unit.org_code == row["组织机构代码"].upper()
            and unit.kind == row["类型"]
            and (unit.parent.name if unit.parent else "") == row["上级"]
        )
        if not same:
            errors.append(RowError(line, f"单位“{name}”已存在，且代码、类型或上级与文件不同"))
    return sorted(errors, key=lambda e: e.line)


def _cycle_errors(in_file: dict[str, tuple[int, dict[str, str]]]) -> list[RowError]:
    errors = []
    for name, (line, _row) in in_file.items():
        seen = {name}
        parent = in_file[name][1]["上级"]
        while parent in in_file:
            if parent in seen:
                errors.append(RowError(line, "上级关系形成循环"))
                break
            seen.add(parent)
            parent = in_file[parent][1]["上级"]
    return errors


def _label(field: str) -> str:
    try:
        return str(Unit._meta.get_field(field).verbose_name)
    except Exception:  # NON_FIELD_ERRORS and unknown names
        return "单位"


def import_units(path: Path, *, actor: Any = None) -> ImportResult:
    """Import every row of ``path`` in one transaction, or raise UnitsImportError naming every bad row."""
    rows = read_rows(path)
    errors = _check_rows(rows)
    if errors:
        raise UnitsImportError(errors)
    by_name = {row["名称"]: row for _line, row in rows}
    line_of = {row["名称"]: line for line, row in rows}
    created: list[str] = []
    skipped: list[str] = []
    with transaction.atomic():
        units = {u.name: u for u in Unit.objects.filter(name__in=[*by_name, *(r["上级"] for r in by_name.values())])}

        def ensure(name: str) -> Unit:
            if name in units:
                if name in by_name and name not in created and name not in skipped:
                    skipped.append(name)
                return units[name]
            row = by_name[name]
            parent = ensure(row["上级"]) if row["上级"] else None
            try:
                units[name] = unit_create(
                    actor=actor,
                    name=name,
                    short_name=row["简称"],
                    org_code=row["组织机构代码"].upper(),
                    kind=row["类型"],
                    parent=parent,
                )
            except ValidationError as exc:
                reasons = "；".join(f"{_label(k)}：{'，'.join(v)}" for k, v in exc.message_dict.items())
                raise UnitsImportError([RowError(line_of[name], reasons)]) from exc
            created.append(name)
            return units[name]

        for name in by_name:
            ensure(name)
    return ImportResult(created=created, skipped=skipped)
