"""An editor post whose session had ended is kept, not dropped.

Logging out in another tab (or on another device), an expired login or a cleared cookie used to turn
Save into a login page, and the typing was gone. The editor's views are exempt from the blanket CSRF
check and call `ended_session()` first: a post with a valid session and token goes on as usual; a post
without one is stashed (designs.autosave) and the browser is sent to log in, after which the editor
puts the typing back.

Only a post the browser says came from one of our own pages (Sec-Fetch-Site, else Origin) is kept: a
cross-site form could otherwise plant text in someone's editor. A kept post changes nothing anyone can
see until its own browser logs in and the person saves it themselves.
"""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from designer.auth.throttle import limiter
from designer.designs import autosave
from designer.extensions import csrf, db, login_manager
from designer.models import Design

SESSION_KEY = "editor_stash"  # the token of the browser's kept post


def ended_session(design_id: int | None):
    """None when the request may go on; otherwise the response (login page, or the editor again)."""
    if request.method != "POST":
        return None if current_user.is_authenticated else login_manager.unauthorized()
    refusal = _csrf_refusal()
    if current_user.is_authenticated and refusal is None:
        return None
    if not _same_origin() or (design_id is not None and not _live(design_id)):
        if refusal is not None:
            raise refusal
        return login_manager.unauthorized()
    try:
        pairs = autosave.form_pairs(request.form, max_bytes=current_app.config["AUTOSAVE_MAX_BYTES"])
    except autosave.TooLarge:
        return login_manager.unauthorized()
    with limiter.limit(lambda: current_app.config["EDITOR_STASH_LIMIT"], scope="editor-stash"):
        token = autosave.stash(db.session, design_id, pairs)  # committed with the redirect
    session[SESSION_KEY] = token
    target = url_for("designs.edit", design_id=design_id) if design_id else url_for("designs.new")
    if current_user.is_authenticated:  # logged in again by remember-me, but the page's token is stale
        return redirect(target, 303)
    flash("Your session had ended (you were logged out, or the login expired), so nothing was saved. What "
          "you typed is kept: log in, and the editor brings it back.", "info")
    return redirect(url_for("auth.login", next=target), 303)


def take_back(design_id: int | None):
    """The kept post of this browser for this editor, removed from the stash; None if there is none."""
    token = session.get(SESSION_KEY)
    row = autosave.claim(db.session, token, design_id) if token else None
    if row is not None:
        session.pop(SESSION_KEY, None)
    return row


def _csrf_refusal() -> CSRFError | None:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return None
    try:
        csrf.protect()
    except CSRFError as error:
        return error
    return None


def _same_origin() -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin:
        return False
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" == request.host_url.rstrip("/")


def _live(design_id: int) -> bool:
    design = db.session.get(Design, design_id)
    return design is not None and design.deleted_at is None
