"""The error pages: a 500 never needs the database, and denials are logged."""

import logging

import sqlalchemy as sa

from designer.extensions import db


def test_with_the_database_down_users_get_the_apps_error_page(make_app, app, make_user, monkeypatch):
    broken = make_app(PROPAGATE_EXCEPTIONS=False, TESTING=False)
    client = broken.test_client()
    from tests.conftest import login

    login(client, make_user("faculty"))

    def database_down(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    with broken.app_context():
        monkeypatch.setattr(db.session, "get", database_down, raising=False)
    monkeypatch.setattr(sa.orm.Session, "get", database_down)
    monkeypatch.setattr(sa.orm.Session, "execute", database_down)
    response = client.get("/designs")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and "Internal Server Error" not in page
    assert "<!doctype html>" in page.lower() and "app.css" in page


def test_denials_are_logged_with_who_and_where(app, client, make_user, make_design, login_as, caplog):
    caplog.set_level(logging.WARNING, logger="designer.security")
    owner, other = make_user("faculty"), make_user("faculty")
    design_id = make_design(owner)
    login_as(other)
    response = client.get(f"/designs/{design_id}", environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 403
    assert f"denied 403: user {other} GET /designs/{design_id} from 10.9.9.9" in caplog.text
