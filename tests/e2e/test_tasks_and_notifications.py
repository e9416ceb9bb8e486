"""In Chromium: "My tasks" for an author and a reviewer passes axe; a notification leads to the committee's
comments in one page load; the notification settings page works without JavaScript."""

from designer.checking.services import app_rubric
from designer.extensions import db
from designer.models import Design, User
from designer.review import services
from tests.conftest import example_document
from tests.e2e.conftest import assert_accessible, log_in


def _changes_requested(app, make_user, make_design):
    author = make_user("faculty", email="asha@test.example", name="Asha Verma")
    reviewer = make_user("reviewer", email="rita@test.example", name="Rita Rao")
    design_id = make_design(author, example_document())
    with app.app_context():
        design = db.session.get(Design, design_id)
        sub = services.submit(db.session, design, db.session.get(User, author), app_rubric(app.config))
        services.record_review(db.session, design, db.session.get(User, reviewer), services.full_marks(sub))
        services.decide(db.session, design, db.session.get(User, reviewer), "request_changes",
                        "Name the employer partners.")
        db.session.commit()
    return design_id


def test_notification_to_comments_in_one_page_load(page, app, make_user, make_design):
    design_id = _changes_requested(app, make_user, make_design)
    log_in(page, "asha@test.example")
    page.goto("/tasks")
    assert page.get_by_role("heading", name="Comments to answer").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Notifications").click()
    loads = []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)
    page.locator("main a", has_text="Name the employer partners").click()
    page.wait_for_url(f"**/designs/{design_id}/review-status")
    assert len(loads) == 1 and "Name the employer partners." in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Revise in the editor").is_visible()


def test_reviewer_tasks_and_settings_without_javascript(browser, live_server, app, make_user, make_design):
    author = make_user("faculty", email="asha@test.example", name="Asha Verma")
    make_user("reviewer", email="rita@test.example", name="Rita Rao")
    design_id = make_design(author, example_document())
    with app.app_context():
        services.submit(db.session, db.session.get(Design, design_id), db.session.get(User, author),
                        app_rubric(app.config))
        db.session.commit()
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "rita@test.example")
        page.goto("/tasks")
        assert page.locator(f"a[href='/review/designs/{design_id}']").count() == 1
        page.goto("/account/notifications")
        page.get_by_label("Email me about notifications").select_option("digest")
        page.get_by_role("button", name="Save settings").click()
        assert "one email a day" in page.locator(".flashes").inner_text()
        with app.app_context():
            assert db.session.scalar(db.select(User.email_preference).where(
                User.email == "rita@test.example")) == "digest"
    finally:
        context.close()
