"""Models of the workcalendar app: the project's own working-day calendar and its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleYear(models.Model):
    """A year whose State Council holiday schedule (放假安排) has been entered."""

    class Source(models.TextChoices):
        CHINESECALENDAR = "chinesecalendar", _("chinesecalendar 软件包")
        MANUAL = "manual", _("人工录入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(_("通知名称"), max_length=300, blank=True)
    notice_number = models.CharField(_("文号"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")

    def __str__(self) -> str:
        return f"{self.year}"


class CalendarDay(models.Model):
    """A day whose status a schedule fixes: a holiday/rest day, or a weekend working day (补班).

    ``year`` is the year of the schedule that fixes the day: a 元旦 range of 2027
    may begin on 2026-12-31, and that day belongs to the 2027 schedule.
    """

    date = models.DateField(_("日期"), unique=True)
    year = models.PositiveSmallIntegerField(_("年份"), db_index=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")

    def __str__(self) -> str:
        return f"{self.date} {'班' if self.is_workday else '休'} {self.name}"

    def save(self, *args, **kwargs) -> None:
        if self.year is None:
            self.year = self.date.year
        super().save(*args, **kwargs)


class CalendarChange(models.Model):
    """One change to the calendar: which date, from what to what, by whom, when, on which notice."""

    date = models.DateField(_("日期"), db_index=True)
    old_value = models.CharField(_("原值"), max_length=120, blank=True)
    new_value = models.CharField(_("新值"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(_("变更时间"), auto_now_add=True)
    notice = models.CharField(_("依据通知"), max_length=400, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("日历变更记录")
        verbose_name_plural = _("日历变更记录")

    def __str__(self) -> str:
        return f"{self.date}: {self.old_value} → {self.new_value}"
