"""A clone keeps the source's department and gets a course code nobody uses yet; a duplicate course code
is flagged in the editor and at submission."""

from designer.designs.services import suggest_code
from designer.extensions import db
from designer.models import Design
from tests.conftest import example_document, login
from tests.designer.designs.helpers import design_row, flashed_text


def test_clone_keeps_the_department_of_the_source(app, client, make_user, make_design):
    author = make_user("faculty", department="School of Commerce")
    design_id = make_design(author, department="School of Commerce")
    colleague = make_user("reviewer", department="School of Engineering")
    login(client, author)
    client.post(f"/designs/{design_id}/clone")
    copy = design_row(app, design_id + 1)
    assert copy.department == "School of Commerce" and copy.code == "MC-DMA-102"
    assert colleague


def test_suggested_codes_skip_every_code_in_use(app, ctx, make_user, make_design):
    owner = make_user("faculty")
    for code in ("MC-DMA-101", "MC-DMA-102", "MKT"):
        make_design(owner, example_document() | {"code": code})
    institution = db.session.get(Design, 1).institution
    assert suggest_code(db.session, institution, "MC-DMA-101") == "MC-DMA-103"
    assert suggest_code(db.session, institution, "MKT") == "MKT-2"
    assert suggest_code(db.session, institution, "NEW-1") == "NEW-1"
    assert suggest_code(db.session, "Elsewhere", "MKT") == "MKT"


def test_duplicate_code_is_flagged_in_the_editor_and_at_submission(app, client, make_user, make_design):
    owner = make_user("faculty")
    first = make_design(owner)
    second = make_design(owner, example_document() | {"title": "Another course"})
    login(client, owner)
    editor = client.get(f"/designs/{second}/edit").get_data(as_text=True)
    assert "The course code MC-DMA-101 is also used by &#39;Digital Marketing Analytics Essentials&#39;" \
        f" (design {first})" in editor
    client.post(f"/designs/{second}/submit", data={"base_revision": "1"})
    assert "also used by" in flashed_text(client) and design_row(app, second).status == "submitted"
