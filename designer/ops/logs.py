"""Logging configured once in the factory: levels from the environment, plain text or JSON lines.

Every line carries a request id: the id of the web request being answered (taken from a proxy's
`X-Request-ID` when it looks sane, otherwise made here, and sent back in the response), or in a
background task the id of the request that queued the job. It lives in a context variable so
threads and Celery tasks set their own without touching Flask's request globals.
"""

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import Flask, Response, g, request

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# WeasyPrint logs every rendering step at INFO: dozens of lines per syllabus drown the app's own lines.
QUIET_BY_DEFAULT = {"weasyprint": "WARNING", "fontTools": "WARNING"}
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` (the context variable's value) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id (and the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class DesignerHandler(logging.StreamHandler):
    """Our stderr handler; a marker class so building many apps (tests) installs it only once."""


def parse_levels(spec: str) -> dict[str, str]:
    """`LOG_LEVELS="designer.exports=DEBUG,sqlalchemy.engine=INFO"` as {logger: LEVEL}, bad parts skipped."""
    levels = {}
    for part in (spec or "").split(","):
        name, _, level = part.partition("=")
        level = level.strip().upper()
        if name.strip() and isinstance(logging.getLevelName(level), int):
            levels[name.strip()] = level
    return levels


def configure(config) -> None:
    """Set up the root logger from LOG_LEVEL, LOG_LEVELS and LOG_FORMAT (text or json)."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, DesignerHandler)), None)
    if handler is None:
        handler = DesignerHandler(sys.stderr)
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    if config.get("LOG_FORMAT") == "json":
        handler.setFormatter(JsonLinesFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root.setLevel(config.get("LOG_LEVEL") or "INFO")
    for name, level in (QUIET_BY_DEFAULT | parse_levels(config.get("LOG_LEVELS", ""))).items():
        logging.getLogger(name).setLevel(level)


def init_app(app: Flask) -> None:
    """Configure logging and give every request an id (logged on every line, echoed in X-Request-ID)."""
    configure(app.config)

    @app.before_request
    def _assign_request_id() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        g.request_id_token = request_id_var.set(g.request_id)

    @app.after_request
    def _echo_request_id(response: Response) -> Response:
        if "request_id" in g:
            response.headers["X-Request-ID"] = g.request_id
        return response

    @app.teardown_request
    def _forget_request_id(_exc) -> None:
        token = g.pop("request_id_token", None)
        if token is not None:
            request_id_var.reset(token)
