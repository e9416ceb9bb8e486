"""One error handler for the pages people can reach: 400, 403, 404, 405, 413, 429, 500.

The 500 page must work when the database is down (that is often why there is a 500): it is rendered
from errors/standalone.html, which needs neither the logged-in user nor any query. Denials (403) and
throttled requests (429) are logged with who, what and from where.
"""

import logging

from flask import Flask, current_app, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from designer.extensions import db

log = logging.getLogger("designer.security")

MESSAGES = {
    400: ("Something in the request was not right", "Go back, check the form and try again."),
    403: (
        "You do not have access to this page",
        "If you think you should, ask the design's author or an administrator.",
    ),
    404: ("Page not found", "The design or page may have been deleted, or the address is mistyped."),
    405: ("That action is not allowed here", "Use the buttons on the page instead of typing the address."),
    413: ("The file or form is too large",
          "Upload a design file smaller than 5 MB; a form with thousands of fields is refused too."),
    429: (
        "Too many attempts",
        "There were too many tries in a short time. Wait a few minutes, then try again.",
    ),
    500: (
        "Something went wrong on our side",
        "Nothing you entered was saved by the failed request. Try again in a moment.",
    ),
}


def _who() -> str:
    try:
        return f"user {current_user.id}" if current_user.is_authenticated else "anonymous"
    except Exception:  # noqa: BLE001 - the user cannot be loaded (database down): say so, do not fail
        return "unknown user"


def render_error(error: Exception):
    """Render templates/errors/error.html with a message a person understands."""
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    title, advice = MESSAGES.get(code, (getattr(error, "name", "Error"), ""))
    if isinstance(error, CSRFError):
        title, advice = "The form expired", "Reload the page and submit it again; nothing was changed."
    advice = getattr(error, "advice", None) or advice
    if code in (403, 429):
        log.warning("denied %s: %s %s %s from %s", code, _who(), request.method, request.path,
                    request.remote_addr)
    if code >= 500:
        return render_standalone(code, title, advice)
    try:
        return render_template("errors/error.html", code=code, title=title, advice=advice), code
    except Exception:  # noqa: BLE001 - the page itself failed (e.g. the database went away meanwhile)
        log.exception("error page %s could not be rendered", code)
        return render_standalone(code, title, advice)


def render_standalone(code: int, title: str, advice: str):
    """The error page without the database: no user, no notifications, no navigation."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a broken connection must not break the error page
        log.exception("rollback failed while rendering error %s", code)
    # Straight from the Jinja environment: render_template would run the context processors, and
    # Flask-Login's loads the current user from the database.
    template = current_app.jinja_env.get_template("errors/standalone.html")
    return template.render(code=code, title=title, advice=advice), code


def init_app(app: Flask) -> None:
    """Register the handler for every code in MESSAGES and for CSRF failures."""
    for code in MESSAGES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
