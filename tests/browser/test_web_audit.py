"""Journey: a county supervisor uploads a ZIP of reports, watches the audit progress, downloads the dashboard."""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import CORPUS, SEED
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory
from xxgk.core.units import UnitKind


@pytest.fixture
def supervisor(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    county = UnitFactory(name="某县人民政府", kind=UnitKind.GOVERNMENT.value)
    user = UserFactory(username="county_supervisor")
    MembershipFactory(user=user, unit=county, role="unit_admin", is_supervisor=True)
    return user


def test_a_supervisor_audits_a_zip_in_the_background(page, live_server, login, supervisor, tmp_path):
    archive = tmp_path / "全县年报.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(SEED, "勍香镇/2022.txt")
        out.write(CORPUS / "huaian-hongze-2024.pdf", "洪泽区/2024.pdf")
    login(page, live_server, "county_supervisor", PASSWORD)
    page.goto(f"{live_server.url}/reports/audit/")
    page.set_input_files("#archive", str(archive))
    with page.expect_navigation():
        page.click("#audit-upload button[type=submit]")
    assert "全县年报.zip" in page.inner_text("h1")
    # htmx polls the progress fragment until the audit is done, then shows the downloads
    page.wait_for_selector('[data-status="done"]', timeout=180_000)
    assert "核查完成：共 2 个文件，0 个有错误，0 个无法读取。" in page.inner_text("#audit-progress")
    assert page.locator("#audit-progress td", has_text="淮安市洪泽区人民政府").count() == 1
    with page.expect_download() as download:
        page.click('[data-download="html"]')
    dashboard = tmp_path / "dashboard.html"
    download.value.save_as(dashboard)
    page.goto(dashboard.as_uri())
    assert page.locator('[data-total="文件"] b').inner_text() == "2"
    assert page.locator("svg.chart").first.is_visible()
