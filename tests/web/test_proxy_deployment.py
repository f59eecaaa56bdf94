"""The documented production deployment: ``xxgk serve`` behind a TLS-terminating reverse proxy.

A small reverse proxy on loopback stands in for nginx: it forwards every
request to the real ``xxgk serve`` (waitress, production settings) and adds
``X-Forwarded-Proto: https`` and ``X-Forwarded-For``, as a TLS proxy does. The
test signs in through it: no redirect loop, CSRF accepted, HSTS sent. A server
started without ``--trusted-proxy`` ignores the same headers.
"""

from __future__ import annotations

import http.client
import http.server
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

HOST = "xxgk.test"
PASSWORD = "proxy-deploy-2026-secret"
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_") and k != "DATABASE_URL"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        XXGK_PRODUCTION="1",
        XXGK_SECRET_KEY=secrets.token_urlsafe(50),
        XXGK_ALLOWED_HOSTS=HOST,
        XXGK_DATA_DIR=str(data_dir),
        XXGK_EMAIL_BACKEND="file",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    return env


def _xxgk(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else "server ended"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the server did not start")


def _proxy(upstream: int) -> tuple[http.server.ThreadingHTTPServer, int]:
    """A reverse proxy as a TLS terminator would be: it adds X-Forwarded-Proto: https and X-Forwarded-For."""

    class Forward(http.server.BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "x-forwarded-proto")}
            headers["X-Forwarded-Proto"] = "https"
            headers["X-Forwarded-For"] = self.client_address[0]
            connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in ("connection", "transfer-encoding", "content-length", "server", "date"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, int(server.server_address[1])


class Browser:
    """Just enough of a browser: keeps cookies, sends the Host and Origin an https page would."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, **extra: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": HOST, **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"})
            headers["Referer"] = f"https://{HOST}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")  # type: ignore[attr-defined]
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data_dir = tmp_path_factory.mktemp("proxied")
    env = _env(data_dir)
    _xxgk(env, "manage", "migrate", "--noinput", "-v", "0")
    _xxgk(env, "manage", "createsuperuser", "--noinput", "--username", "root", "--email", "root@example.cn")
    yield env


def _serve(env: dict[str, str], *extra: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "xxgk.cli", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for(port, process)
    return process, port


def test_sign_in_through_a_tls_proxy_works_without_loops(instance):
    server, upstream = _serve(instance, "--trusted-proxy", "127.0.0.1")
    proxy, port = _proxy(upstream)
    try:
        browser = Browser(port)
        page = browser.request("GET", "/login/")
        assert page.status == 200, (page.status, page.getheader("Location"))  # no redirect to itself
        assert page.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)  # type: ignore[attr-defined]
        assert token and "csrftoken" in browser.cookies
        form = f"csrfmiddlewaretoken={token.group(1)}&username=root&password={PASSWORD}"
        signed_in = browser.request("POST", "/login/", body=form)
        assert signed_in.status == 302, signed_in.text[:2000]  # type: ignore[attr-defined]
        assert "sessionid" in browser.cookies
        hops, location = 0, signed_in.getheader("Location") or ""
        while location and hops < 5:
            assert not location.startswith("http://"), location
            answer = browser.request("GET", location.replace(f"https://{HOST}", ""))
            location = answer.getheader("Location") or "" if answer.status in (301, 302) else ""
            hops += 1
        assert hops < 5 and answer.status == 200
        assert "/login/" not in (answer.getheader("Location") or "")
        assert "root" in answer.text  # type: ignore[attr-defined]
    finally:
        proxy.shutdown()
        server.terminate()
        server.wait(timeout=30)


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(instance):
    server, port = _serve(instance)
    try:
        answer = Browser(port).request("GET", "/login/", **{"X-Forwarded-Proto": "https"})
        assert answer.status == 301 and answer.getheader("Location") == f"https://{HOST}/login/"
    finally:
        server.terminate()
        server.wait(timeout=30)
