"""Pages of the workcalendar app: the year view, entering a schedule, uploading a list, the history.

Everyone signed in may look; only a system administrator (superuser) may enter a schedule.
"""

from __future__ import annotations

import calendar as pycalendar
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.apps.workcalendar.forms import (
    HolidayRangeFormSet,
    ListUploadForm,
    NoticeForm,
    WorkdaysForm,
    holiday_initial,
)
from xxgk.apps.workcalendar.models import CalendarChange
from xxgk.apps.workcalendar.selectors import load_calendar, schedule_years
from xxgk.apps.workcalendar.services import ScheduleError, schedule_enter, schedule_import_list
from xxgk.core.calendar.explain import PROVISIONAL_MARK
from xxgk.core.calendar.holidays import FIRST_YEAR, LAST_YEAR
from xxgk.core.calendar.workdays import DayKind, WorkCalendar

KIND_LABELS = {DayKind.WORKDAY: "", DayKind.WEEKEND: "", DayKind.HOLIDAY: "休", DayKind.MAKEUP: "班"}


def admin_required(view):
    """Only a system administrator (superuser) may use ``view``; others get 403."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied(_("只有系统管理员可以录入放假安排。"))
        return view(request, *args, **kwargs)

    return wrapper


def month_grid(calendar: WorkCalendar, year: int, month: int) -> list[list[dict | None]]:
    """The weeks of a month (Monday first); each day with its kind, mark and name, None outside the month."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row: list[dict | None] = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            kind = calendar.kind(day)
            row.append({"date": day, "kind": kind.value, "mark": KIND_LABELS[kind], "name": calendar.name(day)})
        weeks.append(row)
    return weeks


@login_required
def year_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """A year of the calendar, a month grid per month; provisional years are marked."""
    year = year or timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("仅支持%(first)s–%(last)s年。") % {"first": FIRST_YEAR, "last": LAST_YEAR})
    calendar = load_calendar()
    months = [{"number": m, "weeks": month_grid(calendar, year, m)} for m in range(1, 13)]
    context = {
        "year": year,
        "months": months,
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        "schedule": schedule_years().get(year),
        "provisional": year not in calendar.years_with_schedule,
        "provisional_mark": PROVISIONAL_MARK,
        "can_enter": request.user.is_superuser,
        "prev_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }
    return render(request, "workcalendar/year.html", context)


@admin_required
def schedule_form(request: HttpRequest) -> HttpResponse:
    """Enter a year's schedule: holiday ranges with names, 补班 days, and the notice."""
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year + 1)
    except ValueError:
        year = timezone.localdate().year + 1
    data = request.POST if request.method == "POST" else None
    notice_form = NoticeForm(data, initial={"year": year, "notice": f"国务院办公厅关于{year}年部分节假日安排的通知"})
    formset = HolidayRangeFormSet(data, initial=holiday_initial(year), prefix="h")
    workdays_form = WorkdaysForm(data)
    if data is not None and notice_form.is_valid() and formset.is_valid() and workdays_form.is_valid():
        ranges = [
            (f.cleaned_data["start"], f.cleaned_data["end"], f.cleaned_data["name"])
            for f in formset
            if f.cleaned_data.get("start")
        ]
        try:
            schedule_enter(
                year=notice_form.cleaned_data["year"],
                holidays=ranges,
                workdays=workdays_form.cleaned_data["workdays"],
                notice=notice_form.cleaned_data["notice"],
                notice_number=notice_form.cleaned_data["notice_number"],
                user=request.user,
            )
        except ScheduleError as exc:
            notice_form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(year)s年放假安排已录入。") % {"year": notice_form.cleaned_data["year"]})
            return HttpResponseRedirect(reverse("workcalendar:year", args=[notice_form.cleaned_data["year"]]))
    context = {"year": year, "notice_form": notice_form, "formset": formset, "workdays_form": workdays_form}
    return render(request, "workcalendar/enter.html", context)


@admin_required
def schedule_upload(request: HttpRequest) -> HttpResponse:
    """Enter a year's schedule from an uploaded list (lines ``date,type[,name]``)."""
    year = timezone.localdate().year + 1
    form = ListUploadForm(request.POST or None, request.FILES or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            schedule_import_list(
                year=form.cleaned_data["year"],
                text=form.cleaned_data["text"],
                notice=form.cleaned_data["notice"],
                notice_number=form.cleaned_data["notice_number"],
                user=request.user,
            )
        except ScheduleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(year)s年放假安排已导入。") % {"year": form.cleaned_data["year"]})
            return HttpResponseRedirect(reverse("workcalendar:year", args=[form.cleaned_data["year"]]))
    return render(request, "workcalendar/upload.html", {"form": form})


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """The change history of the calendar, newest first."""
    changes = CalendarChange.objects.select_related("user")
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    return render(request, "workcalendar/history.html", {"page": page})
