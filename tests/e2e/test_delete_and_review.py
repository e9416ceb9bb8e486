"""Work-loss blockers in real Chromium: deleting asks first (with and without JavaScript) and can be undone
from Recently deleted; a reviewer who presses Approve before "Save my review" keeps every rating."""

import pytest
from playwright.sync_api import expect

from designer.extensions import db
from designer.models import Design, Review
from tests.conftest import example_document
from tests.e2e.conftest import assert_accessible, log_in

OWNER = "meera@test.example"


@pytest.fixture
def owned_design(make_user, make_design):
    owner = make_user("faculty", email=OWNER, name="Meera Iyer")
    return make_design(owner, example_document())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_delete_asks_then_restores(browser, live_server, app, owned_design, javascript):
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = context.new_page()
    try:
        log_in(page, OWNER)
        page.goto(f"/designs/{owned_design}")
        page.get_by_role("link", name="Delete draft").click()
        heading = page.get_by_role("heading", name="Delete “Digital Marketing Analytics Essentials”?")
        assert heading.is_visible()
        if javascript:
            assert_accessible(page)
        page.get_by_role("link", name="Keep it").click()  # changing one's mind changes nothing
        assert page.url.endswith(f"/designs/{owned_design}")
        page.get_by_role("link", name="Delete draft").click()
        page.get_by_role("button", name="Delete draft").click()
        page.wait_for_url("**/designs")
        assert "You can restore it from Recently deleted for 30 days" in page.locator(".flashes").inner_text()
        assert page.locator("table.list").count() == 0
        page.get_by_role("link", name="Recently deleted").click()
        if javascript:
            assert_accessible(page)
        page.get_by_role("button", name="Restore Digital Marketing Analytics Essentials").click()
        page.wait_for_url(f"**/designs/{owned_design}")
        assert "Restored 'Digital Marketing Analytics Essentials'." in page.locator(".flashes").inner_text()
        with app.app_context():
            assert db.session.get(Design, owned_design).deleted_at is None
    finally:
        context.close()


def test_approve_before_saving_the_review_keeps_the_ratings(page, app, make_user, make_design):
    from designer.checking.services import app_rubric
    from designer.models import User
    from designer.review import services

    author = make_user("faculty", email=OWNER, name="Meera Iyer")
    make_user("reviewer", email="rita@test.example", name="Rita Rao")
    design_id = make_design(author, example_document())
    with app.app_context():
        services.submit(db.session, db.session.get(Design, design_id), db.session.get(User, author),
                        app_rubric(app.config))
        db.session.commit()
    log_in(page, "rita@test.example")
    page.goto(f"/review/designs/{design_id}")
    selects = page.locator("#review-form select")
    for index in range(selects.count()):
        selects.nth(index).select_option("3")
    page.locator("#comment_M02").fill("Outcomes are observable and measurable.")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/review/queue")
    assert "Decision recorded: approved" in page.locator(".flashes").inner_text()
    with app.app_context():
        [review] = db.session.scalars(db.select(Review)).all()
        assert len(review.ratings) == selects.count() or len(review.ratings) == 6
        assert review.rating_for("M02").comment == "Outcomes are observable and measurable."


def test_review_typing_is_autosaved_and_offered_back(page, app, make_user, make_design):
    from designer.checking.services import app_rubric
    from designer.models import User
    from designer.review import services

    author = make_user("faculty", email=OWNER, name="Meera Iyer")
    make_user("reviewer", email="rita@test.example", name="Rita Rao")
    design_id = make_design(author, example_document())
    with app.app_context():
        services.submit(db.session, db.session.get(Design, design_id), db.session.get(User, author),
                        app_rubric(app.config))
        db.session.commit()
    log_in(page, "rita@test.example")
    page.goto(f"/review/designs/{design_id}")
    page.locator("#rating_M01").select_option("2")
    page.locator("#comment_M01").fill("The evidence of need is from 2015.")
    expect(page.locator("#review-autosave")).to_contain_text("Draft kept", timeout=10_000)
    page.goto(f"/review/designs/{design_id}")  # e.g. the tab was closed
    assert "Restored what you typed" in page.locator("#review-prefill").inner_text()
    assert page.locator("#comment_M01").input_value() == "The evidence of need is from 2015."
    assert page.locator("#rating_M01").input_value() == "2"
    assert_accessible(page)
