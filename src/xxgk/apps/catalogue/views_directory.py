"""Staff pages of standard directories: import a directory for units, and a unit's coverage line by line."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.apps.cases.ledger import LedgerFileError, read_ledger_bytes
from xxgk.apps.catalogue.directory import DIRECTORY_ROLES, directory_coverage, directory_import
from xxgk.apps.catalogue.views import _unit
from xxgk.apps.units.access import can_act, require_act
from xxgk.apps.workcalendar.selectors import load_calendar
from xxgk.core.catalogue.directory import DIRECTORY_COLUMNS, parse_directory

MAX_DIRECTORY_BYTES = 10 * 1024 * 1024


class DirectoryForm(forms.Form):
    """A directory file with its area and title."""

    area = forms.CharField(
        label=gettext_lazy("领域"), max_length=100, help_text=gettext_lazy("例如：社会救助、财政预决算")
    )
    title = forms.CharField(label=gettext_lazy("目录名称"), max_length=200)
    file = forms.FileField(label=gettext_lazy("目录文件（CSV 或 XLSX）"))


@login_required
def directory_index(request: HttpRequest) -> HttpResponse:
    """The directories of the current unit; reviewers and unit administrators import one."""
    unit = _unit(request)
    can_import = can_act(request.user, unit, *DIRECTORY_ROLES)
    form = DirectoryForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST":
        require_act(request.user, unit, *DIRECTORY_ROLES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_DIRECTORY_BYTES:
                problems.append(_("目录文件不能超过10MB。"))
            else:
                try:
                    table = read_ledger_bytes(upload.read(), xlsx=upload.name.lower().endswith(".xlsx"))
                except LedgerFileError as exc:
                    problems.append(str(exc))
                else:
                    result = parse_directory(table.headers, table.records)
                    problems += [f"第1行（表头）：{e}" for e in result.header_errors]
                    problems += [f"第{line}行：{'；'.join(errors)}" for line, errors in result.refused]
                    if not problems:
                        directory = directory_import(
                            actor=request.user,
                            area=form.cleaned_data["area"],
                            title=form.cleaned_data["title"],
                            rows=result.rows,
                            units=[unit],
                            source_name=upload.name,
                        )
                        messages.success(
                            request, _("已导入“%(t)s”，共%(n)d项。") % {"t": directory.title, "n": len(result.rows)}
                        )
                        return redirect("catalogue:coverage")
    context = {
        "unit": unit,
        "directories": unit.directories.order_by("area", "pk"),
        "form": form,
        "can_import": can_import,
        "problems": problems,
        "columns": list(DIRECTORY_COLUMNS),
    }
    return render(request, "catalogue/directories.html", context)


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    """Line by line: what the current unit published against its directories in a year, what is missing or late."""
    unit = _unit(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), 2100)
    data = directory_coverage(
        unit=unit, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), today=today, calendar=load_calendar()
    )
    context = {"unit": unit, "year": year, "data": data, "years": list(range(today.year, today.year - 6, -1))}
    return render(request, "catalogue/coverage.html", context)
