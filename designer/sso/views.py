"""/login/sso sends the person to the OpenID provider; /login/sso/callback logs them in on its answer."""

import logging
from urllib.parse import urlencode

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import login_user
from requests import RequestException

from designer.auth.forms import LoginForm
from designer.extensions import db
from designer.sso.services import SSORefused, account_for_claims
from designer.sso.settings import SSOSettings, password_login_enabled, settings
from designer.transaction import attempt

bp = Blueprint("sso", __name__)
log = logging.getLogger("designer.security")
EXTENSION = "designer_oidc_client"
ID_TOKEN = "sso_id_token"  # in the (signed) session: the hint that names this login to the provider at logout


def _client(sso: SSOSettings):
    """The app's Authlib client for the configured provider (made again if the settings change)."""
    cached = current_app.extensions.get(EXTENSION)
    if cached is None or cached[0] != sso:
        oauth = OAuth(current_app)
        client = oauth.register(
            "oidc",
            client_id=sso.client_id,
            client_secret=sso.client_secret,
            server_metadata_url=sso.metadata_url,
            client_kwargs={
                "scope": "openid email profile" + (f" {sso.group_claim}" if sso.group_claim else ""),
                "code_challenge_method": "S256",
            },
        )
        cached = current_app.extensions[EXTENSION] = (sso, client)
    return cached[1]


def _configured() -> SSOSettings:
    sso = settings(current_app.config)
    if sso is None:
        abort(404)
    return sso


def _refused(message: str, status: int):
    form = LoginForm()
    return render_template("auth/login.html", form=form, sso_error=message), status


@bp.get("/login/sso")
def start():
    sso = _configured()
    try:
        return _client(sso).authorize_redirect(url_for("sso.callback", _external=True))
    except (AuthlibBaseError, RequestException) as exc:
        log.warning("single sign-on provider unreachable: %s", exc)
        return _refused("The university's sign-on service does not answer; try again later.", 503)


@bp.get("/login/sso/callback")
def callback():
    sso = _configured()
    client = _client(sso)
    try:
        token = client.authorize_access_token()
        claims = dict(client.userinfo(token=token))
    except (AuthlibBaseError, RequestException) as exc:
        log.warning("single sign-on failed: %s", exc)
        return _refused(
            "Single sign-on did not complete (it may have been cancelled or taken too long). Try again.", 400
        )
    id_claims = token.get("userinfo") or {}
    if not id_claims.get("sub") or claims.get("sub") != id_claims.get("sub"):
        return _refused("The sign-on service gave inconsistent answers; try again.", 400)
    with attempt(SSORefused, say=False) as outcome:
        user = account_for_claims(
            db.session, sso, {**id_claims, **claims}, institution=current_app.config["INSTITUTION_NAME"]
        )
    if outcome.refused:
        log.warning("single sign-on refused for %s: %s", claims.get("email"), outcome.error)
        return _refused(str(outcome.error), 403)
    login_user(user)
    session[ID_TOKEN] = token.get("id_token", "")
    flash(f"Welcome, {user.name}.", "success")
    return redirect(url_for("designs.index"))


def provider_logout_url(id_token: str | None) -> str | None:
    """Where to send someone who logged in with single sign-on and logs out, so the provider ends its
    session too (OpenID Connect RP-initiated logout): its end_session_endpoint with the login's ID token
    and the way back to our login page. None when the login was not single sign-on, single sign-on is no
    longer configured, or the provider offers no such endpoint (or does not answer): then the logout
    ends only our session."""
    sso = settings(current_app.config)
    if not id_token or sso is None:
        return None
    try:
        endpoint = _client(sso).load_server_metadata().get("end_session_endpoint")
    except (AuthlibBaseError, RequestException, ValueError) as exc:
        log.warning("single sign-on provider unreachable at logout: %s", exc)
        return None
    if not endpoint:
        return None
    query = urlencode({
        "id_token_hint": id_token,
        "client_id": sso.client_id,
        "post_logout_redirect_uri": url_for("auth.login", _external=True),
    })
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


@bp.app_context_processor
def inject_login_choices() -> dict:
    """The login page offers single sign-on when it is configured, and passwords unless turned off."""

    def sso_login_label() -> str:
        sso = settings(current_app.config)
        return sso.label if sso else ""

    return {
        "sso_login_label": sso_login_label,
        "password_login_enabled": lambda: password_login_enabled(db.session, current_app.config),
    }
