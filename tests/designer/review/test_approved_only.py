"""Organisers and anyone who is not an author or the institution's committee see only the approved
revision: in pages, lists, exports and PDFs, never the work in progress that followed it."""

import pytest

from designer.designs import services as design_services
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document, login

SECRET = "WORK-IN-PROGRESS-TITLE"


@pytest.fixture
def edited_after_approval(app, flow, people, make_design):
    """An approved design whose authors have since saved a new working copy with a new title."""
    design_id = make_design(people.author, example_document() | {"title": "Approved Title"})
    flow.approve(design_id, people.author, people.reviewer)
    with app.app_context():
        design = db.session.get(Design, design_id)
        document = example_document() | {"title": SECRET, "code": "WIP-9"}
        design_services.save_revision(db.session, design, document, db.session.get(User, people.author),
                                      base_revision=design.latest_revision)
        db.session.commit()
    return design_id


@pytest.mark.parametrize("who", ["organiser", "other_reviewer"])
def test_pack_roles_see_only_the_approved_revision(client, people, edited_after_approval, who):
    login(client, getattr(people, who))
    design_id = edited_after_approval
    for url in ["/catalogue", f"/designs/{design_id}", f"/designs/{design_id}/export.json",
                f"/designs/{design_id}/badge.json"]:
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert SECRET not in body and "WIP-9" not in body, url
    assert "Approved Title" in client.get("/catalogue").get_data(as_text=True)
    assert client.get(f"/designs/{design_id}/preview.pdf").status_code == 403
    assert "preview.pdf" not in client.get(f"/designs/{design_id}").get_data(as_text=True)


def test_authors_still_preview_the_working_copy(client, people, edited_after_approval):
    for who in (people.author, people.admin):
        login(client, who)
        response = client.get(f"/designs/{edited_after_approval}/preview.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"

