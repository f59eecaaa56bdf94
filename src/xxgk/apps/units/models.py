"""Models of the units app: units, staff memberships, the audit log and login attempts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.core.units import (
    ReviewBody,
    UnitKind,
    UnitRef,
    derive_review_body,
    effective_review_body,
    is_street_office,
    org_code_error,
    parent_kind_error,
)

__all__ = ["AuditEntry", "LoginAttempt", "Membership", "Role", "Unit"]


def validate_org_code(value: str) -> None:
    """Refuse a 组织机构代码 that is not 9 characters with a correct GB 11714 check digit."""
    error = org_code_error(value)
    if error:
        raise ValidationError(error, code="org_code")


class Unit(models.Model):
    """A government unit that handles disclosure: a people's government, a department, …"""

    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    org_code = models.CharField(
        _("组织机构代码"),
        max_length=9,
        unique=True,
        validators=[validate_org_code],
        help_text=_("9位组织机构代码，用作索引号前缀"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=[(k.value, k.value) for k in UnitKind])
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    review_body_override = models.CharField(
        _("行政复议机关（手工设定）"),
        max_length=100,
        blank=True,
        help_text=_("留空则按单位类型和上级单位自动确定"),
    )
    office_address = models.CharField(_("信息公开工作机构地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_web = models.CharField(_("网上申请渠道"), max_length=200, blank=True)
    report_due_month = models.PositiveSmallIntegerField(
        _("年度报告公布月份"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("年度报告公布日"), default=31, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_kind(self) -> UnitKind:
        """The kind as the core enum."""
        return UnitKind(self.kind)

    def ancestors(self) -> list[Unit]:
        """The parent chain, parent first (guarded against cycles)."""
        chain: list[Unit] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of every unit below this one, at any depth."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
            found |= frontier
        return found

    @property
    def is_street_office(self) -> bool:
        """Whether this is a street office (派出机构 of a people's government)."""
        return is_street_office(self.unit_kind, self.parent.unit_kind if self.parent else None)

    @property
    def derived_review_body(self) -> ReviewBody:
        """The review body from the kind and the parent chain (行政复议法第二十四条、第二十七条)."""
        refs = [UnitRef(u.name, u.unit_kind) for u in self.ancestors()]
        return derive_review_body(self.unit_kind, refs)

    @property
    def review_body(self) -> ReviewBody:
        """The review body named in remedies: the override if set, else the derived one."""
        return effective_review_body(self.review_body_override, self.derived_review_body)

    @property
    def report_due_label(self) -> str:
        """The annual report due date as 「1月31日」."""
        return f"{self.report_due_month}月{self.report_due_day}日"

    def clean(self) -> None:
        """Check the parent's kind, cycles and the due date."""
        errors: dict[str, str] = {}
        if self.parent_id is not None:
            if self.pk is not None and (self.parent_id == self.pk or self.parent_id in self.descendant_ids()):
                errors["parent"] = "上级单位不能是本单位或其下级单位"
            else:
                message = parent_kind_error(UnitKind(self.kind), UnitKind(self.parent.kind)) if self.kind else None
                if message:
                    errors["parent"] = message
        days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if 1 <= self.report_due_month <= 12 and not 1 <= self.report_due_day <= days[self.report_due_month - 1]:
            errors["report_due_day"] = "该月没有这一天"
        if errors:
            raise ValidationError(errors)


class Role(models.TextChoices):
    """What a member may do in a unit."""

    REGISTRAR = "registrar", _("登记人员")
    HANDLER = "handler", _("承办人")
    REVIEWER = "reviewer", _("审核人")
    UNIT_ADMIN = "unit_admin", _("单位管理员")


class Membership(models.Model):
    """A person's role in a unit; supervisors of a people's government also see its subordinates."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    is_supervisor = models.BooleanField(
        _("监督下级单位"), default=False, help_text=_("仅限人民政府：可只读查看全部下级单位")
    )

    class Meta:
        verbose_name = _("人员角色")
        verbose_name_plural = _("人员角色")
        ordering = ["unit__name", "user__username", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="units_membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit} ({self.get_role_display()})"

    def clean(self) -> None:
        """Only a people's government's members can supervise subordinate units."""
        if self.is_supervisor and self.unit_id and self.unit.kind != UnitKind.GOVERNMENT.value:
            raise ValidationError({"is_supervisor": "只有人民政府的人员可以监督下级单位"})


class AuditEntry(models.Model):
    """One audited event: a sign-in, a sign-out, a change to a unit or a membership, …"""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(_("操作人用户名"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=50, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=50, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=50, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"


class LoginAttempt(models.Model):
    """A sign-in attempt, kept to throttle repeated failures across processes."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("登录尝试")
        verbose_name_plural = _("登录尝试")
        indexes = [models.Index(fields=["username", "ip", "at"], name="units_login_user_ip_at")]
