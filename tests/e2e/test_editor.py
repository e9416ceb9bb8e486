"""The editor in real Chromium: a faculty member drafts a design, saves, reloads and sees it all;
axe finds no WCAG 2.1 AA violation; the workload panel follows the hours as they are typed."""

import json
import re

import pytest

from tests.e2e.conftest import assert_accessible, log_in

EMAIL = "asha@test.example"


@pytest.fixture
def faculty(make_user):
    return make_user("faculty", email=EMAIL, name="Asha Verma")


def test_faculty_creates_a_design_saves_reloads_and_sees_it(page, faculty, app):
    log_in(page, EMAIL)
    page.get_by_role("link", name="New design", exact=True).first.click()
    page.get_by_label("Title (required)").fill("Spreadsheet Skills for Clinic Staff")
    page.get_by_label("Credits", exact=True).fill("1")
    page.locator("#outcomes-0-text").fill("Build a patient-appointment sheet with validated inputs.")
    page.get_by_role("button", name="Add an outcome").click()
    assert page.locator("#outcomes-1-id").input_value() == "LO2"
    assert page.locator("#outcomes-0-text").input_value().startswith("Build a patient-appointment sheet")
    page.locator("#outcomes-1-text").fill("Summarise a month of appointments in a pivot table.")

    page.locator("#activities-0-title").fill("Guided lab: the appointment sheet")
    page.locator("#activities-0-kind").select_option("lab")
    page.locator("#activities-0-hours").fill("20")
    page.locator("#activities-0-outcomes").get_by_label("LO1").check()
    page.locator("#activities-0-outcomes").get_by_label("LO2").check()  # shown as soon as LO2 had text
    page.locator("#assessments-0-title").fill("Practical: build and summarise a sheet")
    page.locator("#assessments-0-kind").select_option("practical")
    page.locator("#assessments-0-purpose").select_option("summative")
    page.locator("#assessments-0-hours").fill("4")
    page.locator("#assessments-0-outcomes").get_by_label("LO2").check()
    page.get_by_role("button", name="Save draft").first.click()

    page.wait_for_url(re.compile(r".*/designs/1/edit#"))  # back where the person was (test_editor_autosave)
    assert (
        "Saved: revision 1 of 'Spreadsheet Skills for Clinic Staff'"
        in page.locator("#save-status").inner_text()
    )
    page.reload()
    assert page.get_by_label("Title (required)").input_value() == "Spreadsheet Skills for Clinic Staff"
    assert (
        page.locator("#outcomes-1-text").input_value()
        == "Summarise a month of appointments in a pivot table."
    )
    assert page.locator("#activities-0-kind").input_value() == "lab"
    assert page.locator("#activities-0-outcomes").get_by_label("LO1").is_checked()
    assert page.locator("#activities-0-outcomes").get_by_label("LO2").is_checked()
    assert page.locator("#assessments-0-outcomes").get_by_label("LO2").is_checked()
    assert not page.locator("#assessments-0-outcomes").get_by_label("LO1").is_checked()
    assert page.locator("[data-total]").inner_text() == "24"

    from tests.designer.designs.helpers import latest_document

    document = latest_document(app, 1)
    assert document["activities"][0]["outcomes"] == ["LO1", "LO2"]
    assert document["assessments"][0] | {} == {
        "id": "AS1",
        "title": "Practical: build and summarise a sheet",
        "kind": "practical",
        "purpose": "summative",
        "hours": 4,
        "outcomes": ["LO2"],
    }
    assert json.dumps(document, ensure_ascii=False)  # stored as plain JSON


def test_workload_panel_follows_typed_hours(page, faculty):
    log_in(page, EMAIL)
    page.goto("/designs/new")
    page.get_by_label("Credits", exact=True).fill("2")
    assert page.locator("[data-target]").inner_text() == "60"
    page.locator("#activities-0-hours").fill("30")
    assert page.locator("[data-total]").inner_text() == "30"
    assert "More than 10% off" in page.locator("[data-verdict]").inner_text()
    page.locator("#assessments-0-hours").fill("28.5")
    assert page.locator("[data-total]").inner_text() == "58.5"
    assert page.locator("[data-verdict]").inner_text() == "Within 10%: matches the credits."


def test_editor_and_lists_have_no_wcag_violations(page, faculty, make_design):
    make_design(faculty)
    log_in(page, EMAIL)
    assert_accessible(page)  # the list
    page.goto("/designs/new")
    assert_accessible(page)  # the empty editor
    page.goto("/designs/1/edit")
    assert_accessible(page)  # the filled editor, with Hindi translation
    page.locator("#activities-0-hours").fill("lots")
    page.get_by_label("Title (required)").fill("")
    page.get_by_role("button", name="Save draft").first.click()
    assert "Nothing was saved: please fix 2 problems" in page.locator("#error-summary").inner_text()
    page.locator("#error-summary a", has_text="Hours").click()
    assert page.evaluate("document.activeElement.id") == "activities-0-hours"
    assert_accessible(page)  # the editor with field errors
    page.goto("/designs/1")
    assert_accessible(page)  # the design page
    page.goto("/designs/import")
    assert_accessible(page)
