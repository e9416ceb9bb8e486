"""Login, logout and password change, and the role guard other blueprints use."""

import logging
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from designer.auth.forms import LoginForm, PasswordChangeForm
from designer.auth.services import AccountError, authenticate, change_password
from designer.auth.sessions import end_all_sessions, user_for_token
from designer.auth.throttle import throttle_login
from designer.extensions import db, login_manager
from designer.models import Role, User
from designer.sso.settings import password_login_enabled
from designer.sso.views import ID_TOKEN, provider_logout_url
from designer.transaction import attempt

bp = Blueprint("auth", __name__)
log = logging.getLogger("designer.security")
login_manager.id_attribute = "login_token"


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """Flask-Login: the user of this session or remember-me cookie, unless that login was ended."""
    max_age = current_app.config["LOGIN_MAX_AGE"].total_seconds()
    return user_for_token(db.session, token, max_age=max_age)


def role_required(*roles: Role):
    """Allow the view only to logged-in users with one of `roles`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _safe_next(target: str | None) -> str | None:
    # Only same-site paths: an open redirect after login is a phishing aid.
    if not target or urlsplit(target).netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@throttle_login
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("designs.index"))
    form = LoginForm()
    if form.validate_on_submit() and not password_login_enabled(db.session, current_app.config):
        form.password.errors.append("Password login is turned off here: log in with single sign-on.")
    elif form.is_submitted() and not form.errors:
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(f"Welcome, {user.name}.", "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("designs.index"))
        log.warning("login failed for %s from %s", form.email.data, request.remote_addr)
        form.password.errors.append("The email or password is not right. Check both and try again.")
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.post("/logout")
@login_required
def logout():
    """Log out everywhere (POST, so a link elsewhere cannot log people out): every session and
    remember-me cookie of the account stops working."""
    end_all_sessions(db.session, current_user)
    provider = provider_logout_url(session.pop(ID_TOKEN, None))
    logout_user()
    if provider is None:
        flash("You are logged out.", "info")
        return redirect(url_for("auth.login"))
    page = render_template("auth/logged_out_sso.html", provider_url=provider)
    flash("You are logged out, here and at the university's sign-on service.", "info")  # for /login, after
    return page


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change my password; every other session of the account ends, this one logs in afresh."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append("That is not your current password.")
        else:
            with attempt(AccountError, field=form.new) as outcome:
                change_password(db.session, current_user, form.new.data)
            if not outcome.refused:
                login_user(current_user, remember=False)
                flash("Your password is changed. You are logged out on every other device.", "success")
                return redirect(url_for("designs.index"), 303)
    return render_template("auth/password.html", form=form), 400 if form.errors else 200
