"""Logging in and out through the real forms, and CSRF on every form when it is enabled."""

import pytest

from tests.conftest import PASSWORD
from tests.designer.designs.helpers import count, flashed_text


@pytest.fixture
def asha(make_user):
    return make_user("faculty", email="asha@test.example", name="Asha Verma")


def test_login_page_shows_the_form(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'type="password"' in page and "Log in" in page


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/designs")
    assert response.status_code == 302 and response.location == "/login?next=%2Fdesigns"
    assert client.get("/").location == "/login"


def test_login_with_the_right_password(client, asha):
    response = client.post("/login", data={"email": "Asha@Test.example ", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/designs"
    assert "Welcome, Asha Verma." in flashed_text(client)
    assert client.get("/designs").status_code == 200


@pytest.mark.parametrize(
    "email, password", [("asha@test.example", "wrong-password"), ("nobody@test.example", PASSWORD)]
)
def test_wrong_email_or_password_is_refused_with_one_message(client, asha, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 400
    assert "The email or password is not right. Check both and try again." in response.get_data(as_text=True)
    assert client.get("/designs").status_code == 302  # still logged out


def test_inactive_account_cannot_log_in(app, client, asha):
    from designer.extensions import db
    from designer.models import User

    with app.app_context():
        db.session.get(User, asha).active = False
        db.session.commit()
    assert client.post("/login", data={"email": "asha@test.example", "password": PASSWORD}).status_code == 400


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/designs/new", "/designs/new"),
        ("https://evil.example/phish", "/designs"),
        ("//evil.example/phish", "/designs"),
        ("javascript:alert(1)", "/designs"),
    ],
)
def test_next_only_goes_to_pages_of_this_site(client, asha, target, expected):
    response = client.post(
        "/login", query_string={"next": target}, data={"email": "asha@test.example", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.location == expected


def test_logout_is_a_post(client, asha, login_as):
    login_as(asha)
    assert client.get("/logout").status_code == 405
    assert client.get("/designs").status_code == 200
    response = client.post("/logout")
    assert response.status_code == 302 and response.location == "/login"
    assert "You are logged out." in flashed_text(client)
    assert client.get("/designs").status_code == 302


def test_logged_in_user_visiting_login_goes_to_their_designs(client, asha, login_as):
    login_as(asha)
    assert client.get("/login").location == "/designs"


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def test_csrf_login_without_token_is_refused(csrf_client, asha):
    response = csrf_client.post("/login", data={"email": "asha@test.example", "password": PASSWORD})
    assert response.status_code == 400
    assert "The form expired" in response.get_data(as_text=True)
    assert csrf_client.get("/designs").status_code == 302


def test_csrf_post_without_token_stores_nothing(app, csrf_client, asha, make_design):
    design_id = make_design(asha)
    from tests.conftest import login

    login(csrf_client, asha)
    for url, data in [
        ("/designs/new", {"title": "Sneaky", "base_revision": "0"}),
        (f"/designs/{design_id}/edit", {"title": "Sneaky", "base_revision": "1"}),
        (f"/designs/{design_id}/delete", {}),
        (f"/designs/{design_id}/clone", {}),
        (f"/designs/{design_id}/coauthors", {"email": "x@test.example"}),
        ("/logout", {}),
    ]:
        assert csrf_client.post(url, data=data).status_code == 400, url
    assert count(app) == 1
    assert csrf_client.get(f"/designs/{design_id}").status_code == 200  # still logged in


def test_csrf_with_the_token_from_the_page_works(app, csrf_client, asha):
    import re

    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = csrf_client.post(
        "/login", data={"email": "asha@test.example", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    page = csrf_client.get("/designs/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = csrf_client.post(
        "/designs/new", data={"title": "With token", "base_revision": "0", "csrf_token": token}
    )
    assert response.status_code == 302 and count(app) == 1
