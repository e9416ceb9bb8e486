"""People administration: invitations, roles, deactivation, password reset, all audited."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from designer.admin.models import AccountToken, AdminEvent
from designer.extensions import db
from designer.models import User
from tests.conftest import PASSWORD, login
from tests.designer.admin.test_bulk_and_audit import add_departments

NEW_PASSWORD = "a-brand-new-pass-77"


def _link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/\S+)", body).group(1)


def _events(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            (e.action, e.target) for e in db.session.scalars(sa.select(AdminEvent).order_by(AdminEvent.id))
        ]


@pytest.fixture
def admin(make_user, login_as):
    admin_id = make_user("admin", email="boss@test.example", name="Boss")
    login_as(admin_id)
    return admin_id


def test_invite_accept_and_log_in(app, client, admin, smtp_server):
    """An invitation emails a one-time link; the invitee chooses a password and logs in; the link is spent."""
    add_departments(app, "Physics")
    response = client.post(
        "/admin/people/invite",
        data={
            "email": " New.Person@Test.example ",
            "name": "Nia",
            "department": "Physics",
            "roles": ["faculty", "reviewer"],
        },
    )
    assert response.status_code == 302
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "new.person@test.example"
    link = _link(message)
    client.post("/logout")
    assert client.get(link).status_code == 200
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert client.get(link).status_code == 404  # single use
    response = client.post("/login", data={"email": "new.person@test.example", "password": NEW_PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).filter_by(email="new.person@test.example"))
        assert user.roles == {"faculty", "reviewer"} and user.department == "Physics"
    assert _events(app) == [
        ("invite", "new.person@test.example"),
        ("accept invitation", "new.person@test.example"),
    ]


def test_invited_person_cannot_log_in_before_accepting(client, admin, smtp_server):
    client.post("/admin/people/invite", data={"email": "x@test.example", "roles": ["faculty"]})
    client.post("/logout")
    assert client.post("/login", data={"email": "x@test.example", "password": ""}).status_code == 400


def test_expired_invitation_is_refused(app, client, admin, smtp_server):
    client.post("/admin/people/invite", data={"email": "late@test.example", "roles": ["faculty"]})
    link = _link(smtp_server.wait_for(1)[0])
    with app.app_context():
        token = db.session.scalar(sa.select(AccountToken))
        token.expires_at = token.created_at - timedelta(seconds=1)
        db.session.commit()
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 404 and b"expired" in response.data


def test_invite_again_retires_the_first_link(client, admin, smtp_server, app):
    client.post("/admin/people/invite", data={"email": "twice@test.example", "roles": ["faculty"]})
    first = _link(smtp_server.wait_for(1)[0])
    with app.app_context():
        user_id = db.session.scalar(sa.select(User.id).filter_by(email="twice@test.example"))
    client.post(f"/admin/people/{user_id}/invite-again")
    second = _link(smtp_server.wait_for(2)[1])
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200


def test_invite_refuses_existing_account_and_bad_roles(client, admin, make_user):
    make_user("faculty", email="taken@test.example")
    response = client.post("/admin/people/invite", data={"email": "taken@test.example", "roles": ["faculty"]})
    assert response.status_code == 400 and b"already has an account" in response.data
    response = client.post("/admin/people/invite", data={"email": "ok@test.example", "roles": ["wizard"]})
    assert response.status_code == 400 and b"Unknown choice" in response.data
    response = client.post("/admin/people/invite", data={"email": "ok@test.example"})
    assert response.status_code == 400 and b"at least one role" in response.data


def test_roles_change_and_union_of_rights(app, client, admin, make_user):
    """Adding the reviewer role opens the review queue; the page follows the union of roles."""
    person = make_user("faculty", email="prof@test.example")
    response = client.post(f"/admin/people/{person}", data={"roles": ["faculty", "reviewer"]})
    assert response.status_code == 302
    other = app.test_client()
    login(other, person)
    assert other.get("/review/queue").status_code == 200
    assert other.get("/designs/new").status_code == 200
    assert ("change roles", "prof@test.example") in _events(app)


def test_admin_cannot_lock_themselves_out(client, admin):
    response = client.post(f"/admin/people/{admin}", data={"roles": ["faculty"]})
    assert response.status_code == 400 and b"your own administrator role" in response.data
    client.post(f"/admin/people/{admin}/deactivate")
    assert client.get("/admin/people").status_code == 200


def test_deactivated_account_cannot_log_in_and_its_session_ends(app, client, admin, make_user, make_design):
    person = make_user("faculty", email="leaver@test.example")
    design = make_design(person)
    other = app.test_client()
    assert (
        other.post("/login", data={"email": "leaver@test.example", "password": PASSWORD}).status_code == 302
    )
    assert other.get("/designs").status_code == 200
    assert client.post(f"/admin/people/{person}/deactivate").status_code == 302
    assert other.get("/designs").status_code == 302  # back to the login page
    assert (
        other.post("/login", data={"email": "leaver@test.example", "password": PASSWORD}).status_code == 400
    )
    with app.app_context():
        assert db.session.get(User, person).active is False
        assert (
            db.session.scalar(
                sa.select(sa.func.count()).where(sa.text(f"id = {design}")).select_from(sa.table("designs"))
            )
            == 1
        )
    client.post(f"/admin/people/{person}/reactivate")
    assert (
        other.post("/login", data={"email": "leaver@test.example", "password": PASSWORD}).status_code == 302
    )
    assert [a for a, _ in _events(app)] == ["deactivate", "reactivate"]


def test_forgot_password_resets_once_and_ends_other_sessions(app, make_user, smtp_server):
    make_user("faculty", email="forgetful@test.example")
    browser_a, browser_b = app.test_client(), app.test_client()
    browser_a.post("/login", data={"email": "forgetful@test.example", "password": PASSWORD})
    assert browser_a.get("/designs").status_code == 200
    response = browser_b.post("/password/forgot", data={"email": "Forgetful@test.example"})
    assert response.status_code == 302
    link = _link(smtp_server.wait_for(1)[0])
    response = browser_b.post(link, data={"password": "short", "confirm": "short"})
    assert response.status_code == 400 and b"at least 12" in response.data
    assert browser_b.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert browser_b.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 404
    assert browser_a.get("/designs").status_code == 302  # the other session ended
    assert (
        browser_b.post("/login", data={"email": "forgetful@test.example", "password": PASSWORD}).status_code
        == 400
    )
    assert (
        browser_b.post(
            "/login", data={"email": "forgetful@test.example", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )


def test_forgot_password_for_unknown_address_says_the_same_and_sends_nothing(client, smtp_server, make_user):
    make_user("faculty", email="known@test.example")
    unknown = client.post("/password/forgot", data={"email": "nobody@test.example"}, follow_redirects=True)
    known = client.post("/password/forgot", data={"email": "known@test.example"}, follow_redirects=True)
    assert unknown.status_code == known.status_code == 200
    assert (
        b"If that address has an account" in unknown.data and b"If that address has an account" in known.data
    )
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["known@test.example"]


def test_tokens_are_stored_hashed(app, client, admin, smtp_server):
    client.post("/admin/people/invite", data={"email": "h@test.example", "roles": ["faculty"]})
    secret = _link(smtp_server.wait_for(1)[0]).rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalar(sa.select(AccountToken.token_hash))
    assert secret not in stored and len(stored) == 64


@pytest.mark.parametrize("role", ["faculty", "reviewer", "organiser"])
def test_admin_pages_are_for_admins_only(client, make_user, login_as, role):
    login_as(make_user(role))
    for path in (
        "/admin/people",
        "/admin/people/invite",
        "/admin/people/import",
        "/admin/audit",
        "/admin/audit.csv",
    ):
        assert client.get(path).status_code == 403, path


def test_invite_takes_a_department_from_the_list_only(app, client, admin, smtp_server):
    """The single invitation follows the bulk rule: a listed department (its spelling) or none; another
    value is refused at the field with nothing written."""
    add_departments(app, "Physics", "Chemistry")
    refused = client.post(
        "/admin/people/invite", data={"email": "p@test.example", "department": "Phys", "roles": ["faculty"]}
    )
    assert refused.status_code == 400 and b"not one of the institution" in refused.data
    with app.app_context():
        assert db.session.scalar(sa.select(User).filter_by(email="p@test.example")) is None
    invited = client.post(
        "/admin/people/invite",
        data={"email": "p@test.example", "department": " physics ", "roles": ["faculty"]},
    )
    assert invited.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(User.department).filter_by(email="p@test.example")) == "Physics"
