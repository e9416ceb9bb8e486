"""Logout after a single sign-on login goes on to the provider's end_session_endpoint (RP-initiated logout)
when its discovery document names one, and stays local otherwise. tests/e2e/test_sso.py does the whole
round trip against a real provider; here the provider's discovery document is given to the app's client,
so each case of it can be tried."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from designer.sso.settings import settings
from designer.sso.views import ID_TOKEN, _client
from tests.conftest import login

CONFIG = {"OIDC_ISSUER": "https://idp.uni.example", "OIDC_CLIENT_ID": "designer", "OIDC_CLIENT_SECRET": "s"}


@pytest.fixture
def sso_app(make_app, app):
    return make_app(**CONFIG)


def _discovered(app, **metadata):
    """The app's client as if it had read the provider's discovery document (`metadata`)."""
    with app.test_request_context():
        client = _client(settings(app.config))
        client.server_metadata.clear()
        client.server_metadata.update({"issuer": CONFIG["OIDC_ISSUER"], "_loaded_at": time.time(),
                                       **metadata})


def _logout(app, user_id, id_token):
    client = app.test_client()
    login(client, user_id)
    if id_token:
        with client.session_transaction() as session:
            session[ID_TOKEN] = id_token
    response = client.post("/logout")
    if response.status_code == 200:  # on to the provider: a page that refreshes to it (see the template)
        return client, response.text.split('url=', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert response.status_code == 302
    return client, response.headers["Location"]


def test_logout_goes_on_to_the_providers_end_session_endpoint(sso_app, make_user):
    _discovered(sso_app, end_session_endpoint="https://idp.uni.example/session/end")
    user = make_user("faculty", email="asha@uni.example")
    client, location = _logout(sso_app, user, "the.id.token")
    url = urlsplit(location)
    assert (url.netloc, url.path) == ("idp.uni.example", "/session/end")
    assert parse_qs(url.query) == {
        "id_token_hint": ["the.id.token"],
        "client_id": ["designer"],
        "post_logout_redirect_uri": ["http://localhost/login"],
    }
    assert client.get("/designs").status_code == 302  # our session ended before leaving


def test_no_endpoint_or_a_password_login_logs_out_here_only(sso_app, make_user):
    user = make_user("faculty", email="asha@uni.example")
    _discovered(sso_app, end_session_endpoint="https://idp.uni.example/session/end")
    assert _logout(sso_app, user, None)[1] == "/login"  # logged in with a password: no provider session
    _discovered(sso_app)  # the provider offers no RP-initiated logout
    client, location = _logout(sso_app, user, "the.id.token")
    assert location == "/login" and client.get("/designs").status_code == 302
