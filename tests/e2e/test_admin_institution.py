"""Institution administration in real Chromium: the profile's defaults appear in a new design; a rubric
file with a mistake is refused with its line, a good one is stored and listed."""

import shutil
from pathlib import Path

import pytest

from tests.designer.institution.test_rubric_admin import GOOD
from tests.e2e.conftest import assert_accessible, log_in


@pytest.fixture
def rubric_store(live_app):
    yield
    folder = Path(live_app.config["RUBRICS_STORE_DIR"])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def test_profile_defaults_appear_in_a_new_design(page, make_user, browser, live_server):
    make_user("admin", email="boss@test.example")
    make_user("faculty", email="asha@test.example")
    log_in(page, "boss@test.example")
    page.goto("/admin/institution")
    assert_accessible(page)
    page.get_by_label("Legal name").fill("Test University of Pune")
    page.get_by_label("Academic Bank of Credits id").fill("ABC-4242")
    page.get_by_label("AISHE code").fill("U-0420")
    page.get_by_label("Default grading scheme").fill("UGC 10-point letter grades")
    page.get_by_label("Default pass mark (%)").fill("40")
    page.get_by_role("button", name="Save the profile").click()
    assert page.get_by_text("Saved:").is_visible()

    author = browser.new_context(base_url=live_server).new_page()
    log_in(author, "asha@test.example")
    author.goto("/designs/new")
    assert author.locator("#awarding_name").input_value() == "Test University of Pune"
    assert author.locator("#abc_id").input_value() == "ABC-4242"
    assert author.locator("#grading_scheme").input_value() == "UGC 10-point letter grades"
    author.context.close()


def test_rubric_upload_refuses_a_bad_file_and_keeps_a_good_one(page, make_user, tmp_path, rubric_store):
    make_user("admin", email="boss@test.example")
    log_in(page, "boss@test.example")
    page.goto("/admin/rubrics")
    assert_accessible(page)
    bad = tmp_path / "esou-strict.toml"
    bad.write_text(GOOD.replace("pass_threshold = 90", "pass_threshold = 190"), encoding="utf-8")
    page.get_by_label("Rubric file (TOML)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and upload").click()
    assert page.get_by_text("esou-strict.toml, line 6").is_visible()
    assert_accessible(page)
    good = tmp_path / "good" / "esou-strict.toml"
    good.parent.mkdir()
    good.write_text(GOOD, encoding="utf-8")
    page.get_by_label("Rubric file (TOML)").set_input_files(str(good))
    page.get_by_role("button", name="Check and upload").click()
    assert page.get_by_text("Stored ESOU strict rubric, version 1.0.0").is_visible()
    page.goto("/admin/rubrics")
    assert page.get_by_role("link", name="ESOU strict rubric").is_visible()
