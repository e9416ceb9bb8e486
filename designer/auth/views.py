"""Login and logout pages, and the role guard other blueprints use."""

from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from designer.auth.forms import LoginForm
from designer.auth.services import authenticate
from designer.extensions import db, login_manager
from designer.models import Role, User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Flask-Login: the user stored in the session."""
    return db.session.get(User, int(user_id))


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
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("designs.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(f"Welcome, {user.name}.", "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("designs.index"))
        form.password.errors.append("The email or password is not right. Check both and try again.")
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.post("/logout")
@login_required
def logout():
    """Log out (POST, so a link elsewhere cannot log people out)."""
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
