"""The case ledger (台账): parse and validate rows, flag late and long-open cases.

applications.md §10. A ledger records what happened, including what happened
late: late replies and long-open cases are accepted and flagged. Only rows
that cannot be true are refused, each with its line number and Chinese reasons.
Pure: the caller passes the working-day calendar and ``today``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from xxgk.core.calendar import events as ev
from xxgk.core.calendar.deadline import (
    FEE_PAYMENT_DAYS,
    MAX_EXTENSION_DAYS,
    ClockError,
    compute_deadline,
    fee_payment_limit,
)
from xxgk.core.calendar.workdays import WorkCalendar
from xxgk.core.cases.outcomes import OUTCOMES, PriorStep, UnknownOutcome, outcome_by_label
from xxgk.core.cases.privacy import mask_name
from xxgk.core.cases.vocab import APPLICANT_TYPE_BY_LABEL, APPLICANT_TYPES, CHANNEL_BY_LABEL, CHANNELS

__all__ = [
    "DUE_HEADER",
    "EXPORT_HEADERS",
    "HEADERS",
    "LedgerResult",
    "LedgerRow",
    "RowResult",
    "check_headers",
    "parse_ledger",
    "parse_row",
    "row_to_record",
]

HEADERS: tuple[str, ...] = (
    "编号",
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "申请内容",
    "补正告知日期",
    "补正收到日期",
    "征求意见发出日期",
    "征求意见答复日期",
    "延期工作日",
    "收费通知日期",
    "缴费日期",
    "收费金额",
    "办结日期",
    "办理结果",
)
#: The export adds the statutory due date after the outcome; an import accepts
#: a file with or without it and recomputes it (it is never trusted).
DUE_HEADER = "答复期限"
EXPORT_HEADERS: tuple[str, ...] = (*HEADERS, DUE_HEADER)
FLAG_LATE = "late"
FLAG_LONG_OPEN = "long_open"
FLAG_LONG_EXTENSION = "extension_over_limit"
FLAG_LABELS = {
    FLAG_LATE: "逾期答复",
    FLAG_LONG_OPEN: "超期未办结",
    FLAG_LONG_EXTENSION: f"延期超过{MAX_EXTENSION_DAYS}个工作日",
}

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# field name → header, for the dated columns, in the order they must not precede each other
_DATES = {
    "received_on": "收到日期",
    "supplement_requested_on": "补正告知日期",
    "supplement_received_on": "补正收到日期",
    "consultation_sent_on": "征求意见发出日期",
    "consultation_answered_on": "征求意见答复日期",
    "fee_notice_on": "收费通知日期",
    "fee_paid_on": "缴费日期",
    "concluded_on": "办结日期",
}


@dataclass(frozen=True)
class LedgerRow:
    """One valid ledger row, in the project's vocabulary (channel, applicant type and outcome keys)."""

    number: str
    received_on: date
    channel: str
    applicant_type: str
    applicant: str
    content: str
    supplement_requested_on: date | None = None
    supplement_received_on: date | None = None
    consultation_sent_on: date | None = None
    consultation_answered_on: date | None = None
    extension_days: int = 0
    fee_notice_on: date | None = None
    fee_paid_on: date | None = None
    fee_amount: Decimal | None = None
    concluded_on: date | None = None
    outcome: str | None = None

    @property
    def extension_on(self) -> date:
        """The date an imported extension is placed on: the row records its length, not its date.

        It goes after every other recorded step before the conclusion, where it
        cannot be undone by a later restart of the clock (条例第三十条).
        """
        steps = (
            self.received_on,
            self.supplement_received_on,
            self.consultation_sent_on,
            self.consultation_answered_on,
            self.fee_notice_on,
            self.fee_paid_on,
        )
        return max(d for d in steps if d is not None)

    def clock_events(self) -> list[ev.Event]:
        """What the row records, as the events of the core deadline engine (applications.md §4).

        An extension longer than the law allows is counted at the statutory
        limit (and flagged by :func:`parse_row`).
        """
        events: list[ev.Event] = [ev.Received(self.received_on)]
        if self.supplement_requested_on:
            events.append(ev.SupplementRequested(self.supplement_requested_on))
        if self.supplement_received_on:
            events.append(ev.SupplementReceived(self.supplement_received_on))
        if self.consultation_sent_on:
            events.append(ev.ConsultationSent(self.consultation_sent_on))
        if self.consultation_answered_on:
            events.append(ev.ConsultationAnswered(self.consultation_answered_on))
        if self.fee_notice_on:
            events.append(ev.FeeNoticeSent(self.fee_notice_on))
        if self.fee_paid_on:
            events.append(ev.FeePaid(self.fee_paid_on))
        if self.extension_days:
            events.append(ev.ExtensionApproved(self.extension_on, min(self.extension_days, MAX_EXTENSION_DAYS)))
        return events

    def due_date(self, calendar: WorkCalendar) -> date | None:
        """The statutory reply date for what the row records, from the one deadline engine.

        None while the row waits for the applicant (补正 or payment). Raises
        :class:`ClockError` when the recorded steps cannot follow one another.
        """
        return compute_deadline(self.clock_events(), calendar).due


