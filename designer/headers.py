"""Security headers on every response (a few explicit lines rather than a library).

The Content-Security-Policy allows scripts and styles only from our own static files: templates and
static/ hold no inline script, event-handler attribute or style attribute (tests/designer/test_headers.py
checks). HSTS only in production: it is meaningless over plain-HTTP development servers and would pin
browsers of a dev machine to HTTPS.
"""

from flask import Flask, Response, current_app

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config.get("ENV_PRODUCTION"):
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
