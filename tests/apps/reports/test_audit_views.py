"""Web audits: a supervisor uploads a ZIP, the audit runs in the background, progress is polled, results download."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED
from xxgk.apps.reports import audits
from xxgk.apps.reports.audit_output import audit_csv
from xxgk.documents.audit import collect, run_audit


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def reports_zip(tmp_path: Path) -> Path:
    target = tmp_path / "某县2024.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SEED, "勍香镇/2022.txt")
        archive.write(CORPUS / "huaian-hongze-2024.pdf", "洪泽区/2024.pdf")
        archive.writestr("损坏.pdf", b"%PDF-1.7\n%%EOF\n")
    return target


def upload(client, path: Path):
    with path.open("rb") as handle:
        return client.post("/reports/audit/", {"archive": handle})


def wait_done(client, job_id: str, seconds: float = 240) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fragment = client.get(f"/reports/audit/{job_id}/progress/").content.decode()
        if 'data-status="done"' in fragment or "核查未能完成" in fragment:
            return fragment
        assert 'hx-trigger="every 2s"' in fragment  # still polling while it runs
        time.sleep(0.2)
    raise AssertionError("the audit did not finish")


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_uploads_a_zip_and_downloads_the_same_rows_as_the_command(client_for, tmp_path: Path) -> None:
    client = client_for("supervisor")
    archive = reports_zip(tmp_path)
    response = upload(client, archive)
    assert response.status_code == 302
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    page = client.get(f"/reports/audit/{job_id}/").content.decode()
    assert "某县2024.zip" in page
    fragment = wait_done(client, job_id)
    assert "核查完成：共 3 个文件，0 个有错误，1 个无法读取。" in fragment and "hx-trigger" not in fragment
    download = client.get(f"/reports/audit/{job_id}/download/csv/")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    expected = audit_csv(run_audit(collect([archive])).rows)
    assert b"".join(download.streaming_content) == expected
    html = b"".join(client.get(f"/reports/audit/{job_id}/download/html/").streaming_content).decode()
    assert "<svg" in html and "洪泽区/2024.pdf" in html
    xlsx = client.get(f"/reports/audit/{job_id}/download/xlsx/")
    assert xlsx.status_code == 200
    assert "某县2024.zip" in client.get("/reports/audit/").content.decode()
    rows = list(csv.reader(io.StringIO(expected.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["勍香镇/2022.txt", "损坏.pdf", "洪泽区/2024.pdf"]


@pytest.mark.django_db
def test_the_menu_offers_the_audit_to_supervisors_only(client_for) -> None:
    assert 'data-nav="audit"' in client_for("supervisor").get("/reports/audit/").content.decode()
    assert 'data-nav="audit"' not in client_for("reviewer").get("/cases/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reviewer", "handler", "stranger"])
def test_only_supervisors_may_audit(client_for, who: str, tmp_path: Path) -> None:
    client = client_for(who)
    assert client.get("/reports/audit/").status_code == 403
    assert upload(client, reports_zip(tmp_path)).status_code == 403


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in(client) -> None:
    response = client.get("/reports/audit/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_another_persons_audit_is_not_found(client_for, people, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(audits, "enqueue", lambda name, **kwargs: None)  # no need to run it here
    job = audits.start_audit(people["supervisor"], "a.zip", [reports_zip(tmp_path).read_bytes()], 10)
    from tests.factories import MembershipFactory, UserFactory

    other = UserFactory(username="other-supervisor")
    MembershipFactory(user=other, unit=people["supervisor"].memberships.first().unit, role="unit_admin",
                      is_supervisor=True)  # fmt: skip
    client = client_for("supervisor")
    client.force_login(other)
    assert client.get(f"/reports/audit/{job.id}/").status_code == 404
    assert client.get(f"/reports/audit/{job.id}/download/csv/").status_code == 404
    assert client.get("/reports/audit/../../etc/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7 not a zip", "不是 ZIP 压缩包"),
        (None, "没有可核查的报告文件"),
    ],
)
def test_a_bad_upload_is_refused_in_chinese(client_for, tmp_path: Path, content, words, data_dir: Path) -> None:
    path = tmp_path / "bad.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.csv", "a,b\n")
    else:
        path.write_bytes(content)
    response = upload(client_for("supervisor"), path)
    assert response.status_code == 400 and words in response.content.decode()
    assert not any((data_dir / "audits").iterdir())  # nothing kept of a refused upload


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused(client_for, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(audits, "MAX_UPLOAD_BYTES", 100)
    response = upload(client_for("supervisor"), reports_zip(tmp_path))
    assert response.status_code == 400 and "上传的文件超过" in response.content.decode()
