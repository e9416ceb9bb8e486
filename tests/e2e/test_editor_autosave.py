"""Nothing typed in the editor is lost, in real Chromium (issue 11): the autosaved copy is offered back
and restored (with and without JavaScript), leaving with unsaved changes warns, a Save after the session
ended is kept across the login, and after Save or "Check my draft" the message and the panel are on
screen where the person was (1366 and 390 px wide)."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from designer.extensions import db
from designer.models import DesignRevision, EditorAutosave, EditorNewAutosave
from tests.conftest import PASSWORD, example_document
from tests.designer.designs.helpers import count, latest_document
from tests.e2e.conftest import assert_accessible, log_in

OWNER = "meera@test.example"
TITLE = "Digital Marketing Analytics Essentials"


@pytest.fixture
def design_id(make_user, make_design):
    owner = make_user("faculty", email=OWNER, name="Meera Iyer")
    return make_design(owner, example_document())


def copies(app) -> int:
    return count(app, EditorAutosave)


def in_viewport(page, selector: str) -> bool:
    """The element's box is (at least partly) inside the visible part of the page."""
    return page.evaluate("""sel => { const b = document.querySelector(sel).getBoundingClientRect();
        return b.bottom > 0 && b.top < window.innerHeight && b.height > 0; }""", selector)


def test_idle_typing_is_kept_and_restored_without_a_revision(page, app, design_id):
    log_in(page, OWNER)
    page.goto(f"/designs/{design_id}/edit")
    page.locator("#summary").fill("Typed and never saved: a summary that must survive a closed tab.")
    expect(page.locator("#save-status")).to_contain_text("A copy of what you typed was kept at")
    assert copies(app) == 1 and count(app, DesignRevision) == 1  # a copy, not a revision
    page.close()  # the tab is gone, typing unsaved

    page = page.context.new_page()
    page.goto(f"/designs/{design_id}/edit")
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("You have typing that was not saved")
    assert page.locator("#summary").input_value() != ""  # the saved revision, until the person chooses
    assert "Typed and never saved" not in page.locator("#summary").input_value()
    assert_accessible(page)
    offer.get_by_role("link", name=re.compile(r"^Restore what you were typing \(saved \d\d:\d\d\)$")).click()
    assert page.locator("#summary").input_value().startswith("Typed and never saved")
    expect(page.locator("#editor-notice")).to_contain_text("Restored what you were typing")
    page.locator("#savebar").get_by_role("button", name="Save draft").click()
    expect(page.locator("#save-status")).to_contain_text("Saved: revision 2")
    assert latest_document(app, design_id)["summary"].startswith("Typed and never saved")
    assert copies(app) == 0


def test_without_javascript_a_row_button_keeps_the_copy_and_restore_works(browser, live_server, app,
                                                                        design_id):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, OWNER)
        page.goto(f"/designs/{design_id}/edit")
        page.locator("#summary").fill("Typed, then Add an outcome, then the person left.")
        page.get_by_role("button", name="Add an outcome").click()
        page.goto(f"/designs/{design_id}")  # leaves without saving
        page.goto(f"/designs/{design_id}/edit")
        page.get_by_role("link", name=re.compile("Restore what you were typing")).click()
        assert page.locator("#summary").input_value() == "Typed, then Add an outcome, then the person left."
        rows = page.locator("#outcomes-rows > fieldset.row")
        assert rows.count() == len(example_document()["outcomes"]) + 1
        # Discard, the other choice, also works without JavaScript
        page.goto(f"/designs/{design_id}/edit")
        page.get_by_role("button", name="Discard").click()
        assert page.locator("#autosave-offer").count() == 0 and copies(app) == 0
        assert page.locator("#summary").input_value() == example_document()["summary"]
    finally:
        context.close()


def test_typing_on_a_new_design_survives_a_row_button_and_leaving(page, app, design_id):
    """A new design has no id until its first save: its copy is the person's new-design slot."""
    page.on("dialog", lambda dialog: dialog.accept())  # the leave warning: the person leaves anyway
    log_in(page, OWNER)
    page.goto("/designs/new")
    page.locator("#title").fill("A new design typed and never saved")
    page.locator("#summary").fill("Typed on the new-design page, then Add an outcome, then left.")
    expect(page.locator("#save-status")).to_contain_text("A copy of what you typed was kept at")  # the script
    page.get_by_role("button", name="Add an outcome").click()
    rows = page.locator("#outcomes-rows > fieldset.row").count()
    page.goto("/designs")
    assert count(app, EditorNewAutosave) == 1 and count(app, DesignRevision) == 1  # only the fixture's

    page.goto("/designs/new")
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("You have typing that was not saved")
    assert page.locator("#title").input_value() == ""
    assert_accessible(page)
    offer.get_by_role("link", name=re.compile(r"^Restore what you were typing \(saved \d\d:\d\d\)$")).click()
    assert page.locator("#title").input_value() == "A new design typed and never saved"
    assert page.locator("#summary").input_value().startswith("Typed on the new-design page")
    assert page.locator("#outcomes-rows > fieldset.row").count() == rows
    page.locator("#savebar").get_by_role("button", name="Save draft").click()
    expect(page.locator("#save-status")).to_contain_text("Saved: revision 1")
    assert count(app, EditorNewAutosave) == 0  # the first save empties the slot


