"""Journey: a reviewer imports a ledger through the web UI, sees table 三 with every rule passing, downloads the PDF."""

from __future__ import annotations

import pytest

from tests.apps.reports.ledger_data import EXPECTED_2025, ROWS, ledger_csv
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory
from xxgk.apps.units.models import Role


@pytest.fixture
def reviewer(transactional_db):
    """A reviewer of 勍香镇人民政府."""
    unit = UnitFactory(name="勍香镇人民政府")
    user = UserFactory(username="qx_reviewer")
    MembershipFactory(user=user, unit=unit, role=Role.REVIEWER)
    return user


def test_a_reviewer_imports_a_ledger_and_gets_a_checked_report(page, live_server, login, reviewer, tmp_path):
    ledger = tmp_path / "台账.csv"
    ledger.write_bytes(ledger_csv())
    login(page, live_server, "qx_reviewer", PASSWORD)
    page.goto(f"{live_server.url}/cases/ledger/")
    page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    with page.expect_navigation():
        page.click("#ledger-upload button[type=submit]")
    assert f"全部 {len(ROWS)} 行均可导入" in page.inner_text("#ledger-ok")
    assert "超期未办结" in page.inner_text("#ledger-flagged")
    with page.expect_navigation():
        page.click("#ledger-confirm button[type=submit]")

    assert "/reports/" in page.url and page.url.endswith("/2025/")
    assert f"已导入 {len(ROWS)} 件申请" in page.inner_text(".messages")
    for address, number in EXPECTED_2025.items():
        assert page.inner_text(f'#table3 td[data-address="{address}"]').strip() == str(number), address
    statuses = page.eval_on_selector_all("#checks tr.rule", "rows => rows.map(r => [r.dataset.rule, r.dataset.status])")
    # Sections 一/五/六 are still the generated drafts: only SECTION-DRAFT (a warning) may say so.
    assert statuses and {status for rule, status in statuses if rule != "SECTION-DRAFT"} <= {"pass", "not_assessable"}
    assert ["SECTION-DRAFT", "fail"] in statuses
    assert page.locator("#checks tr.rule--error").count() == 0
    assert "没有错误" in page.inner_text(".check-summary")

    with page.expect_download() as download_info:
        page.click('#downloads a[data-format="pdf"]')
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / "report.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    with page.expect_navigation():
        page.click('#table3 td[data-address="t3.granted.natural_person"] a')
    assert page.locator("#cell-cases tbody tr").count() == EXPECTED_2025["t3.granted.natural_person"]
    assert "张三" not in page.inner_text("#cell-cases") and "张*" in page.inner_text("#cell-cases")
