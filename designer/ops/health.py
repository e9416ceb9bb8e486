"""`/healthz` (the process answers) and `/readyz` (the database and, when configured, the broker answer).

Load balancers and systemd/Kubernetes probes call these without logging in; they say nothing
about the data, only "ok" or which dependency is down.
"""

import logging
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, current_app

from designer.extensions import db

bp = Blueprint("ops", __name__)
logger = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """Alive: the process serves requests (touches nothing else, so a database outage does not restart it)."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Ready: the database answers a query and the broker (if any) a ping; 503 names what is down."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    ready = all(value != "down" for value in checks.values())
    return {"status": "ok" if ready else "unavailable", "checks": checks}, 200 if ready else 503


def _database_ok() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
        return "ok"
    except Exception:  # any driver error means "not ready"; the reason goes to the log, not the probe
        logger.exception("readiness: the database does not answer")
        db.session.rollback()
        return "down"
    finally:
        db.session.remove()


def _broker_ok() -> str:
    url = current_app.config.get("CELERY_BROKER_URL")
    if not url:
        return "not configured"
    from designer.jobs.queue import broker_reachable

    if broker_reachable(url):
        return "ok"
    logger.error("readiness: the broker at %s does not answer", _without_password(url))
    return "down"


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()
