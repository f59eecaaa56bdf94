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
