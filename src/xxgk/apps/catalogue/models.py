"""Models of the catalogue app: entries, their versions and attachments, scan findings, directories, figures.

The contract other apps build on (kept stable):

- :class:`Entry` — one catalogue entry (目录条目) of a unit: its permanent
  ``index_number`` (索引号, assigned when first published, never changed),
  ``status`` (``unpublished`` / ``published`` / ``withdrawn``), ``published_on``
  (发布日期, the first publication) and ``current``, the :class:`Version` the
  public sees (None until first published).
- :class:`Version` — the content of one version: 名称 (``title``), 内容概述
  (``summary``), 正文 (``body``), 生成日期 (``formed_on``), 发布机构
  (``publisher``), 文号 (``doc_number``), 主题分类 (``theme``), 体裁分类
  (``genre``), 关键词 (``keywords``), 有效性 (``validity`` with its dates), the
  第二十条/第二十一条 item (``item``), the standard-directory line, the kind
  (``kind``: 规章 / 行政规范性文件 / 其他, with ``effective_on`` and
  ``repealed_on``), and its review ``state``. A correction is a new version;
  the old one is kept as ``superseded``. ``entry.versions`` is the history.
- :class:`Attachment` — a file of a version (PDF, DOCX, XLSX, image) with the
  text extracted at upload in ``extracted_text``.

The choices (themes, genres, kinds, validity, items) come from
``xxgk.core.catalogue.metadata``; the states from ``xxgk.core.catalogue.states``.
See also ``signals.py`` (``entry_published`` / ``entry_withdrawn``) and
``selectors.public_entries``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.core.catalogue.metadata import GENRES, ITEMS, THEMES, EntryKind, Validity, choices
from xxgk.core.catalogue.states import STATE_LABELS, State

__all__ = [
    "Attachment",
    "DirectoryLine",
    "Entry",
    "EntryStatus",
    "IndexCounter",
    "ScanFinding",
    "StandardDirectory",
    "UnitYearFigures",
    "Version",
]


class EntryStatus(models.TextChoices):
    """Whether the public sees an entry."""

    UNPUBLISHED = "unpublished", _("未发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class IndexCounter(models.Model):
    """The last 索引号 serial used for a prefix and year; locked (SELECT … FOR UPDATE) while one is taken."""

    prefix = models.CharField(max_length=18)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="catalogue_counter_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.year}: {self.last_serial}"


class StandardDirectory(models.Model):
    """A 基层政务公开标准目录 for one area (spec catalogue.md §1), as imported."""

    area = models.CharField(_("领域"), max_length=100)
    title = models.CharField(_("目录名称"), max_length=200)
    source_name = models.CharField(_("导入文件"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    units = models.ManyToManyField("units.Unit", verbose_name=_("适用单位"), blank=True, related_name="directories")

    class Meta:
        verbose_name = _("标准目录")
        verbose_name_plural = _("标准目录")
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.title


class DirectoryLine(models.Model):
    """One line of a standard directory: what must be published, by whom, how and how soon."""

    directory = models.ForeignKey(StandardDirectory, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("序号"))
    matter_level1 = models.CharField(_("公开事项（一级）"), max_length=200)
    matter_level2 = models.CharField(_("公开事项（二级）"), max_length=200, blank=True)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("公开时限（工作日）"), null=True, blank=True)
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channel = models.CharField(_("公开渠道和载体"), max_length=300, blank=True)
    audience = models.CharField(_("公开对象"), max_length=50, blank=True)
    manner = models.CharField(_("公开方式"), max_length=50, blank=True)
    level = models.CharField(_("公开层级"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录事项")
        ordering = ["directory", "position"]
        constraints = [
            models.UniqueConstraint(fields=["directory", "position"], name="catalogue_line_position"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_level1}／{self.matter_level2}" if self.matter_level2 else self.matter_level1


class Entry(models.Model):
    """A catalogue entry of a unit: its permanent 索引号, public status and the version the public sees."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="catalogue_entries"
    )
    index_number = models.CharField(_("索引号"), max_length=30, unique=True, null=True, blank=True)
    index_year = models.PositiveSmallIntegerField(_("索引号年份"), null=True, blank=True)
    index_serial = models.PositiveIntegerField(_("索引号流水号"), null=True, blank=True)
    status = models.CharField(
        _("公开状态"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.UNPUBLISHED, db_index=True
    )
    current = models.ForeignKey(
        "Version",
        verbose_name=_("当前公开版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="unpublished") | models.Q(index_number__isnull=False),
                name="catalogue_entry_published_has_index",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "published_on"], name="catalogue_entry_unit_status")]

    def __str__(self) -> str:
        title = self.current.title if self.current_id and self.current else f"条目{self.pk}"
        return f"{self.index_number or '（未发布）'} {title}"

    def get_absolute_url(self) -> str:
        """The staff page of the entry."""
        from django.urls import reverse

        return reverse("catalogue:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Whether the public sees this entry."""
        return self.status == EntryStatus.PUBLISHED

    def latest_version(self) -> Version | None:
        """The newest version (the open draft or correction if there is one)."""
        return self.versions.order_by("-number").first()

    def open_version(self) -> Version | None:
        """The version on its way to publication (draft, submitted, approved or scheduled), if any."""
        open_states = [s.value for s in (State.DRAFT, State.SUBMITTED, State.APPROVED, State.SCHEDULED)]
        return self.versions.filter(state__in=open_states).order_by("-number").first()


class Version(models.Model):
    """The content and review record of one version of an entry; a correction is a new version."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本号"), default=1)
    state = models.CharField(
        _("状态"), max_length=20, choices=[(s.value, label) for s, label in STATE_LABELS.items()], db_index=True
    )
    title = models.CharField(_("名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    formed_on = models.DateField(_("生成日期"), null=True, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=100, blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    theme = models.CharField(_("主题分类"), max_length=50, choices=choices(THEMES), default="综合政务")
    genre = models.CharField(_("体裁分类"), max_length=20, choices=choices(GENRES), default="其他")
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=choices(EntryKind), default=EntryKind.OTHER.value)
    item = models.CharField(_("公开事项（条例第二十条、第二十一条）"), max_length=20, choices=ITEMS, default="other")
    directory_line = models.ForeignKey(
        DirectoryLine,
        verbose_name=_("标准目录事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versions",
    )
    validity = models.CharField(_("有效性"), max_length=10, choices=choices(Validity), default=Validity.VALID.value)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    lapsed_on = models.DateField(_("失效日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    correction_note = models.TextField(_("更正说明"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("起草时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_back_reason = models.TextField(_("退回理由"), blank=True)
    publish_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("版本")
        verbose_name_plural = _("版本")
        ordering = ["entry", "number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="catalogue_version_number")]

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}版）"

    @property
    def state_label(self) -> str:
        """The state in Chinese."""
        return STATE_LABELS[State(self.state)]


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random path per upload; the extension comes from the detected type, never from the uploaded name."""
    return f"catalogue/{timezone.localdate().year}/{secrets.token_hex(16)}.{instance.extension}"


class Attachment(models.Model):
    """A file of a version: PDF, DOCX, XLSX or image, with its text extracted at upload for search and the scan."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=200)
    extension = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    extracted_text = models.TextField(_("提取的文字"), blank=True)
    pages = models.JSONField(_("分页文字"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return self.name


class ScanFinding(models.Model):
    """One finding of the pre-publication scan of a version, and its acknowledgement by the reviewer."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("类别"), max_length=30)
    excerpt = models.CharField(_("内容（已遮蔽）"), max_length=200)
    place = models.CharField(_("位置"), max_length=300)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledgement_note = models.CharField(_("确认说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("发布前检查发现")
        verbose_name_plural = _("发布前检查发现")
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.place}"


class UnitYearFigures(models.Model):
    """Table 二's figures kept in other systems, per unit and year (spec catalogue.md §7), with their source."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing = models.PositiveIntegerField(_("行政许可本年处理决定数量"), default=0)
    punishment = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), default=0)
    coercion = models.PositiveIntegerField(_("行政强制本年处理决定数量"), default=0)
    fees = models.DecimalField(_("行政事业性收费本年收费金额（万元）"), max_digits=14, decimal_places=4, default=0)
    source = models.CharField(_("数据来源"), max_length=300)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("表二填报数据")
        verbose_name_plural = _("表二填报数据")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="catalogue_figures_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"
