"""Models of the public portal: what an online application adds to its case, and the submission log for rate limits.

The case itself (applicant, items, timeline) is xxgk.apps.cases.Case; an
online application keeps here what the case model has no field for: when it
was submitted, the organisation's details, each item's document number, and
the uploaded identity document (personal information, applications.md §11).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.apps.portal.uploads import identity_upload_to

__all__ = ["OnlineApplication", "SubmissionRecord", "UsedCaptcha"]


class OnlineApplication(models.Model):
    """The online-form details of a case received through the portal (条例第二十九条、第三十一条)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="online_application"
    )
    submitted_at = models.DateTimeField(_("网上提交时间"))
    receipt_confirmed = models.BooleanField(
        _("已与申请人确认收到"),
        default=False,
        help_text=_("网上提交的，以双方确认之日为收到申请之日（条例第三十一条）"),
    )
    organisation_name = models.CharField(_("法人或其他组织名称"), max_length=100, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    items = models.JSONField(_("申请事项（含文号）"), default=list)
    identity_file = models.FileField(_("身份证明材料"), upload_to=identity_upload_to, max_length=200)
    identity_file_type = models.CharField(_("材料类型"), max_length=40)
    declaration = models.BooleanField(_("申请人承诺所填内容真实"), default=False)

    class Meta:
        verbose_name = _("网上申请")
        verbose_name_plural = _("网上申请")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.submitted_at:%Y-%m-%d %H:%M}"


class SubmissionRecord(models.Model):
    """One accepted online application from an address (a keyed hash of it), for the per-IP rate limits."""

    client = models.CharField(_("来源（散列）"), max_length=64)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("网上申请提交记录")
        verbose_name_plural = _("网上申请提交记录")
        indexes = [models.Index(fields=["client", "at"], name="portal_submission_client_at")]

    def __str__(self) -> str:
        return f"{self.client[:8]} {self.at:%Y-%m-%d %H:%M}"


class UsedCaptcha(models.Model):
    """A CAPTCHA challenge already used for an application: its nonce is unique, so one challenge makes one case."""

    nonce = models.CharField(_("验证码随机数"), max_length=64, unique=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("已使用的验证码")
        verbose_name_plural = _("已使用的验证码")

    def __str__(self) -> str:
        return f"{self.nonce[:8]} {self.at:%Y-%m-%d %H:%M}"
