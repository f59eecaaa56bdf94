"""The demo reports: 2024 imported for every unit, 2025 in every state the county view distinguishes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from xxgk.apps.reports.county import county_view
from xxgk.apps.reports.models import AnnualReport
from xxgk.apps.reports.selectors import live_report
from xxgk.apps.units.demo import load_demo
from xxgk.apps.units.models import Unit
from xxgk.apps.workcalendar.selectors import load_calendar

pytestmark = pytest.mark.django_db


def test_the_demo_county_shows_every_state_and_runs_twice(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    load_demo()
    county = Unit.objects.get(name="示例县人民政府")
    view = county_view(unit=county, year=2025, today=dt.date(2026, 1, 28), calendar=load_calendar())
    status = {row.unit.name: row for row in view.rows}
    assert status["勍香镇人民政府"].status_label == "已公布"
    assert status["青石镇人民政府"].status == "submitted"
    assert status["示例县自然资源局"].status == "draft"
    assert status["示例县城关街道办事处"].status == "not_started"
    later = county_view(unit=county, year=2025, today=dt.date(2026, 2, 10), calendar=load_calendar())
    assert {row.unit.name: row.status_label for row in later.rows}["示例县教育局"] == "已公布（逾期公布）"
    assert AnnualReport.objects.filter(year=2024, imported=True).count() == len(view.rows)
    draft = AnnualReport.objects.get(unit__name="示例县自然资源局", year=2025)
    from xxgk.apps.reports.checks import run_checks

    failed = run_checks(live_report(draft.unit, 2025, draft), None, []).blocking
    assert [r.rule for r in failed] == ["TEXT-NUMBERS"]
    town = Unit.objects.get(name="勍香镇人民政府")
    page = Client().get(f"/gk/{town.pk}/nianbao/2025/").content.decode()
    assert "2026年1月22日" in page and "新收政府信息公开申请" in page
