"""Public pages of the emailed one-time links: accept an invitation, forgot password, reset password."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, logout_user

from designer.admin import people, tokens
from designer.admin.forms import EmailForm, NewPasswordForm
from designer.admin.mails import send_reset
from designer.auth.services import AccountError
from designer.extensions import db
from designer.sso.settings import password_login_enabled
from designer.transaction import after_commit, attempt

bp = Blueprint("account", __name__)


@bp.after_request
def _no_referrer(response):
    # The link secret is in the URL: never hand it to another site in a Referer header.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _password_page(template: str, purpose: str, service, secret: str, done_message: str):
    form = NewPasswordForm()
    if tokens.find_valid(db.session, secret, purpose) is None:
        return render_template(template, form=None, secret=secret), 404
    if form.validate_on_submit():
        with attempt(AccountError, field=form.password) as outcome:
            service(db.session, secret, form.password.data)
        if not outcome.refused:
            if current_user.is_authenticated:
                logout_user()
            flash(done_message, "success")
            return redirect(url_for("auth.login"))
    return render_template(template, form=form, secret=secret), 400 if form.errors else 200


@bp.route("/invitation/<secret>", methods=["GET", "POST"])
def accept_invitation(secret: str):
    return _password_page(
        "admin/accept_invitation.html",
        tokens.INVITE,
        people.accept_invitation,
        secret,
        "Your password is set. Log in with your email and the new password.",
    )


@bp.route("/password/reset/<secret>", methods=["GET", "POST"])
def reset_password(secret: str):
    return _password_page(
        "admin/reset_password.html",
        tokens.RESET,
        people.reset_password,
        secret,
        "Your password is changed and you are logged out everywhere. Log in with the new one.",
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    if not password_login_enabled(db.session, current_app.config):
        flash("Passwords are not used here: log in with single sign-on.", "info")
        return redirect(url_for("auth.login"))
    form = EmailForm()
    if form.validate_on_submit():
        found = people.request_reset(db.session, form.email.data)
        if found:
            after_commit(send_reset, *found)
        # The same answer either way, so the page does not tell who has an account.
        flash(
            "If that address has an account, we have emailed it a link to choose a new password. "
            "The link works once.",
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("admin/forgot_password.html", form=form), 400 if form.errors else 200
