"""What a batch audit writes: the rows as CSV or XLSX, and an HTML dashboard for supervisors (Chinese).

Pure: no Django, no I/O.

The dashboard is one self-contained page (no script, no external file): the
totals, bar charts (SVG) of failing rules, of units and of years, and the table
of every file. It prints on A4 landscape.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from html import escape

from xxgk.apps.reports.charts import Bar, bar_chart_svg
from xxgk.core.report.rules.result import RULES
from xxgk.documents.audit import AuditRow

__all__ = ["COLUMNS", "audit_csv", "audit_html", "audit_xlsx", "row_values"]

COLUMNS = (
    "文件",
    "单位",
    "年度",
    "文件格式",
    "读取方式",
    "已读单元格",
    "未读单元格",
    "错误",
    "警告",
    "无法评估",
    "不通过的规则",
    "无法读取的原因",
)
FORMATS = {"pdf": "PDF", "html": "HTML", "docx": "DOCX", "text": "纯文本", "markdown": "Markdown",
           "json": "JSON", "image": "图片"}  # fmt: skip
_RED, _AMBER, _BLUE, _GREY = "#c62828", "#ef6c00", "#1565c0", "#546e7a"


def row_values(row: AuditRow) -> list[object]:
    """One row's cells in the order of :data:`COLUMNS` (blank where a file could not be read)."""
    if row.read_error:
        return [row.file, "", "", "", "", "", "", "", "", "", "", row.read_error]
    return [
        row.file,
        row.unit,
        row.year if row.year is not None else "",
        FORMATS.get(row.format, row.format),
        row.how_read_zh,
        row.cells_read,
        row.cells_unread,
        row.errors,
        row.warnings,
        row.not_assessable,
        "、".join(row.failing),
        "",
    ]


def audit_csv(rows: list[AuditRow]) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel and WPS open it as Chinese text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row_values(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def audit_xlsx(rows: list[AuditRow]) -> bytes:
    """An XLSX workbook: the rows on sheet 核查结果 (header frozen, filters on), the rule totals on 规则统计."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "核查结果"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row_values(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip("ABCDEFGHIJKL", (40, 24, 8, 10, 16, 11, 11, 7, 7, 9, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    rules = book.create_sheet("规则统计")
    rules.append(["规则", "级别", "名称", "不通过的文件数"])
    for rule, count in _rule_counts(rows).most_common():
        info = RULES.get(rule)
        rules.append([rule, _severity(rule), info.title if info else "", count])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rule_counts(rows: list[AuditRow]) -> Counter[str]:
    return Counter(rule for row in rows for rule in row.failing)


def _severity(rule: str) -> str:
    info = RULES.get(rule)
    return "错误" if info and info.severity == "error" else "警告"


def _totals(rows: list[AuditRow]) -> list[tuple[str, int]]:
    read = [r for r in rows if not r.read_error]
    return [
        ("文件", len(rows)),
        ("已读取", len(read)),
        ("无法读取", len(rows) - len(read)),
        ("有错误的报告", sum(1 for r in read if r.errors)),
        ("只有警告的报告", sum(1 for r in read if r.warnings and not r.errors)),
        ("全部通过", sum(1 for r in read if not r.errors and not r.warnings)),
        ("经 OCR 读取", sum(1 for r in read if "ocr" in r.how_read)),
        ("含解码连写数字", sum(1 for r in read if "decoded" in r.how_read)),
    ]


def _group_name(row: AuditRow, key: str) -> str:
    if key == "unit":
        return row.unit or "（未识别单位）"
    return f"{row.year}年" if row.year else "（未识别年度）"


def _by(rows: list[AuditRow], key: str) -> list[tuple[str, int, int]]:
    """(name, reports, reports with errors) per unit or per year, most errors first."""
    reports: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    for row in rows:
        if row.read_error:
            continue
        name = _group_name(row, key)
        reports[name] += 1
        failing[name] += 1 if row.errors else 0
    order = sorted(reports, key=lambda n: (-failing[n], -reports[n], n))
    return [(name, reports[name], failing[name]) for name in order]


_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc;padding-bottom:4px}
.totals{display:flex;flex-wrap:wrap;gap:12px;padding:0;list-style:none}
.totals li{border:1px solid #ccc;border-radius:4px;padding:8px 14px;min-width:96px}
.totals b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left}
th{background:#eee}td.n{text-align:right}tr.bad td:first-child{border-left:4px solid #c62828}
.chart{max-width:100%;height:auto}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def audit_html(rows: list[AuditRow], title: str = "政府信息公开工作年度报告批量核查") -> bytes:
    """The supervisor's dashboard as one HTML page."""
    parts = [
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<ul class="totals">',
        *(f'<li data-total="{escape(name)}"><b>{n}</b>{escape(name)}</li>' for name, n in _totals(rows)),
        "</ul>",
    ]
    counts = _rule_counts(rows)
    parts.append("<h2>按规则：不通过的报告数</h2>")
    if counts:
        bars = [Bar(rule, n, None, _RED if _severity(rule) == "错误" else _AMBER) for rule, n in counts.most_common()]
        parts.append(bar_chart_svg(bars, title="按规则统计不通过的报告数"))
        parts.append("<table><thead><tr><th>规则</th><th>级别</th><th>名称</th><th>报告数</th></tr></thead><tbody>")
        for rule, n in counts.most_common():
            info = RULES.get(rule)
            parts.append(
                f"<tr><td>{escape(rule)}</td><td>{_severity(rule)}</td>"
                f'<td>{escape(info.title if info else "")}</td><td class="n">{n}</td></tr>'
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>没有不通过的规则。</p>")
    for key, heading in (("unit", "按单位"), ("year", "按年度")):
        groups = _by(rows, key)
        parts.append(f"<h2>{heading}：报告数与有错误的报告数</h2>")
        if not groups:
            parts.append("<p>没有已读取的报告。</p>")
            continue
        bars = [Bar(name[:12], failing, None, _RED) for name, _, failing in groups[:30]]
        parts.append(bar_chart_svg(bars, title=f"{heading}统计有错误的报告数"))
        parts.append(
            f"<table><thead><tr><th>{heading[1:]}</th><th>报告数</th><th>有错误的报告</th></tr></thead><tbody>"
        )
        parts += [f'<tr><td>{escape(n)}</td><td class="n">{r}</td><td class="n">{f}</td></tr>' for n, r, f in groups]
        parts.append("</tbody></table>")
    parts.append("<h2>逐个文件</h2><table><thead><tr>")
    parts += [f"<th>{escape(c)}</th>" for c in COLUMNS]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        bad = ' class="bad"' if row.errors or row.read_error else ""
        cells = "".join(
            f'<td class="n">{v}</td>' if isinstance(v, int) else f"<td>{escape(str(v))}</td>" for v in row_values(row)
        )
        parts.append(f"<tr{bad}>{cells}</tr>")
    parts.append("</tbody></table></body></html>")
    return "".join(parts).encode("utf-8")
