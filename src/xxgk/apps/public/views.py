"""Pages of the public 政府信息公开 column (no login) and the staff search and text editing.

Views are thin: they read through ``selectors`` / ``search`` and render. A
withdrawn, unpublished or foreign entry is a plain 404 to the public.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xxgk.apps.catalogue.selectors import public_entries
from xxgk.apps.public import selectors
from xxgk.apps.public.forms import DisclosurePagesForm, SearchForm
from xxgk.apps.public.search import SearchResult, catalogue_search, published_years
from xxgk.apps.public.services import disclosure_pages_update
from xxgk.apps.units.access import unit_access, visible_units
from xxgk.apps.units.audit import client_ip
from xxgk.apps.units.models import Role, Unit
from xxgk.core.catalogue.metadata import ITEM_LABELS

__all__ = [
    "PAGE_SIZE",
    "attachment",
    "column",
    "content",
    "guide",
    "home",
    "item",
    "pages_edit",
    "rules",
    "search",
    "staff_search",
]

PAGE_SIZE = 20
BROWSE_TITLES = {"item": "按公开事项", "theme": "按主题分类", "line": "按标准目录"}


def _unit(unit_id: int) -> Unit:
    return get_object_or_404(Unit, pk=unit_id)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The county's home page: its units, each with its column, the newest publications and the search box."""
    context = {
        "county": selectors.county_root(),
        "rows": selectors.units_with_counts(),
        "latest": public_entries()[:10],
        "form": _search_form(request, data=None),
    }
    return render(request, "public/home.html", context)


@require_GET
def column(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's 政府信息公开 column: its sub-columns and its newest publications."""
    unit = _unit(unit_id)
    context = {"unit": unit, "latest": public_entries(unit=unit)[:10], "items": selectors.column_facets(unit, "item")}
    return render(request, "public/column.html", context)


@require_GET
def guide(request: HttpRequest, unit_id: int) -> HttpResponse:
    """政府信息公开指南 (条例第十二条), generated from the unit's data and completed by its own texts."""
    unit = _unit(unit_id)
    context = {
        "unit": unit,
        "pages": selectors.disclosure_pages(unit),
        "items": selectors.column_facets(unit, "item"),
        "themes": selectors.column_facets(unit, "theme"),
    }
    return render(request, "public/guide.html", context)


@require_GET
def rules(request: HttpRequest, unit_id: int) -> HttpResponse:
    """政府信息公开制度: the unit's own rules text."""
    unit = _unit(unit_id)
    return render(request, "public/rules.html", {"unit": unit, "pages": selectors.disclosure_pages(unit)})


@require_GET
def content(request: HttpRequest, unit_id: int) -> HttpResponse:
    """法定主动公开内容: the unit's published entries, browsed by 第二十条 item, by theme or by directory line."""
    unit = _unit(unit_id)
    by = request.GET.get("by", "item")
    if by not in selectors.BROWSE_KINDS:
        by = "item"
    key = request.GET.get("key", "")[:100]
    label = selectors.facet_label(unit, by, key) if key else None
    if key and label is None:
        raise Http404("no such facet")
    page = Paginator(selectors.browse_entries(unit, kind=by, key=key), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "by": by,
        "key": key,
        "label": label,
        "browse_titles": BROWSE_TITLES,
        "facets": selectors.column_facets(unit, by),
        "page": page,
    }
    return render(request, "public/content.html", context)


@require_GET
def item(request: HttpRequest, unit_id: int, pk: int) -> HttpResponse:
    """One published entry with its metadata table, text, attachments and version history."""
    unit = _unit(unit_id)
    entry = selectors.public_entry(unit, pk)
    if entry is None:
        raise Http404("not public")
    context = {
        "unit": unit,
        "entry": entry,
        "version": entry.current,
        "item_label": ITEM_LABELS.get(entry.current.item, ""),
        "history": selectors.published_history(entry),
    }
    return render(request, "public/item.html", context)


@require_GET
def attachment(request: HttpRequest, unit_id: int, pk: int, attachment_id: int) -> FileResponse:
    """Download an attachment of a published entry's current version."""
    entry = selectors.public_entry(_unit(unit_id), pk)
    found = selectors.public_attachment(entry, attachment_id) if entry is not None else None
    if found is None:
        raise Http404("not public")
    try:
        handle = found.file.open("rb")
    except OSError as exc:
        raise Http404("file missing") from exc
    response = FileResponse(handle, as_attachment=True, filename=found.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _search_form(request: HttpRequest, *, data: object, units: object = None) -> SearchForm:
    units = units if units is not None else Unit.objects.order_by("name")
    return SearchForm(data, units=units, years=published_years())


def _run_search(form: SearchForm, *, public: bool, allowed: tuple[int, ...] | None) -> tuple[SearchResult | None, int]:
    if not form.is_valid() or not form.cleaned_data.get("q"):
        return None, 1
    number = form.cleaned_data.get("page") or 1
    result = catalogue_search(
        form.cleaned_data["q"],
        filters=form.filters(public=public, allowed_unit_ids=allowed),
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    return result, number


def _render_search(request: HttpRequest, template: str, form: SearchForm, result: SearchResult | None, number: int):
    pages = 0
    if result is not None:
        pages = min(50, (min(result.total, 1000) + PAGE_SIZE - 1) // PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "result": result, "number": number, "pages": pages, "query": query.urlencode()}
    return render(request, template, context, status=400 if form.errors else 200)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The public search: published entries only, ranked, with the query words marked."""
    form = _search_form(request, data=request.GET or None)
    result, number = _run_search(form, public=True, allowed=None)
    return _render_search(request, "public/search.html", form, result, number)


@login_required
@require_GET
def staff_search(request: HttpRequest) -> HttpResponse:
    """The staff search: published and withdrawn entries of the units the user may see."""
    units = visible_units(request.user).order_by("name")
    form = _search_form(request, data=request.GET or None, units=units)
    result, number = _run_search(form, public=False, allowed=tuple(units.values_list("pk", flat=True)))
    return _render_search(request, "public/staff_search.html", form, result, number)


@unit_access(Role.UNIT_ADMIN, Role.REVIEWER)
@require_http_methods(["GET", "POST"])
def pages_edit(request: HttpRequest, unit: Unit) -> HttpResponse:
    """Edit the unit's own parts of the guide and its rules (unit administrators and reviewers)."""
    form = DisclosurePagesForm(request.POST or None, instance=selectors.disclosure_pages(unit))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in DisclosurePagesForm.Meta.fields}
        disclosure_pages_update(actor=request.user, unit=unit, ip=client_ip(request), **changes)
        messages.success(request, _("公开指南和制度已保存，公众页面已更新。"))
        return redirect("public:guide", unit_id=unit.pk)
    return render(request, "public/pages_edit.html", {"unit": unit, "form": form}, status=400 if form.errors else 200)
