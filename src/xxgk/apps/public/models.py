"""Models of the public column: each unit's editable guide and rules text, and the full-text search index.

``SearchDocument`` is a denormalised copy of what a search result shows,
filled from the catalogue's ``entry_published`` / ``entry_withdrawn`` signals
(``index.py``), so that a search reads one table. Its ``title_tokens`` and
``body_tokens`` hold the jieba-segmented words joined by spaces; the database
indexes them with its own engine, created by migration 0002:

- SQLite: an FTS5 table ``public_search_fts`` over these two columns (external
  content, kept in step by triggers), ranked by bm25;
- PostgreSQL: a stored generated ``search_vector`` tsvector ('simple' config,
  title weighted A, body B) with a GIN index, ranked by ts_rank.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["DisclosurePages", "SearchDocument"]

MAX_PAGE_TEXT = 20_000  # characters of each editable text


class DisclosurePages(models.Model):
    """What a unit writes itself on its column: parts of the guide (条例第十二条) and its disclosure rules."""

    unit = models.OneToOneField(
        "units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="disclosure_pages"
    )
    arrangement = models.TextField(_("政府信息的分类、编排体系和获取方式"), blank=True)
    guide_notes = models.TextField(_("指南其他说明"), blank=True)
    rules = models.TextField(_("政府信息公开制度"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("公开指南与制度")
        verbose_name_plural = _("公开指南与制度")

    def __str__(self) -> str:
        return f"{self.unit}"


class SearchDocument(models.Model):
    """One catalogue entry as the search index holds it: the result's fields, the filters and the words."""

    entry_id = models.BigIntegerField(_("目录条目"), unique=True)
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    index_number = models.CharField(_("索引号"), max_length=30, blank=True)
    title = models.CharField(_("名称"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    published_on = models.DateField(_("发布日期"), null=True)
    year = models.PositiveSmallIntegerField(_("发布年度"), null=True)
    theme = models.CharField(_("主题分类"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, blank=True)
    item = models.CharField(_("公开事项"), max_length=20, blank=True)
    is_public = models.BooleanField(_("公众可见"), default=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    text = models.TextField(_("摘要、正文和附件文字"), blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), default=timezone.now)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        indexes = [
            models.Index(fields=["is_public", "unit", "published_on"], name="public_search_unit"),
            models.Index(fields=["is_public", "published_on"], name="public_search_date"),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"
