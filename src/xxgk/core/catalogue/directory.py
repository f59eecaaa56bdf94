"""The 基层政务公开标准目录 (standard directory) as a file, and coverage of its lines (spec catalogue.md §1).

Columns: 公开事项（一级）, 公开事项（二级）, 公开内容（要素）, 公开依据, 公开时限,
公开主体, 公开渠道和载体, 公开对象, 公开方式, 公开层级. A line's 公开时限 is
read for a number of working days where it states one ("信息形成或者变更之日起
20个工作日内"); otherwise the statutory 20 working days of 条例第二十六条 apply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xxgk.core.catalogue.deadline import PUBLICATION_DAYS

__all__ = [
    "DIRECTORY_COLUMNS",
    "DirectoryResult",
    "DirectoryRow",
    "effective_limit",
    "limit_days",
    "parse_directory",
]

# column label → field name; first the labels of spec §1, then variants seen in published directories
DIRECTORY_COLUMNS: dict[str, str] = {
    "公开事项（一级）": "matter_level1",
    "公开事项（二级）": "matter_level2",
    "公开内容（要素）": "content",
    "公开依据": "basis",
    "公开时限": "time_limit",
    "公开主体": "subject",
    "公开渠道和载体": "channel",
    "公开对象": "audience",
    "公开方式": "manner",
    "公开层级": "level",
}
_VARIANTS = {
    "一级事项": "matter_level1",
    "二级事项": "matter_level2",
    "公开内容": "content",
    "公开渠道": "channel",
}
MAX_LINES = 5000
_DAYS = re.compile(r"(\d+)\s*个?\s*工作日")


@dataclass(frozen=True)
class DirectoryRow:
    """One line of a directory file."""

    line: int
    values: dict[str, str]
    time_limit_days: int | None


@dataclass
class DirectoryResult:
    """The valid lines and the refused ones as (line, reasons)."""

    rows: list[DirectoryRow] = field(default_factory=list)
    refused: list[tuple[int, list[str]]] = field(default_factory=list)
    header_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the whole file may be imported."""
        return not self.refused and not self.header_errors


def _label(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）").replace(" ", "").strip()


def limit_days(text: str) -> int | None:
    """The working days a 公开时限 states ("…20个工作日内" → 20), or None when it states none."""
    match = _DAYS.search(unicodedata.normalize("NFKC", text))
    return int(match.group(1)) if match else None


def parse_directory(headers: Iterable[str], records: list[Mapping[str, Any]]) -> DirectoryResult:
    """Map the columns and check every line: 公开事项（一级） is required; all lines or none."""
    result = DirectoryResult()
    normalised = {_label(k).replace("（", "(").replace("）", ")"): v for k, v in DIRECTORY_COLUMNS.items()}
    mapping: dict[str, str] = {}
    for header in headers:
        key = _label(header or "")
        name = (
            DIRECTORY_COLUMNS.get(key)
            or _VARIANTS.get(key)
            or normalised.get(key.replace("（", "(").replace("）", ")"))
        )
        if name:
            mapping[header] = name
    if "matter_level1" not in mapping.values():
        result.header_errors.append("缺少列：公开事项（一级）")
        return result
    if len(records) > MAX_LINES:
        result.header_errors.append(f"一个目录最多{MAX_LINES}行")
        return result
    for offset, record in enumerate(records):
        values = {name: "" for name in DIRECTORY_COLUMNS.values()}
        for header, name in mapping.items():
            raw = record.get(header)
            values[name] = "" if raw is None else str(raw).strip()
        if not any(values.values()):
            continue
        errors = []
        if not values["matter_level1"]:
            errors.append("公开事项（一级）不能为空")
        for name, limit in (("matter_level1", 200), ("matter_level2", 200), ("time_limit", 200), ("channel", 300)):
            if len(values[name]) > limit:
                errors.append(f"内容过长（最多{limit}字）")
        if errors:
            result.refused.append((offset + 2, errors))
            continue
        result.rows.append(DirectoryRow(offset + 2, values, limit_days(values["time_limit"])))
    if not result.rows and not result.refused:
        result.header_errors.append("文件中没有数据行")
    return result


def effective_limit(days: int | None) -> int:
    """The working days allowed for a line: its own, else the statutory 20 (条例第二十六条)."""
    return days if days is not None else PUBLICATION_DAYS
