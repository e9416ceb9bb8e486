"""The review tests' committee and workflow driver (reused here), and a three-stage route."""

import pytest

from designer.approval import route
from designer.extensions import db
from designer.models import User
from tests.designer.review import conftest as review_fixtures

flow, make_person, people = review_fixtures.flow, review_fixtures.make_person, review_fixtures.people


@pytest.fixture
def three_stages(app, people, make_person):
    """Department committee (reviewer, scores) -> Board of Studies (reviewer2 + council, 2 reviews, decides)
    -> Academic Council (council, decides)."""
    council = make_person("reviewer", email="council@test.example", name="Chitra Council")
    with app.app_context():
        admin = db.session.get(User, people.admin)
        route.add_stage(
            db.session,
            admin,
            name="Department committee",
            reviews_required=1,
            scores_manual=True,
            member_ids=[people.reviewer],
            chair_id=people.reviewer,
        )
        route.add_stage(
            db.session,
            admin,
            name="Board of Studies",
            reviews_required=2,
            scores_manual=False,
            member_ids=[people.reviewer2, council],
            chair_id=people.reviewer2,
        )
        route.add_stage(
            db.session,
            admin,
            name="Academic Council",
            reviews_required=1,
            scores_manual=False,
            member_ids=[council],
            chair_id=council,
        )
        db.session.commit()
    return council
