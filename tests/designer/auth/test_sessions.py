"""Logout and a password change end every session and remember-me cookie of the account; old or
forged login strings are refused."""

import time

import pytest

from designer.auth.sessions import end_all_sessions, session_token, user_for_token
from designer.extensions import db
from designer.models import User
from tests.conftest import PASSWORD


@pytest.fixture
def asha(make_user):
    return make_user("faculty", email="asha@test.example", name="Asha Verma")


def _log_in(client, remember=False):
    data = {"email": "asha@test.example", "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def test_an_old_session_cookie_stops_working_after_logout(app, asha):
    browser = app.test_client()
    _log_in(browser)
    stolen = _cookie(browser, "session")
    assert browser.post("/logout").status_code == 302
    attacker = app.test_client()
    attacker.set_cookie("session", stolen)
    assert attacker.get("/designs").status_code == 302  # sent to the login page


def test_logout_on_one_device_ends_the_sessions_on_every_device(app, asha):
    laptop, phone = app.test_client(), app.test_client()
    _log_in(laptop)
    _log_in(phone, remember=True)
    assert phone.get("/designs").status_code == 200
    laptop.post("/logout")
    assert phone.get("/designs").status_code == 302
    assert laptop.get("/designs").status_code == 302


def test_a_remember_me_cookie_stops_working_after_logout(app, asha):
    browser = app.test_client()
    _log_in(browser, remember=True)
    remember = _cookie(browser, "remember_token")
    assert remember
    browser.post("/logout")
    fresh = app.test_client()  # no session cookie: Flask-Login falls back to the remember cookie
    fresh.set_cookie("remember_token", remember)
    assert fresh.get("/designs").status_code == 302


def test_the_remember_me_cookie_differs_on_every_login(app, asha, monkeypatch):
    tokens = []
    for offset in (0, 5):
        monkeypatch.setattr(time, "time", lambda offset=offset: 1_800_000_000 + offset)
        browser = app.test_client()
        _log_in(browser, remember=True)
        tokens.append(_cookie(browser, "remember_token"))
    assert tokens[0] != tokens[1]


def test_a_remember_me_cookie_works_until_logout(app, asha):
    browser = app.test_client()
    _log_in(browser, remember=True)
    fresh = app.test_client()
    fresh.set_cookie("remember_token", _cookie(browser, "remember_token"))
    assert fresh.get("/designs").status_code == 200


def test_the_server_refuses_a_login_older_than_login_max_age(app, asha):
    with app.app_context():
        user = db.session.get(User, asha)
        max_age = app.config["LOGIN_MAX_AGE"].total_seconds()
        old = session_token(user, now=time.time() - max_age - 60)
        recent = session_token(user, now=time.time() - 60)
        assert user_for_token(db.session, old, max_age=max_age) is None
        assert user_for_token(db.session, recent, max_age=max_age).id == asha


@pytest.mark.parametrize("token", [str(1), "1", "1:1", "abc", "1:1:x", "9" * 400 + ":1:1", "1:-1:5", ""])
def test_malformed_login_strings_are_no_login(app, asha, token):
    with app.app_context():
        assert user_for_token(db.session, token, max_age=1e9) is None


def test_a_session_of_before_this_change_is_no_login(app, client, asha):
    with client.session_transaction() as session:
        session["_user_id"] = str(asha)  # the old format: just the id
    assert client.get("/designs").status_code == 302


def test_end_all_sessions_is_a_service_for_other_features(app, asha, client, login_as):
    login_as(asha)
    assert client.get("/designs").status_code == 200
    with app.app_context():
        user = db.session.get(User, asha)
        before = user.auth_version
        end_all_sessions(db.session, user)
        db.session.commit()
        assert user.auth_version == before + 1
    assert client.get("/designs").status_code == 302


def test_a_deactivated_account_loses_its_sessions(app, asha, client, login_as):
    login_as(asha)
    with app.app_context():
        db.session.get(User, asha).active = False
        db.session.commit()
    assert client.get("/designs").status_code == 302


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, asha):
    browser, other = app.test_client(), app.test_client()
    _log_in(browser)
    _log_in(other, remember=True)
    remember = _cookie(other, "remember_token")
    response = browser.post("/account/password", data={
        "current": PASSWORD, "new": "a-much-better-passphrase", "confirm": "a-much-better-passphrase"})
    assert response.status_code == 303
    assert browser.get("/designs").status_code == 200
    assert other.get("/designs").status_code == 302
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert fresh.get("/designs").status_code == 302
    with app.app_context():
        assert db.session.get(User, asha).check_password("a-much-better-passphrase")


@pytest.mark.parametrize("form, message", [
    ({"current": "wrong-password-here", "new": "a-much-better-passphrase",
      "confirm": "a-much-better-passphrase"}, "That is not your current password."),
    ({"current": PASSWORD, "new": "password1234", "confirm": "password1234"}, "too common"),
    ({"current": PASSWORD, "new": "short", "confirm": "short"}, "at least 12 characters"),
    ({"current": PASSWORD, "new": "a-much-better-passphrase", "confirm": "another"}, "not the same"),
])
def test_a_refused_password_change_says_why_and_changes_nothing(app, asha, client, login_as, form, message):
    login_as(asha)
    response = client.post("/account/password", data=form)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        user = db.session.get(User, asha)
        assert user.check_password(PASSWORD) and user.auth_version == 1
    assert client.get("/designs").status_code == 200
