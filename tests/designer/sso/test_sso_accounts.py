"""From verified claims to accounts (no provider needed here; tests/e2e/test_sso.py runs a real one),
and turning password login off."""

import pytest
import sqlalchemy as sa

from designer.admin.models import AdminEvent
from designer.extensions import db
from designer.models import User
from designer.sso.services import SSORefused, account_for_claims
from designer.sso.settings import settings
from tests.conftest import PASSWORD

CONFIG = {
    "OIDC_ISSUER": "https://idp.uni.example",
    "OIDC_CLIENT_ID": "designer",
    "OIDC_ALLOWED_DOMAINS": "uni.example, @staff.uni.example",
    "OIDC_GROUP_CLAIM": "groups",
    "OIDC_GROUP_ROLES": "committee=reviewer;it-admins=admin",
    "OIDC_DEFAULT_ROLE": "faculty",
}


def _claims(**extra):
    return {"sub": "u-1", "email": "Asha@Uni.example", "email_verified": True, "name": "Asha", **extra}


def test_settings_parse_domains_and_group_roles():
    sso = settings(CONFIG)
    assert sso.allowed_domains == {"uni.example", "staff.uni.example"}
    assert sso.group_roles == {"committee": "reviewer", "it-admins": "admin"}
    assert settings({}) is None
    with pytest.raises(ValueError, match="unknown roles: wizard"):
        settings({**CONFIG, "OIDC_GROUP_ROLES": "x=wizard"})


@pytest.mark.usefixtures("ctx")
def test_first_login_creates_then_roles_follow_groups():
    sso = settings(CONFIG)
    user = account_for_claims(db.session, sso, _claims(groups=["committee", "other"]), institution="T")
    assert (user.email, user.roles, user.has_password) == ("asha@uni.example", {"reviewer"}, False)
    again = account_for_claims(db.session, sso, _claims(groups=["nothing-mapped"]), institution="T")
    assert again.id == user.id and again.roles == {"faculty"}
    actions = list(db.session.scalars(sa.select(AdminEvent.action).order_by(AdminEvent.id)))
    assert actions == ["create account (single sign-on)", "change roles (single sign-on groups)"]


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize(
    ("claims", "message"),
    [
        (_claims(email="eve@evil.example"), "Accounts of evil.example cannot log in"),
        (_claims(email_verified=False), "verified email"),
        (_claims(email=""), "verified email"),
    ],
)
def test_refused_claims_create_nothing(claims, message):
    with pytest.raises(SSORefused, match=message):
        account_for_claims(db.session, settings(CONFIG), claims, institution="T")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_existing_account_is_linked_and_a_deactivated_one_refused(app, make_user):
    user_id = make_user("faculty", email="asha@uni.example")
    with app.app_context():
        sso = settings(CONFIG)
        linked = account_for_claims(db.session, sso, _claims(), institution="T")
        assert linked.id == user_id and linked.sso_subject == "https://idp.uni.example|u-1"
        linked.active = False
        db.session.flush()
        with pytest.raises(SSORefused, match="deactivated"):
            account_for_claims(db.session, sso, _claims(), institution="T")
        db.session.rollback()


def test_admin_turns_password_login_off_only_with_sso(app, make_app, make_user):
    """Without single sign-on the switch is not offered; with it, passwords stop working."""
    from tests.conftest import login
    from tests.designer.institution.test_profile import PROFILE

    admin = make_user("admin")
    make_user("faculty", email="prof@test.example")
    plain = app.test_client()
    login(plain, admin)
    assert b"Allow password login" not in plain.get("/admin/institution").data
    sso_app = make_app(**CONFIG)
    client = sso_app.test_client()
    login(client, admin)
    assert b"Allow password login" in client.get("/admin/institution").data
    assert client.post("/admin/institution", data=PROFILE).status_code == 302  # the box left unticked
    visitor = sso_app.test_client()
    page = visitor.get("/login").get_data(as_text=True)
    assert "Log in with your university account" in page and 'name="password"' not in page
    response = visitor.post("/login", data={"email": "prof@test.example", "password": PASSWORD})
    assert response.status_code == 400 and b"Password login is turned off" in response.data
    assert visitor.get("/password/forgot").status_code == 302
