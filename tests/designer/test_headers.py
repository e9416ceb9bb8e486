"""Security headers, cookie flags, and no inline script anywhere (so the CSP can forbid it)."""

import re
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_sends_the_security_headers(client):
    for url in ("/login", "/designs", "/no-such-page"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in headers  # development: plain HTTP


@pytest.fixture
def production_client(make_app, app, monkeypatch):
    monkeypatch.setenv("DESIGNER_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", "p" * 48)
    import designer.config as config

    prod = make_app(**config.session_settings(True), ENV_PRODUCTION=True, SECRET_KEY="p" * 48)
    return prod.test_client()


def test_production_adds_hsts_and_secure_cookies(production_client, make_user):
    make_user("faculty", email="asha@test.example")
    response = production_client.post(
        "/login", data={"email": "asha@test.example", "password": PASSWORD, "remember": "y"},
        base_url="https://designer.example")
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 2  # session and remember-me
    for cookie in cookies:
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie


def test_development_cookies_are_httponly_and_lax(client, make_user):
    make_user("faculty", email="asha@test.example")
    response = client.post("/login", data={"email": "asha@test.example", "password": PASSWORD,
                                           "remember": "y"})
    for cookie in response.headers.getlist("Set-Cookie"):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie


INLINE = [
    # A JSON-LD data block (schema.org markup of the public pages) is never executed, so the CSP does not
    # apply to it; any other inline script is refused.
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.I),
     "inline <script> without src"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_hold_no_inline_script_handler_or_style():
    """The CSP forbids them; a new one would silently stop working in browsers."""
    # The print templates are rendered by WeasyPrint, not a browser: the CSP does not apply there.
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if path.parts[-2] == "exports" and path.name in {"syllabus.html", "pack_front.html"}:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {what}: {match.group(0)!r}")
    assert offenders == []


def test_static_scripts_do_not_inject_markup_or_styles():
    for path in (ROOT / "static" / "js").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "innerHTML" not in text and "eval(" not in text and "setAttribute(\"style\"" not in text, path
