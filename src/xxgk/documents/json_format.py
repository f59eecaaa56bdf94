"""The report as JSON: write, read back exactly, and start a blank report to fill in.

The schema (version 1) is documented in docs/json-format.md. Reading checks
the schema and raises :class:`InvalidJson` or :class:`JsonSchemaError` (both
:class:`~xxgk.documents.errors.ReadError`) with a Chinese message.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from xxgk.core.report.layout import FORMAT_2019, FORMAT_2021, SECTIONS, cell_addresses
from xxgk.core.report.model import Cell, Kind, LabelNote, Place, Report, Section
from xxgk.documents.errors import EmptyDocument, ReadError
from xxgk.documents.limits import MAX_JSON_DEPTH, LimitExceeded, check_json_depth
from xxgk.documents.write_grid import report_title, section_heading

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "InvalidJson",
    "JsonSchemaError",
    "new_report",
    "report_from_json",
    "report_to_json",
]

SCHEMA = "xxgk.annual-report"
SCHEMA_VERSION = 1
_FORMATS = (FORMAT_2021, FORMAT_2019, None)
_PLACE_FIELDS = ("page", "table", "row", "column", "line")


class InvalidJson(ReadError):
    """The text is not valid JSON."""

    message_zh = "文件不是有效的 JSON。"


class JsonSchemaError(ReadError):
    """The JSON is valid but is not an xxgk annual report of a known schema version."""

    message_zh = "JSON 内容不符合年度报告的数据格式。"


def _place_json(place: Place | None) -> dict[str, int] | None:
    return place.as_dict() if place is not None else None


def report_to_json(report: Report) -> str:
    """The report as JSON text (UTF-8 characters kept, indented, cells in print order)."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "unit": report.unit,
        "year": report.year,
        "title": report.title,
        "format": report.format,
        "t2_format": report.t2_format,
        "t3_format": report.t3_format,
        "has_t4": report.has_t4,
        "source": report.source,
        "source_type": report.source_type,
        "sections": {
            key: {"heading": s.heading, "text": s.text, "place": _place_json(s.place)}
            for key, s in report.sections.items()
        },
        "cells": {
            address: {"kind": str(c.kind), "value": c.value, "raw": c.raw, "place": _place_json(c.place)}
            for address, c in report.cells.items()
        },
        "labels": [
            {
                "status": n.status,
                "expected": n.expected,
                "found": n.found,
                "where": n.where,
                "place": _place_json(n.place),
            }
            for n in report.labels
        ],
        "notes": list(report.notes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _fail(reason: str, detail_zh: str) -> JsonSchemaError:
    return JsonSchemaError(reason, f"JSON 内容不符合年度报告的数据格式：{detail_zh}")


def _get(data: dict[str, Any], key: str, types: tuple[type, ...], where: str, *, required: bool = True) -> Any:
    if key not in data:
        if required:
            raise _fail(f"missing field {where}{key}", f"缺少字段“{where}{key}”。")
        return None
    value = data[key]
    if value is not None and (not isinstance(value, types) or (isinstance(value, bool) and bool not in types)):
        raise _fail(f"wrong type for {where}{key}", f"字段“{where}{key}”的类型不正确。")
    return value


def _place(value: Any, where: str) -> Place | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - set(_PLACE_FIELDS):
        raise _fail(f"bad place at {where}", f"“{where}”的位置信息不正确。")
    for key in value:
        _get(value, key, (int,), f"{where}.place.")
    return Place(**value)


def _cell(address: str, value: Any) -> Cell:
    where = f"cells.{address}."
    if not isinstance(value, dict):
        raise _fail(f"cell {address} is not an object", f"单元格“{address}”不是对象。")
    kind_text = _get(value, "kind", (str,), where)
    try:
        kind = Kind(kind_text)
    except ValueError:
        raise _fail(f"unknown kind {kind_text!r} at {address}", f"单元格“{address}”的类型“{kind_text}”未知。") from None
    printed = _get(value, "value", (str,), where) or ""
    raw = _get(value, "raw", (str,), where, required=False)
    place = _place(value.get("place"), f"cells.{address}")
    if kind is Kind.NUMBER:
        try:
            number = Decimal(printed)
        except InvalidOperation:
            raise _fail(f"cell {address} is not a number", f"单元格“{address}”的值“{printed}”不是数字。") from None
        if not number.is_finite():
            raise _fail(f"cell {address} is not finite", f"单元格“{address}”的值“{printed}”不是数字。")
        return Cell(Kind.NUMBER, printed if raw is None else raw, number, place)
    if kind is Kind.TEXT:
        return Cell(Kind.TEXT, printed if raw is None else raw, None, place)
    return Cell(kind, raw or "", None, place)


def _section(key: str, value: Any) -> Section:
    if not isinstance(value, dict):
        raise _fail(f"section {key} is not an object", f"章节“{key}”不是对象。")
    heading = _get(value, "heading", (str,), f"sections.{key}.", required=False)
    text = _get(value, "text", (str,), f"sections.{key}.", required=False) or ""
    return Section(key, heading, text, _place(value.get("place"), f"sections.{key}"))


def _label(index: int, value: Any) -> LabelNote:
    where = f"labels[{index}]."
    if not isinstance(value, dict):
        raise _fail(f"label {index} is not an object", f"“labels”第{index + 1}项不是对象。")
    return LabelNote(
        status=_get(value, "status", (str,), where),
        expected=_get(value, "expected", (str,), where),
        found=_get(value, "found", (str,), where, required=False),
        where=_get(value, "where", (str,), where, required=False) or "",
        place=_place(value.get("place"), f"labels[{index}]"),
    )


def report_from_json(text: str) -> Report:
    """Read a report from JSON written by :func:`report_to_json`; raise a ReadError on bad input."""
    if not text.strip():
        raise EmptyDocument("empty JSON document")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidJson(
            f"invalid JSON: {exc}", f"文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）。"
        ) from None
    except RecursionError:
        raise InvalidJson("JSON nested too deeply", f"JSON 嵌套超过{MAX_JSON_DEPTH}层，未予读取。") from None
    try:
        check_json_depth(data)
    except LimitExceeded as exc:
        raise InvalidJson(exc.reason, exc.message_zh) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise _fail("not an xxgk annual report", f"缺少“schema”: “{SCHEMA}”，不是 xxgk 年度报告数据。")
    version = data.get("version")
    if version != SCHEMA_VERSION:
        raise _fail(
            f"unsupported version {version!r}", f"不支持的数据格式版本“{version}”（支持版本 {SCHEMA_VERSION}）。"
        )
    t2_format = _get(data, "t2_format", (str,), "", required=False)
    t3_format = _get(data, "t3_format", (str,), "", required=False)
    for name, value in (("t2_format", t2_format), ("t3_format", t3_format)):
        if value not in _FORMATS:
            raise _fail(f"unknown {name} {value!r}", f"字段“{name}”的值“{value}”不是 2021 或 2019。")
    sections = _get(data, "sections", (dict,), "", required=False) or {}
    cells = _get(data, "cells", (dict,), "")
    labels = _get(data, "labels", (list,), "", required=False) or []
    notes = _get(data, "notes", (list,), "", required=False) or []
    if not all(isinstance(n, str) for n in notes):
        raise _fail("notes must be strings", "字段“notes”的每一项都应是文字。")
    has_t4 = _get(data, "has_t4", (bool,), "", required=False)
    return Report(
        unit=_get(data, "unit", (str,), "", required=False),
        year=_get(data, "year", (int,), "", required=False),
        title=_get(data, "title", (str,), "", required=False),
        t2_format=t2_format,
        t3_format=t3_format,
        has_t4=True if has_t4 is None else has_t4,
        sections={key: _section(key, value) for key, value in sections.items()},
        cells={address: _cell(address, value) for address, value in cells.items()},
        labels=[_label(i, value) for i, value in enumerate(labels)],
        source=_get(data, "source", (str,), "", required=False),
        source_type=_get(data, "source_type", (str,), "", required=False),
        notes=list(notes),
    )


def new_report(unit: str, year: int) -> Report:
    """A blank report to fill in: 2021 format, every cell the number 0, headings with empty text."""
    report = Report(unit=unit, year=year, t2_format=FORMAT_2021, t3_format=FORMAT_2021, has_t4=True)
    report.title = report_title(report)
    report.sections = {key: Section(key, section_heading(report, key), "") for key, _ in SECTIONS}
    report.cells = {address: Cell.of(0) for address in cell_addresses(FORMAT_2021, FORMAT_2021)}
    return report