def test_leaving_with_unsaved_changes_warns_but_not_after_save_or_restore(page, app, design_id):
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    log_in(page, OWNER)
    page.goto(f"/designs/{design_id}/edit")
    page.locator("#summary").fill("Unsaved words")
    page.get_by_role("link", name="Design page").click()
    page.wait_for_url(f"**/designs/{design_id}")
    assert dialogs == ["beforeunload"]

    page.goto(f"/designs/{design_id}/edit")
    page.get_by_role("link", name=re.compile("Restore what you were typing")).click()
    page.locator("#title").click()  # the person is on the page, but changed nothing since the restore
    page.get_by_role("link", name="Design page").click()
    page.wait_for_url(f"**/designs/{design_id}")
    assert dialogs == ["beforeunload"]

    page.goto(f"/designs/{design_id}/edit?restore=1")
    page.locator("#savebar").get_by_role("button", name="Save draft").click()
    expect(page.locator("#save-status")).to_contain_text("Saved")
    page.locator("#title").click()
    page.get_by_role("link", name="Design page").click()
    page.wait_for_url(f"**/designs/{design_id}")
    assert dialogs == ["beforeunload"]  # no warning after a save


@pytest.mark.parametrize("how", ["logout-elsewhere", "cookie-cleared"])
def test_a_save_after_the_session_ended_is_kept_through_the_login(browser, live_server, app, design_id, how):
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        log_in(page, OWNER)
        page.goto(f"/designs/{design_id}/edit")
        page.locator("#summary").fill("Typed while the session was ending.")
        if how == "logout-elsewhere":  # the same person logs out on another device: every session ends
            other = browser.new_context(base_url=live_server)
            other_page = other.new_page()
            log_in(other_page, OWNER)
            other_page.get_by_role("button", name="Log out").click()
            other.close()
        else:
            context.clear_cookies()
        page.locator("#savebar").get_by_role("button", name="Save draft").click()
        page.wait_for_url(re.compile(r".*/login\?next="))
        assert "Your session had ended" in page.locator(".flashes").inner_text()
        assert count(app, DesignRevision) == 1
        page.get_by_label("Email").fill(OWNER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"**/designs/{design_id}/edit")
        assert page.locator("#summary").input_value() == "Typed while the session was ending."
        expect(page.locator("#editor-notice")).to_contain_text("Your session had ended when you pressed")
        page.locator("#savebar").get_by_role("button", name="Save draft").click()
        expect(page.locator("#save-status")).to_contain_text("Saved: revision 2")
        assert latest_document(app, design_id)["summary"] == "Typed while the session was ending."
    finally:
        context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_saved_and_the_check_panel_show_where_the_person_is(browser, live_server, app, design_id, width):
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        log_in(page, OWNER)
        page.goto(f"/designs/{design_id}/edit")
        page.locator("#assessments-0-title").fill("Campaign report, marked with the rubric")
        page.locator("#assessments-0-title").scroll_into_view_if_needed()
        page.locator("#savebar").get_by_role("button", name="Save draft").click()
        page.wait_for_load_state()
        assert re.search(r"/edit#(section-)?assessments(-0)?$", page.url), page.url
        expect(page.locator("#save-status")).to_contain_text("Saved: revision 2")
        assert in_viewport(page, "#save-status")
        assert in_viewport(page, "#assessments-0-title")  # back where the person was
        assert page.evaluate("window.scrollY") > 1000

        page.locator("#savebar").get_by_role("button", name="Check my draft").click()
        page.wait_for_url("**#check")
        after = page.evaluate("document.querySelector('#section-assessments').nextElementSibling.id")
        assert after == "check"  # the panel right after the section the person was in
        assert in_viewport(page, "#check-h")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        assert_accessible(page)
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(DesignRevision)) == 2
    finally:
        context.close()
