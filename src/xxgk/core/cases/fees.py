"""The 信息处理费 of 国办函〔2020〕109号: per application (按件) or by pages (按量).

applications.md §5. Amounts are whole 元. One application is charged by one
method, never both; an agency may reduce or waive a fee, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "FeeError",
    "FeeMethod",
    "FeeQuote",
    "basis",
    "fee_by_pages",
    "fee_per_application",
    "fees_for_count",
    "quote",
]


class FeeMethod(StrEnum):
    """The two methods of 109号; one per application."""

    PER_APPLICATION = "per_application"  # 按件计收
    BY_PAGES = "by_pages"  # 按量计收


FEE_METHOD_LABELS = {FeeMethod.PER_APPLICATION: "按件计收", FeeMethod.BY_PAGES: "按量计收"}


class FeeError(ValueError):
    """Raised for an impossible fee computation (Chinese message)."""


def fee_per_application(nth_in_month: int) -> int:
    """The fee in 元 for an applicant's n-th application in a calendar month (国办函〔2020〕109号 按件计收).

    1–10 free; 11–30 100 元; from the 31st in bands of 10, each band 100 元 more.
    """
    if nth_in_month < 1:
        raise FeeError("当月申请序号必须是正整数。")
    if nth_in_month <= 10:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 * (2 + (nth_in_month - 31) // 10)


def fees_for_count(count: int) -> int:
    """The total in 元 for ``count`` applications by one applicant in one month (109号 按件计收, cumulative)."""
    if count < 0:
        raise FeeError("申请件数不能为负数。")
    return sum(fee_per_application(n) for n in range(1, count + 1))


# (first page, last page or None, 元 per page) — progressive bands of 109号 按量计收
_PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


def fee_by_pages(pages: int) -> int:
    """The fee in 元 for one application of ``pages`` pages (国办函〔2020〕109号 按量计收, progressive)."""
    if pages < 0:
        raise FeeError("页数不能为负数。")
    total = 0
    for first, last, price in _PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top >= first:
            total += (top - first + 1) * price
    return total


@dataclass(frozen=True)
class FeeQuote:
    """The fee for one application: method, quantity, standard amount, reduction and what is due."""

    method: FeeMethod
    quantity: int  # the n-th application in the month, or the number of pages
    standard: int
    reduction: int = 0
    reduction_reason: str = ""

    @property
    def due(self) -> int:
        """The amount the applicant must pay, in 元."""
        return self.standard - self.reduction


def quote(method: FeeMethod | str, quantity: int, *, reduction: int = 0, reduction_reason: str = "") -> FeeQuote:
    """The fee for one application by exactly one method, with an optional reduction (109号: 减免须说明理由)."""
    try:
        method = FeeMethod(method)
    except ValueError:
        raise FeeError(f"未知的收费方式：{method}（按件计收或按量计收，二者只能选一）") from None
    standard = fee_per_application(quantity) if method is FeeMethod.PER_APPLICATION else fee_by_pages(quantity)
    if reduction < 0 or reduction > standard:
        raise FeeError(f"减免金额 {reduction} 元 必须在 0 至 {standard} 元之间。")
    if reduction and not reduction_reason.strip():
        raise FeeError("减免收费必须写明理由。")
    return FeeQuote(method, quantity, standard, reduction, reduction_reason.strip())


def _yuan(n: int) -> str:
    return f"{n:,}元"


def basis(q: FeeQuote) -> list[str]:
    """How the fee of ``q`` follows from 国办函〔2020〕109号, line by line in Chinese (for the form and the notice)."""
    if q.method is FeeMethod.PER_APPLICATION:
        n = q.quantity
        if n <= 10:
            band = "每月第1—10件不收费"
        elif n <= 30:
            band = "每月第11—30件每件100元"
        else:
            first = 31 + (n - 31) // 10 * 10
            band = f"每月第{first}—{first + 9}件每件{_yuan(q.standard)}"
        lines = [f"按件计收：本申请为该申请人本月第{n}件，{band}，计{_yuan(q.standard)}。"]
    else:
        parts = []
        for first, last, price in _PAGE_BANDS:
            top = q.quantity if last is None else min(q.quantity, last)
            if top < first:
                break
            pages = top - first + 1
            span = f"第{first}页以上" if last is None else f"第{first}—{last}页"
            parts.append(f"{span}（{pages}页）每页{price}元" if price else f"{span}（{pages}页）免费")
        lines = [f"按量计收：共{q.quantity}页，{'；'.join(parts) or '无页数'}，计{_yuan(q.standard)}。"]
    if q.reduction:
        lines.append(f"减免{_yuan(q.reduction)}，理由：{q.reduction_reason}。")
    lines.append(f"应缴{_yuan(q.due)}。")
    return lines
