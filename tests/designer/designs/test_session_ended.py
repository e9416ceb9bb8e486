"""A Save whose session had ended (logged out in another tab or device, an expired login, a cleared
cookie) is kept, not dropped: after logging in, the editor shows what was typed and says what happened
(designs.kept_posts). Cross-site posts are never kept."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from designer.designs import autosave
from designer.extensions import db
from designer.models import DesignRevision, EditorAutosave, EditorStash, utcnow
from tests.conftest import PASSWORD, login
from tests.designer.designs.formdata import as_multidict, form_pairs
from tests.designer.designs.helpers import count, latest_document

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
EMAIL = "owner@test.example"


@pytest.fixture
def owner(make_user):
    return make_user("faculty", email=EMAIL, name="Asha Owner")


def typed_pairs(app, owner, url, title):
    """The editor as the owner had it on screen, with a new title typed in."""
    browser = app.test_client()
    login(browser, owner)
    page = browser.get(url).get_data(as_text=True)
    pairs = [(k, title if k == "title" else v) for k, v in form_pairs(page)]
    return pairs + [("op", "save")]


def log_in(client, next_url):
    return client.post(f"/login?next={next_url}", data={"email": EMAIL, "password": PASSWORD})


def test_a_save_after_logout_is_kept_and_comes_back_after_login(app, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    pairs = typed_pairs(app, owner, url, "Typed while logged out")
    browser = app.test_client()  # its session ended: no login in it any more
    response = browser.post(url, data=as_multidict(pairs), headers=SAME_ORIGIN)
    assert response.status_code == 303 and response.location.startswith("/login?next=")
    assert count(app, EditorStash) == 1 and count(app, DesignRevision) == 1
    login_page = browser.get(response.location).get_data(as_text=True)
    assert "Your session had ended" in login_page and "What you typed is kept" in login_page

    response = log_in(browser, url)
    assert response.status_code == 302 and response.location == url
    page = browser.get(url).get_data(as_text=True)
    assert dict(form_pairs(page))["title"] == "Typed while logged out"
    assert "Your session had ended when you pressed a button at" in page
    assert count(app, EditorStash) == 0  # taken back once
    with app.app_context():
        assert db.session.scalar(sa.select(EditorAutosave.user_id)) == owner  # now my autosaved copy
    # ... and one Save later it is a revision
    browser.post(url, data=as_multidict(form_pairs(page) + [("op", "save")]))
    assert latest_document(app, design_id)["title"] == "Typed while logged out"
    assert "Your session had ended" not in browser.get(url).get_data(as_text=True)


def test_a_cross_site_post_is_not_kept(app, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    pairs = typed_pairs(app, owner, url, "Planted")
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}, {}):
        response = app.test_client().post(url, data=as_multidict(pairs), headers=headers)
        assert response.status_code == 302 and "/login" in response.location
    assert count(app, EditorStash) == 0


def test_a_new_design_typed_after_logout_comes_back_in_the_new_design_editor(app, owner):
    browser = app.test_client()
    response = browser.post("/designs/new", data={"title": "Brand new", "base_revision": "0", "op": "save"},
                            headers={"Origin": "http://localhost"})
    assert response.status_code == 303
    log_in(browser, "/designs/new")
    page = browser.get("/designs/new").get_data(as_text=True)
    assert dict(form_pairs(page))["title"] == "Brand new"
    assert count(app, EditorStash) == 0


def test_another_editors_stash_is_not_taken_and_an_old_one_has_expired(app, owner, make_design):
    first, second = make_design(owner), make_design(owner)
    with app.app_context():
        token = autosave.stash(db.session, first, [["title", "For the first"]])
        old = autosave.stash(db.session, second, [["title", "Too old"]], now=utcnow() - timedelta(hours=25))
        db.session.commit()
        assert autosave.claim(db.session, token, second) is None  # posted to another editor
        assert autosave.claim(db.session, old, second) is None  # dropped by the next stash, expired anyway
        assert autosave.claim(db.session, token, first).pairs == [["title", "For the first"]]
        assert autosave.claim(db.session, token, first) is None  # once


def test_with_csrf_on_a_cleared_cookie_or_a_renewed_session_is_kept_too(make_app, app, owner, make_design):
    csrf_app = make_app(WTF_CSRF_ENABLED=True)
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    pairs = typed_pairs(app, owner, url, "Typed before the cookie went")
    # the session cookie is gone: no CSRF token to compare with; kept because the browser says same-origin
    browser = csrf_app.test_client()
    assert browser.post(url, data=as_multidict(pairs), headers=SAME_ORIGIN).status_code == 303
    assert count(app, EditorStash) == 1
    # ... and refused as before when it is not from our own page
    response = csrf_app.test_client().post(url, data=as_multidict(pairs))
    assert response.status_code == 400 and "The form expired" in response.get_data(as_text=True)
    # logged in again (remember-me) with a new session: the old page's token no longer matches
    renewed = csrf_app.test_client()
    login(renewed, owner)
    response = renewed.post(url, data=as_multidict(pairs), headers=SAME_ORIGIN)
    assert response.status_code == 303 and response.location == url
    page = renewed.get(url).get_data(as_text=True)
    assert dict(form_pairs(page))["title"] == "Typed before the cookie went"
    assert count(app, DesignRevision) == 1
