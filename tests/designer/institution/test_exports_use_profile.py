"""The institution profile flows into exports: a new design carries its defaults into the PDF syllabus and
the Open Badges 3.0 achievement, and the exports complete what a design lacks from the profile."""

import json

import pytest

from designer.extensions import db
from designer.institution.profile import design_defaults, get_profile
from tests.conftest import INSTITUTION, example_document, login
from tests.designer.exports.conftest import approve_design, pdf_text


@pytest.fixture
def profile(app, make_user):
    admin_id = make_user("admin")
    with app.app_context():
        from designer.models import User

        profile = get_profile(db.session, INSTITUTION)
        from designer.institution.profile import update_profile

        update_profile(
            db.session,
            db.session.get(User, admin_id),
            profile,
            {
                "legal_name": "Test University of Pune",
                "abc_id": "ABC-4242",
                "aishe_code": "U-0420",
                "website": "https://tup.example.in",
                "region": "Maharashtra",
                "grading_scheme": "UGC 10-point",
                "pass_mark": 40,
                "approving_bodies": ["Board of Studies", "Academic Council"],
            },
        )
        db.session.commit()
        return design_defaults(profile)


def test_defaults_of_a_new_design_reach_its_pdf_and_badge(app, client, make_user, make_design, profile):
    author = make_user("faculty")
    document = {**example_document(), **profile}  # what the editor starts a new design from
    design_id = make_design(author, document)
    approve_design(app, design_id)
    login(client, author)
    pdf = client.get(f"/designs/{design_id}/syllabus.pdf")
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.data))
    assert "Test University of Pune" in text and "ABC-4242" in text
    badge = json.loads(client.get(f"/designs/{design_id}/badge.json").data)
    dumped = json.dumps(badge)
    assert "Test University of Pune" in dumped and "ABC-4242" in dumped and "U-0420" in dumped


def test_exports_complete_a_design_from_the_profile(app, client, make_user, make_design, profile):
    author = make_user("faculty")
    document = example_document()
    document["awarding_body"] = {"name": "Test University of Pune", "country": "IN"}  # no ids of its own
    design_id = make_design(author, document)
    approve_design(app, design_id)
    login(client, author)
    dumped = client.get(f"/designs/{design_id}/badge.json").get_data(as_text=True)
    assert "ABC-4242" in dumped and "https://tup.example.in" in dumped
