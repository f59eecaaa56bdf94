"""Security: deployment checks, CSP and other headers, error pages, no external URLs."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.web.middleware import DEFAULT_CSP

WEB = Path(__file__).resolve().parents[2] / "src" / "xxgk"


def _production_env(tmp_path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XXGK_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        XXGK_PRODUCTION="1",
        XXGK_SECRET_KEY=secrets.token_urlsafe(50),
        XXGK_ALLOWED_HOSTS="xxgk.example.gov.cn",
        XXGK_DATA_DIR=str(tmp_path),
        XXGK_EMAIL_BACKEND="smtp",
        DJANGO_SETTINGS_MODULE="xxgk.web.settings",
    )
    return env


@pytest.mark.slow
def test_check_deploy_is_clean_in_production(tmp_path):
    cmd = [sys.executable, "-m", "xxgk.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(cmd, env=_production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["XXGK_SECRET_KEY"]
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "XXGK_SECRET_KEY" in result.stderr


def _setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.EMAIL_BACKEND)"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"XXGK_SECRET_KEY": "short-key"}, "至少应有50个随机字符"),
        ({"XXGK_SECRET_KEY": "a" * 60}, "至少应有50个随机字符"),
        ({"XXGK_DEBUG": "1"}, "不能开启调试模式"),
        ({"XXGK_EMAIL_BACKEND": None}, "XXGK_EMAIL_BACKEND"),
        ({"XXGK_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "不能使用控制台输出"),
    ],
)
def test_production_fails_closed(tmp_path, changes, message):
    env = _production_env(tmp_path)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    result = _setup(env)
    assert result.returncode != 0 and message in result.stderr, result.stderr[-2000:]


def test_production_settings_derive_csrf_origins_and_take_a_real_mail_backend(tmp_path):
    env = _production_env(tmp_path)
    env["XXGK_EMAIL_BACKEND"] = "file"
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DEBUG, settings.EMAIL_BACKEND, settings.CSRF_TRUSTED_ORIGINS, settings.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 2)[:2] == ["False", "django.core.mail.backends.filebased.EmailBackend"]
    assert "['https://xxgk.example.gov.cn'] 31536000" in result.stdout


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_while_streaming(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.XXGK_MAX_UPLOAD = 1024 * 1024
    big = SimpleUploadedFile("台账.csv", b"x" * (2 * 1024 * 1024))
    response = client.post(reverse("units:login"), {"username": "u", "password": "x", "file": big})
    assert response.status_code == 400
    assert "超过系统允许的大小" in response.content.decode()


@pytest.mark.django_db
def test_every_response_has_a_csp_and_safe_headers(client):
    response = client.get("/login/")
    assert response["Content-Security-Policy"] == DEFAULT_CSP
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_login_form_has_a_csrf_token_and_csrf_is_enforced(client):
    from django.test import Client

    assert 'name="csrfmiddlewaretoken"' in client.get("/login/").content.decode()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/login/", {"username": "a", "password": "b"}).status_code == 403


@pytest.mark.django_db
def test_404_page_is_chinese(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_500_page_renders_without_a_request():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "系统错误" in html


@pytest.mark.django_db
def test_htmx_is_served_locally(client):
    from django.contrib.staticfiles import finders

    path = finders.find("vendor/htmx.min.js")
    assert path and "htmx" in Path(path).read_text(encoding="utf-8")[:200]


def test_no_inline_script_or_external_url_in_templates():
    templates = list(WEB.rglob("templates/**/*.html"))
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {template}"
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {template}"
        assert not re.search(r"(src|href)=\"(https?:)?//", text), f"external URL in {template}"


@pytest.mark.django_db
def test_static_files_are_served_by_the_application(client):
    response = client.get("/static/xxgk/xxgk.css")
    assert response.status_code == 200
    assert b"--red" in b"".join(response.streaming_content)
