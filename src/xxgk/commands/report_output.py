"""What ``xxgk report check`` prints: the Chinese summary, colours, the JSON objects, a progress bar."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TextIO

from xxgk.core.report.model import OCR, PROVENANCES, READ, Report
from xxgk.core.report.rules import ERROR, FAIL, NOT_ASSESSABLE, PASS, RULES, WARNING, RuleResult, cell_name

__all__ = ["Palette", "Progress", "file_json", "how_read", "summary", "text_report", "unreadable_json", "use_colour"]

FORMAT_NAMES = {"2021": "2021格式", "2019": "2019格式", "mixed": "混合格式"}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Palette:
    """ANSI colours, or nothing at all when colour is off."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

    def red(self, text: str) -> str:
        """Errors."""
        return self._wrap("1;31", text)

    def yellow(self, text: str) -> str:
        """Warnings."""
        return self._wrap("33", text)

    def green(self, text: str) -> str:
        """All good."""
        return self._wrap("32", text)

    def dim(self, text: str) -> str:
        """Not assessable and secondary detail."""
        return self._wrap("2", text)

    def bold(self, text: str) -> str:
        """Headings."""
        return self._wrap("1", text)


def summary(results: list[RuleResult]) -> dict[str, int]:
    """Counts of a file's results: total, pass, fail, errors and warnings failed, not assessable."""
    status = Counter(r.status for r in results)
    failed = Counter(r.severity for r in results if r.status == FAIL)
    return {
        "total": len(results),
        "pass": status[PASS],
        "fail": status[FAIL],
        "errors": failed[ERROR],
        "warnings": failed[WARNING],
        "not_assessable": status[NOT_ASSESSABLE],
    }


def file_json(path: str, report: Report, results: list[RuleResult], previous: str | None) -> dict[str, object]:
    """The JSON object of one checked file (schema: docs/check-json.md)."""
    return {
        "file": path,
        "previous": previous,
        "format": report.format,
        "unit": report.unit,
        "year": report.year,
        "t2_format": report.t2_format,
        "t3_format": report.t3_format,
        "notes": list(report.notes),
        "provenance": report.provenance_counts(),
        "unread": [{"address": a, "reason": why} for a, why in report.unread.items()],
        "results": [_result_json(r, report) for r in results],
        "summary": summary(results),
    }


def _result_json(result: RuleResult, report: Report) -> dict[str, object]:
    """A result as JSON, with how each of its cells was read (``provenance``, parallel to ``cells``)."""
    out = result.as_dict()
    out["provenance"] = [_provenance(report, address) for address in result.cells]
    return out


def _provenance(report: Report, address: str) -> str | None:
    if address.startswith("previous:"):
        return None
    cell = report.cells.get(address)
    if cell is not None:
        return cell.provenance
    return "unread" if address in report.unread else None


def how_read(report: Report) -> str:
    """One Chinese line saying how the cells were read (e.g. 125 格读自文字，75 格由连写数字解码)."""
    counts = report.provenance_counts()
    parts = [f"{n} 格{PROVENANCES[kind]}" for kind, n in counts.items() if n]
    if report.unread:
        parts.append(f"{len(report.unread)} 格未读取（读取存疑，见读取说明）")
    return "，".join(parts) or "没有读到表格数值"


def unreadable_json(path: str, message: str, reason: str) -> dict[str, object]:
    """The JSON object of a file that could not be read."""
    return {"file": path, "error": {"message": message, "reason": reason}}


def _cell_lines(result: RuleResult, report: Report, previous: Report | None) -> list[str]:
    lines = []
    for address, place in zip(result.cells, result.places, strict=False):
        source, key, who = report, address, ""
        if address.startswith("previous:"):
            source, key, who = previous, address.removeprefix("previous:"), "上年"
        cell = source.cells.get(key) if source is not None else None
        value = "（缺失）" if cell is None else (cell.value if cell.value != "" else "（空白）")
        if cell is None and source is report and key in report.unread:
            value = "（未读取）"
        elif cell is not None and cell.provenance != READ:
            how = PROVENANCES.get(cell.provenance, cell.provenance)
            if cell.provenance == OCR and cell.confidence is not None:
                how += f"，置信度 {cell.confidence:.2f}"
            value += f"（{how}）"
        where = place.describe() if place is not None else "位置未知"
        lines.append(f"      · {who}{cell_name(key)}  [{address}]  值 {value}  位置：{where}")
    return lines


