"""The public catalogue in real Chromium: accessible (axe), and searchable with JavaScript switched off."""

from tests.conftest import example_document
from tests.designer.exports.conftest import approve_design
from tests.e2e.conftest import assert_accessible


def test_public_catalogue_is_accessible_and_works_without_javascript(
        app, live_app, page, browser, live_server, make_user, make_design):
    owner = make_user("faculty")
    approve_design(app, make_design(owner, example_document()))
    writing = {**example_document(), "title": "Academic Writing", "code": "MC-WR-3"}
    approve_design(app, make_design(owner, writing))
    make_design(owner, {**example_document(), "title": "Secret Draft Course"})
    live_app.config["PUBLIC_CATALOGUE"] = True
    try:
        page.goto("/catalogue/public")
        assert page.get_by_text("Secret Draft Course").count() == 0
        assert_accessible(page)
        page.get_by_role("link", name="Digital Marketing Analytics Essentials").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Digital Marketing Analytics Essentials"
        assert_accessible(page)
        page.get_by_role("link", name="NCrF level 5").click()
        assert_accessible(page)

        context = browser.new_context(base_url=live_server, java_script_enabled=False,
                                      viewport={"width": 390, "height": 844})
        no_js = context.new_page()
        no_js.goto("/catalogue/public")
        no_js.get_by_label("Search by title, code or summary").fill("writing")
        no_js.get_by_role("button", name="Search").click()
        no_js.wait_for_url("**q=writing**")
        assert no_js.get_by_role("link", name="Academic Writing").count() == 1
        assert no_js.get_by_role("link", name="Digital Marketing Analytics Essentials").count() == 0
        no_js.get_by_role("link", name="Academic Writing").click()
        assert no_js.get_by_role("link", name="Syllabus (PDF)").count() == 1
        context.close()
    finally:
        live_app.config["PUBLIC_CATALOGUE"] = False
