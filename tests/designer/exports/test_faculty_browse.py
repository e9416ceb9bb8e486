"""Faculty browse their institution's approved designs (to avoid duplicates) and clone a colleague's,
seeing only the approved revision, never a colleague's draft or work in progress."""

import sqlalchemy as sa

from designer.designs.services import latest_revision, save_revision
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document


def test_faculty_browse_open_and_clone_a_colleagues_approved_design(app, client, make_user, make_design,
                                                                    approve, login_as):
    colleague = make_user("faculty")
    approved_id = make_design(colleague, {**example_document(), "title": "Colleague's Analytics"})
    approve(approved_id)
    draft_id = make_design(colleague, {**example_document(), "title": "Colleague's Draft"})
    elsewhere = make_user("faculty", institution="Other University")
    other_id = make_design(elsewhere, {**example_document(), "title": "Other Institution's Course"})
    approve(other_id)
    with app.app_context():  # the colleague keeps working on the approved design
        design = db.session.get(Design, approved_id)
        save_revision(db.session, design, {**example_document(), "title": "Work in progress"},
                      db.session.get(User, colleague), base_revision=design.latest_revision)
        db.session.commit()

    me = make_user("faculty")
    login_as(me)
    page = client.get("/catalogue").get_data(as_text=True)
    assert "Colleague&#39;s Analytics" in page or "Colleague's Analytics" in page
    assert "Colleague's Draft" not in page and "Other Institution" not in page
    assert "Build the pack" not in page  # browsing only: packs are for organisers
    assert client.post("/catalogue", data={}).status_code in (400, 403)

    shown = client.get(f"/designs/{approved_id}").get_data(as_text=True)
    assert "Colleague" in shown and "Work in progress" not in shown
    assert client.get(f"/designs/{draft_id}").status_code == 403
    assert client.get(f"/designs/{other_id}").status_code == 403

    csrf = _csrf(client, f"/designs/{approved_id}")
    response = client.post(f"/designs/{approved_id}/clone", data={"csrf_token": csrf} if csrf else {})
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.scalar(
            sa.select(Design).where(Design.owner_id == me, Design.cloned_from_id == approved_id))
        assert latest_revision(db.session, copy).document["title"] == "Copy of Colleague's Analytics"


def _csrf(client, path: str) -> str:
    import re

    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return match.group(1) if match else ""
