"""OpenID Connect single sign-on against a real provider (node `oidc-provider` on loopback): first login
creates the account, a refused domain, roles that follow a changed group, a deactivated account, and logout
ending the provider's session too (RP-initiated logout)."""

import re

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.models import User
from tests.e2e.conftest import assert_accessible
from tests.oidc.server import OpenIDProvider

ACCOUNTS = {
    "asha": {"email": "asha@uni.example", "name": "Asha Sso", "groups": ["staff"]},
    "eve": {"email": "eve@elsewhere.example", "name": "Eve Outsider", "groups": []},
}


@pytest.fixture(scope="session")
def openid_provider(live_server, tmp_path_factory):
    reason = OpenIDProvider.available()
    if reason:
        pytest.skip(reason)
    provider = OpenIDProvider(tmp_path_factory.mktemp("oidc") / "accounts.json")
    provider.start(f"{live_server}/login/sso/callback", post_logout_redirect_uri=f"{live_server}/login")
    yield provider
    provider.stop()


@pytest.fixture
def sso(live_app, openid_provider):
    """The live app uses the provider for this test; accounts as in ACCOUNTS (tests may change them)."""
    openid_provider.set_accounts(ACCOUNTS)
    settings = {
        **openid_provider.config,
        "OIDC_ALLOWED_DOMAINS": "uni.example",
        "OIDC_GROUP_CLAIM": "groups",
        "OIDC_GROUP_ROLES": "mc-reviewers=reviewer; mc-admins=admin",
        "OIDC_DEFAULT_ROLE": "faculty",
    }
    saved = {key: live_app.config.get(key) for key in settings}
    live_app.config.update(settings)
    yield openid_provider
    live_app.config.update(saved)


def _sso_login(page, login: str) -> None:
    """Log in through the provider's own pages (its development login takes any password)."""
    # The provider's page imports a web font; nothing leaves the machine in the tests.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page.goto("/login")
    app_origin = page.url.removesuffix("/login")
    page.get_by_role("link", name="Log in with your university account").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any-password")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_load_state()
    if not page.url.startswith(app_origin):
        page.get_by_role("button", name="Continue").click()  # the consent page, on a first login
    page.wait_for_url(lambda url: url.startswith(app_origin))
    page.wait_for_load_state()


def _user(app, email):
    with app.app_context():
        user = db.session.scalar(sa.select(User).filter_by(email=email))
        db.session.expunge_all()
        return user


def test_first_login_creates_the_account_with_the_default_role(page, app, sso):
    _sso_login(page, "asha")
    assert page.get_by_text("Welcome, Asha Sso.").is_visible()
    assert "/designs" in page.url
    user = _user(app, "asha@uni.example")
    assert user.roles == {"faculty"} and not user.has_password and user.sso_subject.endswith("|asha")
    assert page.get_by_role("link", name="Review queue").count() == 0


def test_a_refused_domain_gets_no_account(page, app, sso):
    _sso_login(page, "eve")
    assert page.get_by_text("Accounts of elsewhere.example cannot log in here").is_visible()
    assert_accessible(page)
    assert _user(app, "eve@elsewhere.example") is None
    page.goto("/designs")
    assert "/login" in page.url


def test_roles_follow_a_changed_group(page, browser, live_server, app, sso):
    sso.set_accounts({**ACCOUNTS, "asha": {**ACCOUNTS["asha"], "groups": ["staff", "mc-reviewers"]}})
    _sso_login(page, "asha")
    assert page.get_by_role("link", name="Review queue").is_visible()
    assert _user(app, "asha@uni.example").roles == {"reviewer"}

    sso.set_accounts(ACCOUNTS)  # taken off the committee group at the university
    fresh = browser.new_context(base_url=live_server).new_page()
    _sso_login(fresh, "asha")
    assert fresh.get_by_role("link", name="Review queue").count() == 0
    assert _user(app, "asha@uni.example").roles == {"faculty"}
    fresh.context.close()


def test_a_deactivated_account_cannot_log_in(page, browser, live_server, app, sso):
    _sso_login(page, "asha")
    with app.app_context():
        db.session.scalar(sa.select(User).filter_by(email="asha@uni.example")).active = False
        db.session.commit()
    fresh = browser.new_context(base_url=live_server).new_page()
    _sso_login(fresh, "asha")
    assert fresh.get_by_text("This account is deactivated").is_visible()
    fresh.goto("/designs")
    assert "/login" in fresh.url
    fresh.context.close()


def test_logout_ends_the_session_at_the_provider_too(page, app, sso):
    _sso_login(page, "asha")
    assert page.get_by_text("Welcome, Asha Sso.").is_visible()
    page.get_by_role("button", name="Log out").click()
    # The provider's own page (end_session_endpoint of its discovery document) asks to confirm.
    page.get_by_role("button", name=re.compile("Yes, sign me out", re.I)).click()
    page.wait_for_url(re.compile(r"/login$"))
    assert page.get_by_text("You are logged out, here and at the university's sign-on service.").is_visible()
    page.goto("/designs")
    assert "/login" in page.url
    # Back at single sign-on, the provider asks who it is again instead of sending the old login back.
    page.get_by_role("link", name="Log in with your university account").click()
    assert page.locator("input[name=login]").is_visible()

