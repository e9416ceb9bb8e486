"""The "Check my draft" panel in real Chromium.

A vague outcome verb is found, linked to its field, and cleared when fixed.
"""

import re

from tests.e2e.conftest import assert_accessible, log_in

EMAIL = "ravi@test.example"


def test_o02_finding_links_to_outcome_and_clears_after_fix(page, make_user):
    make_user("faculty", email=EMAIL)
    log_in(page, EMAIL)
    page.get_by_role("link", name="New design", exact=True).first.click()
    page.get_by_label("Title (required)").fill("Cloud Computing Foundations")
    page.locator("#outcomes-0-text").fill("Understand cloud computing")
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(re.compile(r".*/edit#"))
    assert "the version saved" in page.locator("#check-scored").inner_text()

    finding = page.locator('#check li[data-check="O02"]')
    assert finding.count() == 1
    assert "understand" in finding.inner_text().lower()
    link = finding.get_by_role("link")
    assert link.get_attribute("href") == "#outcomes-0-text"
    link.click()
    assert page.evaluate("document.activeElement.id") == "outcomes-0-text" or page.url.endswith(
        "#outcomes-0-text"
    )
    assert page.locator("#matrix-h").is_visible() and page.locator("svg.bloom-chart").is_visible()
    assert_accessible(page)

    page.locator("#outcomes-0-text").fill(
        "Compare the cost of running a web application on two cloud platforms."
    )
    page.get_by_role("button", name="Check my draft").first.click()
    page.wait_for_load_state()
    assert "what is on screen now, which is not saved" in page.locator("#check-scored").inner_text()
    assert page.locator('#check li[data-check="O02"]').count() == 0
    assert page.locator("#outcomes-0-text").input_value().startswith("Compare the cost")


def test_a_blank_draft_lists_each_check_once_and_says_what_it_scored(page, make_user):
    make_user("faculty", email=EMAIL)
    log_in(page, EMAIL)
    page.get_by_role("link", name="New design", exact=True).first.click()
    assert "what is on screen now, which is not saved" in page.locator("#check-scored").inner_text()
    page.get_by_label("Title (required)").fill("Blank course")
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(re.compile(r".*/edit#"))
    assert "the version saved" in page.locator("#check-scored").inner_text()
    assert "(revision 1)" in page.locator("#check-scored").inner_text()

    texts = page.locator("#check ul.findings > li").all_inner_texts()
    assert len(texts) == len(set(texts))
    credits = page.locator('#check li[data-check~="N02"]')
    assert credits.count() == 1 and credits.get_attribute("data-check") == "N01 N02 N03"
    abc = page.locator('#check li[data-check="N06"]')
    assert [a.inner_text() for a in abc.get_by_role("link").all()] == [
        "Course code", "ABC id", "Credits", "Level", "Grading scheme"]
    abc.get_by_role("link", name="ABC id").click()
    assert page.url.endswith("#abc_id")

    page.locator("#summary").fill("Typed, not saved")
    page.get_by_role("button", name="Add an outcome").click()  # a row operation scores the screen
    page.wait_for_load_state()
    assert "what is on screen now, which is not saved" in page.locator("#check-scored").inner_text()
    assert_accessible(page)
