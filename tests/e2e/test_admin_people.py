"""Browser journeys of people administration: invite -> accept -> log in, password reset by email,
role change and deactivation, each page checked with axe."""

import re

import sqlalchemy as sa

from designer.extensions import db
from designer.institution import departments
from designer.models import User
from tests.e2e.conftest import assert_accessible, log_in

NEW_PASSWORD = "violet-harbour-lantern-93"


def _link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+", body).group(0)


def _log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login**")


def _listed_department(app, admin_email: str, name: str) -> None:
    """Invitations take a department from the institution's list: make sure `name` is on it."""
    with app.app_context():
        admin = db.session.scalar(sa.select(User).filter_by(email=admin_email))
        if name not in departments.names(db.session, admin.institution):
            departments.add(db.session, admin, name)
            db.session.commit()


def test_invite_accept_and_log_in(page, make_user, live_smtp, live_app):
    make_user("admin", email="boss@test.example", name="Boss")
    _listed_department(live_app, "boss@test.example", "School of Physics")
    log_in(page, "boss@test.example")
    page.get_by_role("link", name="People").click()
    assert_accessible(page)
    page.get_by_role("link", name="Invite a person").first.click()
    page.get_by_label("Email").fill("new.colleague@test.example")
    page.get_by_label("Name").fill("Neha Colleague")
    page.get_by_label("Department").fill("School of Physics")
    page.get_by_label("Quality committee reviewer").check()
    assert_accessible(page)
    page.get_by_role("button", name="Send the invitation").click()
    assert page.get_by_text("Invitation sent to new.colleague@test.example").is_visible()
    assert page.get_by_role("cell", name="Invited, not yet accepted").is_visible()
    _log_out(page)

    (message,) = live_smtp.wait_for(1)
    assert message["To"] == "new.colleague@test.example"
    page.goto(_link(message))
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    page.wait_for_url("**/login**")
    log_in(page, "new.colleague@test.example", NEW_PASSWORD)
    assert page.get_by_role("link", name="Review queue").is_visible()  # faculty + reviewer


def test_password_reset_by_email(page, make_user, live_smtp):
    make_user("faculty", email="forgetful@test.example")
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("forgetful@test.example")
    page.get_by_role("button", name="Email me a link").click()
    assert page.get_by_text("If that address has an account").is_visible()
    (message,) = live_smtp.wait_for(1)
    page.goto(_link(message))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change my password").click()
    page.wait_for_url("**/login**")
    log_in(page, "forgetful@test.example", NEW_PASSWORD)
    page.goto(_link(message))
    assert page.get_by_text("This reset link has expired or was already used").is_visible()


def test_role_change_and_deactivation(page, browser, live_server, make_user):
    make_user("admin", email="boss@test.example")
    make_user("faculty", email="prof@test.example", name="Prof Pai")
    other = browser.new_context(base_url=live_server).new_page()
    log_in(other, "prof@test.example")
    assert other.get_by_role("link", name="Review queue").count() == 0

    log_in(page, "boss@test.example")
    page.goto("/admin/people")
    page.get_by_role("link", name="Prof Pai").click()
    page.get_by_label("Quality committee reviewer").check()
    page.get_by_role("button", name="Save the roles").click()
    assert page.get_by_text("now has the roles: faculty, reviewer").is_visible()
    assert_accessible(page)
    other.reload()
    assert other.get_by_role("link", name="Review queue").is_visible()

    page.get_by_role("button", name="Deactivate this account").click()
    assert page.get_by_text("prof@test.example is deactivated").is_visible()
    other.goto("/designs")
    assert "/login" in other.url  # the open session ended
    other.get_by_label("Email").fill("prof@test.example")
    other.get_by_label("Password").fill("correct-horse-42")
    other.get_by_role("button", name="Log in").click()
    assert other.get_by_text("The email or password is not right").is_visible()
    page.goto("/admin/audit")
    assert page.get_by_role("rowheader", name="deactivate").is_visible()
    assert_accessible(page)
    other.context.close()
