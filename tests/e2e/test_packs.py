"""An organiser builds a syllabi pack of three approved designs in real Chromium and downloads it."""

import re

from pypdf import PdfReader

from tests.conftest import example_document
from tests.designer.exports.conftest import approve_design
from tests.e2e.conftest import assert_accessible, log_in

TITLES = ["Analytics Basics", "Python for Data", "Academic Writing"]


def test_organiser_builds_and_downloads_a_pack(app, page, make_user, make_design, tmp_path):
    owner = make_user("faculty")
    for n, title in enumerate(TITLES, 1):
        document = {**example_document(), "title": title, "code": f"MC-E2E-{n}"}
        approve_design(app, make_design(owner, document))
    make_design(owner, {**example_document(), "title": "Still a draft"})
    make_user("organiser", email="sunil@test.example")

    log_in(page, "sunil@test.example")
    page.get_by_role("link", name="Approved catalogue").click()
    assert page.get_by_text("Still a draft").count() == 0
    assert_accessible(page)
    for title in TITLES:
        page.get_by_label(re.compile(f"^{title}")).check()
    page.get_by_label("Pack title").fill("Pune workshop, 12 March 2027")
    page.get_by_role("button", name="Build the pack").click()

    page.wait_for_url(re.compile(r"/packs/\d+$"))
    assert page.locator("progress#pack-progress").count() == 1
    download_link = page.get_by_role("link", name=re.compile("Download the pack"))
    download_link.wait_for(timeout=90_000)  # the page's script reloads it when the job is done
    assert page.locator("progress#pack-progress").get_attribute("value") == "3"
    assert "3 of 3 syllabi" in page.get_by_role("status").inner_text()
    assert_accessible(page)
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "pack.pdf"
    info.value.save_as(path)
    pack = PdfReader(path)
    # One bookmark per syllabus, in catalogue order (by title); each holds its sections' bookmarks.
    assert [item.title for item in pack.outline if not isinstance(item, list)] == [
        "MC-E2E-3: Academic Writing",
        "MC-E2E-1: Analytics Basics",
        "MC-E2E-2: Python for Data",
    ]
    assert sum("Page 1 of" in p.extract_text() for p in pack.pages) == 3
