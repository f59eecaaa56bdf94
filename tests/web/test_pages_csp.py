"""Served pages keep to the Content-Security-Policy: no inline style attributes, scripts or event handlers.

The CSP (``style-src 'self'``, ``script-src 'self'``) makes the browser refuse
them, so a page relying on one looks or works wrong and logs console errors.
The pages are rendered from the demo data (``xxgk demo``), as a person sees them.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from xxgk.apps.units.models import Unit
from xxgk.cli import main

pytestmark = pytest.mark.django_db

_STYLE_ATTR = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.S)
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)


def csp_offences(html: str) -> list[str]:
    """What in a served page the CSP would refuse: each inline style, inline script and event handler found."""
    found = []
    for name, pattern in (("style", _STYLE_ATTR), ("script", _INLINE_SCRIPT), ("handler", _EVENT_HANDLER)):
        found += [f"{name}: {m.group(0)[:80]}" for m in pattern.finditer(html)]
    return found


@pytest.mark.parametrize(
    ("html", "offending"),
    [
        ('<table><col class="w"><td class="value">1</td></table>', False),
        ('<p data-style="x">style=</p><script src="/static/a.js"></script>', False),
        ('<table><col style="width:9%"></table>', True),
        ('<td class="value" style="font-size:8pt">123</td>', True),
        ("<script>alert(1)</script>", True),
        ('<button onclick="go()">x</button>', True),
    ],
)
def test_csp_offences_finds_exactly_what_the_browser_refuses(html, offending):
    assert bool(csp_offences(html)) is offending


def _pages(unit_id: int) -> dict[str, list[str]]:
    """Demo username → the pages that user opens, covering every staff app and the report tables."""
    return {
        "qx_guanli": [
            reverse("units:home"),
            reverse("units:detail", args=[unit_id]),
            reverse("units:edit", args=[unit_id]),
            reverse("units:staff", args=[unit_id]),
            reverse("workcalendar:current"),
            reverse("workcalendar:history"),
            reverse("cases:list"),
            reverse("cases:list") + "?list=due",
            reverse("cases_reviews:list"),
            reverse("cases_ledger:index"),
            reverse("reports:report", args=[unit_id, 2025]),
            reverse("reports:cell", args=[unit_id, 2025, "t3.granted.total"]),
            reverse("letters:templates", args=[unit_id]),
        ],
        "qx_dengji": [reverse("cases:register")],
    }


def test_the_demo_pages_carry_no_inline_style_script_or_handler(client, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    unit = Unit.objects.get(name="勍香镇人民政府")
    offences: dict[str, list[str]] = {}
    public = [reverse("portal:units"), reverse("portal:apply", args=[unit.pk]), reverse("units:login")]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        offences[url] = csp_offences(response.content.decode())
    for username, urls in _pages(unit.pk).items():
        client.force_login(get_user_model().objects.get(username=username))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            offences[url] = csp_offences(response.content.decode())
        client.logout()
    assert {url: found for url, found in offences.items() if found} == {}
