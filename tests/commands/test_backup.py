"""``xxgk backup`` and ``xxgk restore``: a restored demo instance keeps every case, letter, upload and ledger."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Everything a restore must keep, as one JSON document: every row of the legal record, every ledger export, every file.
SNAPSHOT = """
import django, hashlib, io, json
django.setup()
from django.conf import settings
from django.core import serializers
from django.apps import apps
from pathlib import Path
from xxgk.apps.cases.ledger import export_cases, write_ledger
from xxgk.apps.units.models import Unit
out = {}
for label in ("cases", "letters", "portal", "units"):
    models = apps.get_app_config(label).get_models()
    out[label] = serializers.serialize("json", [o for m in models for o in m.objects.order_by("pk")])
ledgers = {}
for unit in Unit.objects.order_by("pk"):
    text = io.StringIO()
    write_ledger(export_cases(unit), text)
    ledgers[unit.name] = text.getvalue()
out["ledgers"] = ledgers
media = Path(settings.MEDIA_ROOT)
out["media"] = {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(media.rglob("*")) if p.is_file()}
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""

UPLOAD = """
import django, io
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from xxgk.apps.portal.services import application_submit
from xxgk.apps.units.models import Unit
image = io.BytesIO()
Image.new("RGB", (60, 40), (10, 120, 200)).save(image, format="PNG")
data = {"applicant_type": "natural_person", "name": "备份测试人", "identity_type": "居民身份证",
        "identity_number": "11010519491231002X", "address": "示例县和平街8号", "phone": "13800000000",
        "email": "", "requested_form": "电子", "requested_channel": "网上获取", "declaration": True}
application_submit(unit=Unit.objects.get(name="勍香镇人民政府"), data=data,
                   items=[{"description": "2025年财政预算", "document_number": ""}],
                   identity_file=SimpleUploadedFile("id.png", image.getvalue()), identity_file_type="image/png",
                   ip="10.0.0.1")
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_") and k != "DATABASE_URL"}
    env.update(XXGK_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="xxgk.web.settings")
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=600)


def _xxgk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(env, "-m", "xxgk.cli", *args)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, str]:
    """A demo instance with one online application and its identity document, its backup and its snapshot."""
    env = _env(tmp_path_factory.mktemp("original"))
    made = _xxgk(env, "demo")
    assert made.returncode == 0, made.stderr
    uploaded = _run(env, "-c", UPLOAD)
    assert uploaded.returncode == 0, uploaded.stderr
    archive = tmp_path_factory.mktemp("backups") / "xxgk.tar.gz"
    result = _xxgk(env, "backup", "-o", str(archive))
    assert result.returncode == 0, result.stderr
    assert "已备份到" in result.stdout
    snapshot = _run(env, "-c", SNAPSHOT)
    assert snapshot.returncode == 0, snapshot.stderr
    return env, archive, snapshot.stdout


def test_a_restored_instance_has_identical_cases_letters_uploads_and_ledgers(demo, tmp_path):
    _, archive, original = demo
    env = _env(tmp_path / "restored")
    result = _xxgk(env, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "校验和与记录数均已核对" in result.stdout
    restored = _run(env, "-c", SNAPSHOT)
    assert restored.returncode == 0, restored.stderr
    before, after = json.loads(original), json.loads(restored.stdout)
    assert any(name.startswith("portal/identity/") for name in before["media"])
    assert json.loads(before["cases"]) and json.loads(before["letters"]) and any(before["ledgers"].values())
    assert before == after


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path):
    _, archive, _ = demo
    env = _env(tmp_path / "used")
    assert _xxgk(env, "restore", str(archive)).returncode == 0
    again = _xxgk(env, "restore", str(archive))
    assert again.returncode == 2 and "不是空的" in again.stderr and "Traceback" not in again.stderr


def test_restore_refuses_a_damaged_archive(demo, tmp_path):
    _, archive, _ = demo
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            if member.name.startswith("media/"):
                data = b"changed" + data
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    result = _xxgk(_env(tmp_path / "target"), "restore", str(damaged))
    assert result.returncode == 2 and "校验和不符" in result.stderr
    assert not (tmp_path / "target" / "media").exists() or not any((tmp_path / "target" / "media").rglob("*.png"))
