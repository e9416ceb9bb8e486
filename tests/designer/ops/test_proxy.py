"""ProxyFix trusts exactly PROXY_COUNT proxies' X-Forwarded-* headers."""

import pytest
from flask import request


def _echo(app):
    @app.get("/_whoami")
    def whoami():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}


HEADERS = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto": "https, https",
           "X-Forwarded-Host": "designer.example.edu"}


@pytest.mark.parametrize(("count", "addr", "scheme"), [
    (0, "127.0.0.1", "http"),          # no proxy configured: the headers are a client's forgery
    (1, "198.51.100.7", "https"),      # one proxy: its view of the client, not what the client claims
    (2, "203.0.113.9", "https"),
])
def test_forwarded_headers_are_trusted_for_the_configured_hops(make_app, count, addr, scheme):
    app = make_app(PROXY_COUNT=count)
    _echo(app)
    seen = app.test_client().get("/_whoami", headers=HEADERS, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen.get_json()["addr"] == addr and seen.get_json()["scheme"] == scheme
