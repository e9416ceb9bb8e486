"""One error handler for the pages people can reach: 400, 403, 404, 405, 413, 500."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from designer.extensions import db

MESSAGES = {
    400: ("Something in the request was not right", "Go back, check the form and try again."),
    403: (
        "You do not have access to this page",
        "If you think you should, ask the design's author or an administrator.",
    ),
    404: ("Page not found", "The design or page may have been deleted, or the address is mistyped."),
    405: ("That action is not allowed here", "Use the buttons on the page instead of typing the address."),
    413: ("The file is too large", "Upload a design file smaller than 5 MB."),
    500: (
        "Something went wrong on our side",
        "Nothing you entered was saved by the failed request. Try again in a moment.",
    ),
}


def render_error(error: Exception):
    """Render templates/errors/error.html with a message a person understands."""
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    if code >= 500:
        db.session.rollback()
    title, advice = MESSAGES.get(code, (getattr(error, "name", "Error"), ""))
    if isinstance(error, CSRFError):
        title, advice = "The form expired", "Reload the page and submit it again; nothing was changed."
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def init_app(app: Flask) -> None:
    """Register the handler for every code in MESSAGES and for CSRF failures."""
    for code in MESSAGES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
