"""Login throttling with Flask-Limiter: per account (the email tried) and per client address.

Storage: RATELIMIT_STORAGE_URI (e.g. redis://...), else REDIS_URL, else memory (one process only;
with several gunicorn workers each counts on its own, so production should configure Redis).
Only failed attempts count (deduct_when), so a person who types the password right is never slowed.
"""

import logging

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

log = logging.getLogger("designer.security")

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def _account_key() -> str:
    return "login-account:" + str(request.form.get("email", "")).strip().lower()[:254]


def _failed(response) -> bool:
    return response.status_code == 400


def _per_account() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


def _per_address() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def _breached(limit) -> None:
    log.warning("login throttled: %s from %s (%s)", _account_key().split(":", 1)[1] or "-",
                request.remote_addr, limit.limit)


def throttle_login(view):
    """Decorate the login view: failed POSTs count against the account and the address."""
    view = limiter.limit(_per_account, key_func=_account_key, methods=["POST"], deduct_when=_failed,
                         scope="login-account", on_breach=_breached)(view)
    return limiter.limit(_per_address, methods=["POST"], deduct_when=_failed, scope="login-address",
                         on_breach=_breached)(view)
