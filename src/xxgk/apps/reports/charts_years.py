"""Year-over-year bar charts of the county view as inline SVG, readable printed in black and white.

Each series is told apart by a hatch pattern (not only by colour) and each bar
prints its value, so a grey-scale print loses nothing. SVG presentation
attributes only (the page's Content-Security-Policy forbids style attributes).
Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["PATTERNS", "year_chart_svg"]

# (pattern id suffix, the pattern's drawing): solid black, white, diagonal, cross-hatch, dots, horizontal lines
PATTERNS: tuple[tuple[str, str], ...] = (
    ("solid", '<rect width="8" height="8" fill="#000"/>'),
    ("blank", '<rect width="8" height="8" fill="#fff"/>'),
    ("diag", '<rect width="8" height="8" fill="#fff"/><path d="M0,8 L8,0" stroke="#000" stroke-width="1.5"/>'),
    (
        "cross",
        '<rect width="8" height="8" fill="#fff"/><path d="M0,0 L8,8 M0,8 L8,0" stroke="#000" stroke-width="1"/>',
    ),
    ("dots", '<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="1.6" fill="#000"/>'),
    ("hlines", '<rect width="8" height="8" fill="#fff"/><path d="M0,4 L8,4" stroke="#000" stroke-width="1.5"/>'),
    ("grey", '<rect width="8" height="8" fill="#888"/>'),
)


def year_chart_svg(
    *, chart_id: str, title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence[int]]]
) -> str:
    """Grouped vertical bars: one group per year, one patterned bar per series, values printed above the bars."""
    width, height, left, bottom, top = 680, 260, 40, 40, 24
    legend_height = 22 * ((len(series) + 2) // 3)
    plot_w, plot_h = width - left - 10, height - bottom - top
    largest = max((v for _, values in series for v in values), default=0) or 1
    group_w = plot_w / max(len(years), 1)
    bar_w = min(28.0, (group_w - 12) / max(len(series), 1))
    total_h = height + legend_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--years" role="img" width="{width}" '
        f'height="{total_h}" viewBox="0 0 {width} {total_h}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><defs>",
    ]
    for suffix, drawing in PATTERNS:
        parts.append(
            f'<pattern id="{chart_id}-{suffix}" width="8" height="8" patternUnits="userSpaceOnUse">{drawing}</pattern>'
        )
    parts.append("</defs>")
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#000"/>')
    for yi, year in enumerate(years):
        x0 = left + yi * group_w + (group_w - bar_w * len(series)) / 2
        for si, (label, values) in enumerate(series):
            value = values[yi] if yi < len(values) else 0
            h = round(plot_h * value / largest, 1)
            x = round(x0 + si * bar_w, 1)
            fill = f"url(#{chart_id}-{PATTERNS[si % len(PATTERNS)][0]})"
            parts.append(
                f'<g class="bar" data-year="{year}" data-series="{escape(label)}" data-value="{value}">'
                f"<title>{year}年 {escape(label)}：{value}</title>"
                f'<rect x="{x}" y="{base - h}" width="{round(bar_w - 2, 1)}" height="{h}" fill="{fill}" '
                f'stroke="#000" stroke-width="1"/>'
                f'<text x="{x + bar_w / 2 - 1}" y="{base - h - 4}" text-anchor="middle" '
                f'font-size="11">{value}</text></g>'
            )
        parts.append(
            f'<text x="{left + yi * group_w + group_w / 2}" y="{base + 18}" text-anchor="middle" '
            f'font-size="13">{year}年</text>'
        )
    for si, (label, _) in enumerate(series):
        lx, ly = left + (si % 3) * 210, height + (si // 3) * 22 - 6
        fill = f"url(#{chart_id}-{PATTERNS[si % len(PATTERNS)][0]})"
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="16" height="12" fill="{fill}" stroke="#000"/>'
            f'<text x="{lx + 22}" y="{ly + 10}" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
