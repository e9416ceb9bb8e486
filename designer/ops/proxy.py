"""Behind a reverse proxy: trust X-Forwarded-* from exactly PROXY_COUNT proxies (0: trust none).

Trusting more hops than there are proxies lets a client forge its address (and so dodge per-address
login throttling) or the scheme; trusting fewer makes every request look like it came from the proxy.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count,
                                x_prefix=count)
