"""Bar charts of a report's outcomes as inline SVG, drawn on the server (no script, no style attribute).

The page's Content-Security-Policy forbids inline scripts and style
attributes, so the chart uses SVG presentation attributes only. Pure: no
Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from xxgk.core.report.layout import T3_GROUPS, T3_ROWS, T4_GROUPS
from xxgk.core.report.model import Report

__all__ = ["Bar", "bar_chart_svg", "t3_outcome_bars", "t4_bars"]

_RESULTS_GROUP = T3_GROUPS["results"]
# colours of the outcome categories (readable on white, distinguishable without colour by their labels)
_COLOURS = ("#2e7d32", "#558b2f", "#c62828", "#ef6c00", "#6d4c41", "#546e7a", "#1565c0")


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, the cell address it comes from (for a link) and its colour."""

    label: str
    value: int
    address: str | None = None
    colour: str = _COLOURS[-1]


def _short(label: str) -> str:
    """「（一）予以公开」 without the long explanation in brackets of partially_granted's label."""
    return label.split("（区分")[0]


def t3_outcome_bars(report: Report, column: str = "total") -> list[Bar]:
    """The outcome categories of table 三 (予以公开 … 其他处理) in one column, each category summed."""
    bars: list[Bar] = []
    order: list[str] = []
    sums: dict[str, int] = {}
    address: dict[str, str | None] = {}
    for row in T3_ROWS:
        if row.group is None or row.key == "total_processed":
            continue
        name = _short(row.label) if row.group == _RESULTS_GROUP else row.group
        if name not in sums:
            order.append(name)
            sums[name] = 0
            address[name] = f"t3.{row.key}.{column}" if row.group == _RESULTS_GROUP else None
        number = report.number(f"t3.{row.key}.{column}")
        sums[name] += int(number) if number is not None else 0
    for index, name in enumerate(order):
        bars.append(Bar(name, sums[name], address[name], _COLOURS[index % len(_COLOURS)]))
    return bars


def t4_bars(report: Report) -> list[Bar]:
    """The total of each group of table 四 (行政复议, 未经复议直接起诉, 复议后起诉)."""
    bars = []
    for index, (group, label) in enumerate(T4_GROUPS):
        number = report.number(f"t4.{group}.total")
        bars.append(Bar(label, int(number) if number is not None else 0, f"t4.{group}.total", _COLOURS[index]))
    return bars


def bar_chart_svg(
    bars: list[Bar],
    *,
    title: str,
    link: Callable[[str], str | None] | None = None,
    width: int = 640,
    bar_height: int = 22,
) -> str:
    """A horizontal bar chart as an ``<svg>`` element: labels left, bars scaled to the largest value, values right.

    ``link`` maps a bar's cell address to a URL (the drill-down); such bars are links.
    """
    label_width, value_width, gap = 170, 50, 8
    plot = width - label_width - value_width
    top = 8
    height = top * 2 + len(bars) * (bar_height + gap)
    largest = max((bar.value for bar in bars), default=0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        length = round(plot * bar.value / largest) if largest else 0
        middle = y + bar_height / 2
        href = link(bar.address) if link is not None and bar.address else None
        parts.append(f'<a href="{escape(href)}">' if href else "")
        parts.append(
            f'<g class="bar" data-value="{bar.value}"><title>{escape(bar.label)}：{bar.value}</title>'
            f'<text x="{label_width - 6}" y="{middle}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="13">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{bar.colour}"/>'
            f'<text x="{label_width + length + 6}" y="{middle}" dominant-baseline="middle" '
            f'font-size="13">{bar.value}</text></g>'
        )
        parts.append("</a>" if href else "")
    parts.append("</svg>")
    return "".join(parts)