@dataclass(frozen=True)
class RowResult:
    """The result for one line: the row (None if refused), Chinese reasons for refusal, and flags."""

    line: int
    row: LedgerRow | None
    errors: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    due_on: date | None = None


@dataclass
class LedgerResult:
    """All rows of a ledger; ``ok`` only when no row (and no header) was refused."""

    rows: list[RowResult] = field(default_factory=list)
    header_errors: list[str] = field(default_factory=list)

    @property
    def refused(self) -> list[RowResult]:
        """The refused rows."""
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        """Whether the whole ledger may go in."""
        return not self.header_errors and not self.refused


def check_headers(headers: Iterable[str]) -> list[str]:
    """Chinese reasons why a header row is not the ledger's (applications.md §10); empty when it is."""
    found = [h.strip().lstrip("\ufeff") for h in headers]
    errors = []
    missing = [h for h in HEADERS if h not in found]
    unknown = [h for h in found if h and h not in EXPORT_HEADERS]
    duplicated = sorted({h for h in found if h and found.count(h) > 1})
    if missing:
        errors.append("缺少列：" + "、".join(missing))
    if unknown:
        errors.append("无法识别的列：" + "、".join(unknown))
    if duplicated:
        errors.append("重复的列：" + "、".join(duplicated))
    return errors


def _text(values: Mapping[str, object], header: str) -> str:
    value = values.get(header)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(text: str, header: str, errors: list[str]) -> date | None:
    if not text:
        return None
    text = text[:10] if len(text) == 19 and text.endswith("00:00:00") else text
    match = _DATE.match(text)
    try:
        if not match:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        errors.append(f"{header}“{text}”不是有效日期（应为 YYYY-MM-DD）")
        return None


def _order(d: dict[str, date | None], today: date, errors: list[str]) -> None:
    """Refuse dates that cannot follow one another."""

    def before(first: str, second: str) -> None:
        a, b = d[first], d[second]
        if a and b and b < a:
            errors.append(f"{_DATES[second]}（{b}）早于{_DATES[first]}（{a}）")

    for name in _DATES:
        if name != "received_on":
            before("received_on", name)
    before("supplement_requested_on", "supplement_received_on")
    before("consultation_sent_on", "consultation_answered_on")
    before("fee_notice_on", "fee_paid_on")
    for name in _DATES:
        if name not in ("received_on", "concluded_on"):
            before(name, "concluded_on")
    for name, value in d.items():
        if value and value > today:
            errors.append(f"{_DATES[name]}（{value}）晚于今天（{today}）")
    pairs = (
        ("supplement_requested_on", "supplement_received_on"),
        ("consultation_sent_on", "consultation_answered_on"),
        ("fee_notice_on", "fee_paid_on"),
    )
    for first, second in pairs:
        if d[second] and not d[first]:
            errors.append(f"有{_DATES[second]}却没有{_DATES[first]}")


def _outcome_steps(outcome: str, d: dict[str, date | None], errors: list[str]) -> None:
    """Refuse an outcome whose prior step the row lacks (条例第三十条; 国办函〔2020〕109号)."""
    item = OUTCOMES[outcome]
    if item.prior_step is PriorStep.SUPPLEMENT_NOTICE and not d["supplement_requested_on"]:
        errors.append(f"办理结果“{item.label}”需要补正告知，但没有补正告知日期")
    if item.prior_step is PriorStep.FEE_NOTICE and not d["fee_notice_on"]:
        errors.append(f"办理结果“{item.label}”需要收费通知，但没有收费通知日期")
    if outcome == "other_no_supplement" and d["supplement_received_on"]:
        errors.append("已收到补正材料，不能以“逾期不补正”办结")
    if outcome == "unavailable_unclear" and d["supplement_requested_on"] and not d["supplement_received_on"]:
        errors.append("“补正后申请内容仍不明确”需要补正收到日期")
    if outcome == "other_fee_unpaid" and d["fee_paid_on"]:
        errors.append("已有缴费日期，不能以“逾期未缴费”办结")


def _fee_lapse_in_time(
    outcome: str, channel: str, d: dict[str, date | None], calendar: WorkCalendar, errors: list[str]
) -> None:
    """Refuse "逾期未缴费" concluded while the applicant could still pay (国办函〔2020〕109号; applications.md §5)."""
    sent, concluded = d["fee_notice_on"], d["concluded_on"]
    if outcome != "other_fee_unpaid" or not (sent and concluded and channel):
        return
    limit = fee_payment_limit(sent, calendar, channel=channel)
    if concluded <= limit:
        errors.append(
            f"办结日期（{concluded}）未晚于缴费期限（{limit}，收到收费通知次日起第{FEE_PAYMENT_DAYS}个工作日），"
            "不能以“逾期未缴费”办结"
        )


