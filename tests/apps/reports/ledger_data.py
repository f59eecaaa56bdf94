"""A small ledger (台账) shared by the reports and ledger-UI tests: rows, CSV bytes, and an import helper."""

from __future__ import annotations

import csv
import datetime as dt
import io

from xxgk.apps.cases.ledger import LedgerTable, case_import_ledger, validate_ledger
from xxgk.core.cases.ledger import HEADERS

TODAY = dt.date(2026, 11, 28)


def _row(number, received, channel, applicant_type, applicant, content, concluded="", outcome="", **steps):
    values = dict.fromkeys(HEADERS, "")
    values.update(
        {
            "编号": number,
            "收到日期": received,
            "申请方式": channel,
            "申请人类型": applicant_type,
            "申请人": applicant,
            "申请内容": content,
            "办结日期": concluded,
            "办理结果": outcome,
        }
    )
    values.update(steps)
    return [values[h] for h in HEADERS]


# 2025: 7 received (5 natural persons, 1 company, 1 law firm), 1 carried over from 2024; 6 concluded; 2 open at year end
ROWS = [
    _row("2024-0009", "2024-12-20", "信函", "自然人", "王五", "旧城改造方案", "2025-01-10", "（一）予以公开"),
    _row("2025-0001", "2025-03-02", "网络", "自然人", "张三", "拆迁公告", "2025-03-20", "（一）予以公开"),
    _row("2025-0002", "2025-04-01", "网络", "自然人", "李四", "财政预算", "2025-04-15", "（一）予以公开"),
    _row(
        "2025-0003",
        "2025-05-06",
        "信函",
        "商业企业",
        "某公司",
        "征地批复",
        "2025-06-30",
        "other_no_supplement",
        **{"补正告知日期": "2025-05-08"},
    ),
    _row(
        "2025-0004",
        "2025-07-01",
        "电子邮件",
        "法律服务机构",
        "某律所",
        "处罚决定",
        "2025-07-20",
        "（二）部分公开",
        **{"收费通知日期": "2025-07-03", "缴费日期": "2025-07-10", "收费金额": "200"},
    ),
    _row("2025-0005", "2025-08-11", "当面", "自然人", "赵六", "会议纪要", "2025-08-20", "1.本机关不掌握相关政府信息"),
    _row("2025-0006", "2025-12-20", "当面", "自然人", "孙七", "低保名单", "2026-01-09", "4.保护第三方合法权益"),
    _row("2025-0007", "2025-12-29", "网络", "自然人", "周八", "规划文本"),
]
EXPECTED_2025 = {
    "t3.new_received.total": 7,
    "t3.new_received.natural_person": 5,
    "t3.carried_over.natural_person": 1,
    "t3.granted.natural_person": 3,
    "t3.partially_granted.legal_services": 1,
    "t3.other_no_supplement.commercial": 1,
    "t3.unavailable_not_held.total": 1,
    "t3.total_processed.total": 6,
    "t3.carried_forward.natural_person": 2,
}


def ledger_csv(rows=ROWS, headers=HEADERS, encoding="utf-8-sig") -> bytes:
    """The rows as a ledger CSV file's bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def import_rows(unit, calendar, rows=ROWS):
    """Validate and import the rows into ``unit`` (the test's arrangement, not what is tested)."""
    table = LedgerTable(list(HEADERS), [dict(zip(HEADERS, row, strict=True)) for row in rows])
    result = validate_ledger(unit, table, calendar=calendar, today=TODAY)
    assert result.ok, [(r.line, r.errors) for r in result.refused]
    return case_import_ledger(actor=None, unit=unit, rows=result.rows)