def _failure(result: RuleResult, report: Report, previous: Report | None, colours: Palette) -> list[str]:
    info = RULES[result.rule]
    tag = colours.red("[错误]") if result.severity == ERROR else colours.yellow("[警告]")
    lines = [f"  {tag} {colours.bold(result.rule)} {info.title}", f"    {result.message}"]
    if result.printed is not None or result.computed is not None:
        lines.append(
            f"    印刷值：{result.printed if result.printed is not None else '—'}"
            f"　计算值：{result.computed if result.computed is not None else '—'}"
            f"　相差：{result.difference if result.difference is not None else '—'}"
        )
    if result.cells:
        lines.append("    涉及单元格：")
        lines += _cell_lines(result, report, previous)
    lines.append(colours.dim(f"    依据：{info.source}"))
    return lines


def text_report(path: str, report: Report, results: list[RuleResult], previous: Report | None, colours: Palette) -> str:
    """The readable Chinese summary of one checked file."""
    counts = summary(results)
    fmt = FORMAT_NAMES.get(report.format, report.format)
    tables = "，".join(
        f"{name}{FORMAT_NAMES.get(value, '缺失') if value else '缺失'}"
        for name, value in (("表二", report.t2_format), ("表三", report.t3_format))
    )
    lines = [
        colours.bold(f"文件：{path}"),
        f"  单位：{report.unit or '（未识别）'}　年度：{report.year or '（未识别）'}　格式：{fmt}（{tables}）",
        f"  核对 {counts['total']} 项：通过 {counts['pass']}，错误 {counts['errors']}，"
        f"警告 {counts['warnings']}，无法核对 {counts['not_assessable']}",
    ]
    lines.append(f"  读取方式：{how_read(report)}")
    lines += [colours.yellow(f"  读取说明：{note}") for note in report.notes]
    failures = [r for r in results if r.status == FAIL]
    failures.sort(key=lambda r: r.severity != ERROR)
    for result in failures:
        lines += _failure(result, report, previous, colours)
    unassessed = [r for r in results if r.status == NOT_ASSESSABLE]
    if unassessed:
        lines.append(colours.dim("  无法核对（数据不是数字或缺失，未作任何推断）："))
        lines += [colours.dim(f"    · {r.rule}：{r.message}") for r in unassessed]
    if counts["errors"]:
        verdict = colours.red(f"  结论：有 {counts['errors']} 项错误，报告中的数字不可能都正确。")
    elif counts["warnings"]:
        verdict = colours.yellow(f"  结论：没有错误，有 {counts['warnings']} 项警告需要注意。")
    else:
        verdict = colours.green("  结论：全部通过。")
    if not counts["errors"] and report.unread:
        verdict += colours.yellow(f"（另有 {len(report.unread)} 格读取存疑未读取，这些格未经核对，见读取说明）")
    lines.append(verdict)
    return "\n".join(lines)


class Progress:
    """A one-line progress bar on stderr, shown only on a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 24, label: str = "检查中") -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.total = total
        self.width = width
        isatty = getattr(self.stream, "isatty", None)
        self.active = total > 1 and bool(isatty and isatty())

    def step(self, done: int, name: str) -> None:
        """Show that ``done`` of the files are checked, the last one being ``name``."""
        if not self.active:
            return
        filled = self.width * done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total} {os.path.basename(name)[:30]:<30}")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line."""
        if self.active:
            self.stream.write("\r" + " " * (self.width + 50) + "\r")
            self.stream.flush()