def parse_row(values: Mapping[str, object], *, line: int, calendar: WorkCalendar, today: date) -> RowResult:
    """Parse and validate one ledger row (applications.md §10): a LedgerRow with flags, or the reasons to refuse."""
    errors: list[str] = []
    number = _text(values, "编号")
    if not number:
        errors.append("编号为空")
    dates = {name: _date(_text(values, header), header, errors) for name, header in _DATES.items()}
    if not _text(values, "收到日期"):
        errors.append("收到日期为空")
    channel = CHANNEL_BY_LABEL.get(_text(values, "申请方式"), "")
    if not channel:
        errors.append(f"未知的申请方式“{_text(values, '申请方式')}”（可选：{'、'.join(CHANNELS.values())}）")
    applicant_type = APPLICANT_TYPE_BY_LABEL.get(_text(values, "申请人类型"), "")
    if not applicant_type:
        errors.append(f"未知的申请人类型“{_text(values, '申请人类型')}”（可选：{'、'.join(APPLICANT_TYPES.values())}）")
    extension_days = 0
    if ext := _text(values, "延期工作日"):
        if ext.isdigit() and int(ext) > 0:
            extension_days = int(ext)
        else:
            errors.append(f"延期工作日“{ext}”不是正整数")
    fee_amount = None
    if amount := _text(values, "收费金额"):
        try:
            fee_amount = Decimal(amount.replace(",", ""))
            if fee_amount < 0 or not fee_amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(f"收费金额“{amount}”不是有效金额")
        if not dates["fee_notice_on"]:
            errors.append("有收费金额却没有收费通知日期")
    outcome = None
    if result := _text(values, "办理结果"):
        try:
            outcome = outcome_by_label(result).key
        except UnknownOutcome:
            errors.append(f"未知的办理结果“{result}”")
    if bool(dates["concluded_on"]) != bool(result) and not any("办结日期“" in e for e in errors):
        errors.append("办结日期与办理结果须同时填写（未办结的两者都留空）")
    _order(dates, today, errors)
    if outcome:
        _outcome_steps(outcome, dates, errors)
        _fee_lapse_in_time(outcome, channel, dates, calendar, errors)
    if errors:
        return RowResult(line, None, tuple(errors))
    assert dates["received_on"] is not None
    row = LedgerRow(
        number=number,
        channel=channel,
        applicant_type=applicant_type,
        applicant=_text(values, "申请人"),
        content=_text(values, "申请内容"),
        extension_days=extension_days,
        fee_amount=fee_amount,
        outcome=outcome,
        **dates,  # type: ignore[arg-type]
    )
    try:
        due = row.due_date(calendar)
    except ClockError as exc:
        return RowResult(line, None, (str(exc).rstrip("。"),))
    flags = []
    if due is not None and row.concluded_on and row.concluded_on > due:
        flags.append(FLAG_LATE)
    if due is not None and not row.concluded_on and today > due:
        flags.append(FLAG_LONG_OPEN)
    if extension_days > MAX_EXTENSION_DAYS:
        flags.append(FLAG_LONG_EXTENSION)
    return RowResult(line, row, (), tuple(flags), due)


def parse_ledger(
    records: Iterable[Mapping[str, object]],
    *,
    headers: Iterable[str],
    calendar: WorkCalendar,
    today: date,
    first_line: int = 2,
) -> LedgerResult:
    """Parse a whole ledger; line numbers start at ``first_line`` (line 1 is the header row)."""
    result = LedgerResult(header_errors=check_headers(headers))
    if result.header_errors:
        return result
    seen: dict[str, int] = {}
    for line, values in enumerate(records, start=first_line):
        if not any(_text(values, h) for h in HEADERS):
            continue  # a blank line is not a case
        row = parse_row(values, line=line, calendar=calendar, today=today)
        number = _text(values, "编号")
        if number and number in seen:
            row = RowResult(line, None, (*row.errors, f"编号“{number}”与第{seen[number]}行重复"))
        seen.setdefault(number, line)
        result.rows.append(row)
    return result


def row_to_record(row: LedgerRow, *, mask: bool = True, due: date | None = None) -> dict[str, str]:
    """A ledger row as header → text, the inverse of :func:`parse_row`; masks the applicant unless told not to.

    ``due`` is the statutory reply date, written under 答复期限 for a case still open.
    """
    iso = lambda d: d.isoformat() if d else ""  # noqa: E731 - a local one-liner reads best here
    return {
        "编号": row.number,
        "收到日期": iso(row.received_on),
        "申请方式": CHANNELS[row.channel],
        "申请人类型": APPLICANT_TYPES[row.applicant_type],
        "申请人": mask_name(row.applicant) if mask else row.applicant,
        "申请内容": row.content,
        "补正告知日期": iso(row.supplement_requested_on),
        "补正收到日期": iso(row.supplement_received_on),
        "征求意见发出日期": iso(row.consultation_sent_on),
        "征求意见答复日期": iso(row.consultation_answered_on),
        "延期工作日": str(row.extension_days) if row.extension_days else "",
        "收费通知日期": iso(row.fee_notice_on),
        "缴费日期": iso(row.fee_paid_on),
        "收费金额": str(row.fee_amount) if row.fee_amount is not None else "",
        "办结日期": iso(row.concluded_on),
        "办理结果": OUTCOMES[row.outcome].label if row.outcome else "",
        DUE_HEADER: "" if row.concluded_on else iso(due),
    }
