"""Models of the cases app: applications, their items, timeline, fees and review cases.

applications.md §1–§11. The state machine and the rules live in
xxgk.core.cases; these models store what happened. ``Case.state`` changes only
through xxgk.apps.cases.services, guarded by xxgk.core.cases.states.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xxgk.core.cases.fees import FEE_METHOD_LABELS
from xxgk.core.cases.outcomes import OUTCOMES
from xxgk.core.cases.states import STATE_LABELS, State
from xxgk.core.cases.vocab import APPLICANT_TYPES, CHANNELS
from xxgk.core.report.layout import T4_GROUPS

__all__ = ["Case", "CaseEvent", "Fee", "RequestedItem", "ReviewCase", "ReviewResultMapping"]

STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
OUTCOME_CHOICES = [(key, o.label) for key, o in OUTCOMES.items()]


def new_tracking_token() -> str:
    """A secret for the applicant's public tracking link."""
    return secrets.token_urlsafe(24)


class Case(models.Model):
    """One disclosure application (政府信息公开申请) of a unit, with one reporting outcome."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("办理单位"), on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(_("编号"), max_length=40)
    channel = models.CharField(_("申请方式"), max_length=20, choices=list(CHANNELS.items()))
    receipt_date = models.DateField(_("收到日期"))
    receipt_evidence = models.CharField(_("收到日期依据"), max_length=200, blank=True)
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=list(APPLICANT_TYPES.items()))
    applicant_name = models.CharField(_("申请人"), max_length=100, blank=True)
    identity_type = models.CharField(_("证件类型"), max_length=30, blank=True)
    identity_number = models.CharField(_("证件号码"), max_length=50, blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    requested_form = models.CharField(_("获取信息的形式"), max_length=50, blank=True)
    requested_channel = models.CharField(_("获取信息的途径"), max_length=50, blank=True)
    content = models.TextField(_("申请内容"), blank=True)
    state = models.CharField(_("状态"), max_length=30, choices=STATE_CHOICES, default=State.RECEIVED.value)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True, null=True)
    draft_outcome = models.CharField(_("拟定结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True, default="")
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    due_date = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限为暂定"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=1)
    parent = models.ForeignKey(
        "self", verbose_name=_("拆分自"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    tracking_token = models.CharField(_("查询凭证"), max_length=64, unique=True, default=new_tracking_token)
    late = models.BooleanField(_("逾期答复"), default=False)
    long_open = models.BooleanField(_("超期未办结"), default=False)
    imported = models.BooleanField(_("由台账导入"), default=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        help_text=_("指派的承办人；未指派时提醒发给本单位全部承办人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("依申请公开案件")
        verbose_name_plural = _("依申请公开案件")
        ordering = ["-receipt_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="cases_case_unique_number"),
            models.CheckConstraint(
                condition=(Q(outcome__isnull=True) & Q(concluded_on__isnull=True))
                | (Q(outcome__isnull=False) & Q(concluded_on__isnull=False)),
                name="cases_case_outcome_iff_concluded",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("receipt_date")),
                name="cases_case_concluded_after_receipt",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "receipt_date"], name="cases_case_unit_receipt"),
            models.Index(fields=["unit", "concluded_on", "outcome"], name="cases_case_unit_concluded"),
            models.Index(fields=["unit", "state"], name="cases_case_unit_state"),
            # covers table 三 (selectors.table3_cells): read in GROUP BY order, no table rows, no sort
            models.Index(
                fields=["unit", "applicant_type", "outcome", "receipt_date", "concluded_on", "state"],
                name="cases_case_unit_t3_cover",
            ),
            # covers the staff case list (queries.CaseRows): its filters and its order, so that the ids of any
            # page, even OFFSET 99,950, are read from the index alone (docs/performance.md)
            models.Index(
                fields=["unit", "-receipt_date", "-id", "state", "outcome", "number"],
                name="cases_case_unit_list_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.number}"

    @property
    def is_open(self) -> bool:
        """Whether the case is still being handled."""
        return self.concluded_on is None and self.state not in (State.SPLIT, State.WITHDRAWN, State.CLOSED)


class RequestedItem(models.Model):
    """One item of information an application asks for, with its decision and reason."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="items")
    description = models.TextField(_("申请的信息"))
    decision = models.CharField(_("处理决定"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("申请事项")
        verbose_name_plural = _("申请事项")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.description[:40]


class CaseEvent(models.Model):
    """One event of a case's timeline; the deadline is computed from these."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=40)
    date = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    details = models.JSONField(_("详情"), default=dict, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["case", "date", "pk"]
        indexes = [models.Index(fields=["case", "date"], name="cases_event_case_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Fee(models.Model):
    """The 信息处理费 of one application (国办函〔2020〕109号): one method, never both."""

    case = models.OneToOneField(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="fee")
    method = models.CharField(
        _("收费方式"), max_length=20, blank=True, choices=[(m.value, label) for m, label in FEE_METHOD_LABELS.items()]
    )
    quantity = models.PositiveIntegerField(_("件次或页数"), default=0)
    amount = models.DecimalField(_("收费金额（元）"), max_digits=10, decimal_places=2)
    reduction = models.DecimalField(_("减免金额（元）"), max_digits=10, decimal_places=2, default=0)
    reduction_reason = models.CharField(_("减免理由"), max_length=200, blank=True)
    notice_number = models.CharField(_("收费通知书编号"), max_length=50, blank=True)
    sent_on = models.DateField(_("通知发出日期"), null=True, blank=True)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    receipt_number = models.CharField(_("票据号码"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")
        constraints = [
            models.CheckConstraint(
                condition=Q(reduction=0) | ~Q(reduction_reason=""), name="cases_fee_reduction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.amount}元"


class ReviewKind(models.TextChoices):
    """The three groups of table 四."""

    REVIEW = T4_GROUPS[0][0], _("行政复议")
    LITIGATION_DIRECT = T4_GROUPS[1][0], _("未经复议直接起诉")
    LITIGATION_AFTER_REVIEW = T4_GROUPS[2][0], _("复议后起诉")


class ReviewCase(models.Model):
    """An administrative review or lawsuit about a disclosure decision (applications.md §8)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("被申请单位"), on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=ReviewKind.choices)
    application = models.ForeignKey(
        Case, verbose_name=_("涉及的申请"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    body = models.CharField(_("复议机关或法院"), max_length=100)
    filed_on = models.DateField(_("立案日期"))
    status = models.CharField(_("状态"), max_length=20, default="pending")
    result = models.CharField(_("结果"), max_length=100, blank=True)
    result_key = models.CharField(_("结果归类"), max_length=20, blank=True)
    result_on = models.DateField(_("结案日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["unit", "filed_on"], name="cases_review_unit_filed")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result_on__isnull=True) & Q(result_key=""))
                | (Q(result_on__isnull=False) & Q(result_key__in=["upheld", "corrected", "other"])),
                name="cases_review_result_iff_concluded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on} {self.body}"


class ReviewResultMapping(models.Model):
    """A configurable mapping from a raw review/litigation result to upheld/corrected/other (applications.md §8)."""

    phrase = models.CharField(_("结果用语"), max_length=50, unique=True)
    result_key = models.CharField(
        _("归类"),
        max_length=20,
        choices=[("upheld", _("结果维持")), ("corrected", _("结果纠正")), ("other", _("其他结果"))],
    )

    class Meta:
        verbose_name = _("复议诉讼结果对照")
        verbose_name_plural = _("复议诉讼结果对照")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.result_key}"
