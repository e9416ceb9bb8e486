"""Design storage: revisions are appended, list columns follow the document, conflicts are detected."""

import pytest

from designer.designs import services
from designer.extensions import db
from designer.models import Design, DesignRevision, DesignTag, User
from tests.conftest import example_document


def test_create_and_save_appends_revisions(app, make_user, make_design):
    owner_id = make_user()
    design_id = make_design(owner_id)
    with app.app_context():
        design, owner = db.session.get(Design, design_id), db.session.get(User, owner_id)
        doc = example_document()
        doc["title"] = "Renamed"
        revision = services.save_revision(db.session, design, doc, owner, base_revision=1)
        db.session.commit()
        assert revision.number == 2 and design.latest_revision == 2
        assert design.title == "Renamed" and design.credits == 2 and design.level == 5
        numbers = db.session.scalars(db.select(DesignRevision.number).filter_by(design_id=design_id)).all()
        assert sorted(numbers) == [1, 2]
        first = services.get_revision(db.session, design, 1)
        assert first.document["title"] == "Digital Marketing Analytics Essentials"  # never overwritten
        tags = db.session.scalars(db.select(DesignTag.tag).filter_by(design_id=design_id)).all()
        assert sorted(tags) == ["data literacy", "digital marketing", "web analytics"]


def test_stale_save_is_a_conflict_and_stores_nothing(app, make_user, make_design):
    owner_id = make_user()
    design_id = make_design(owner_id)
    with app.app_context():
        design, owner = db.session.get(Design, design_id), db.session.get(User, owner_id)
        services.save_revision(
            db.session, design, example_document() | {"title": "Theirs"}, owner, base_revision=1
        )
        db.session.commit()
        with pytest.raises(services.EditConflict) as info:
            services.save_revision(
                db.session, design, example_document() | {"title": "Mine"}, owner, base_revision=1
            )
        db.session.rollback()
        assert info.value.latest.number == 2 and info.value.latest.document["title"] == "Theirs"
        assert db.session.get(Design, design_id).latest_revision == 2
        assert db.session.scalar(db.select(db.func.count()).select_from(DesignRevision)) == 2


def test_incomplete_draft_saves(app, make_user):
    owner_id = make_user()
    with app.app_context():
        owner = db.session.get(User, owner_id)
        design = services.create_design(
            db.session, owner, {"schema_version": "1", "title": "Half done", "outcomes": [{"id": "LO1"}]}
        )
        db.session.commit()
        assert design.latest_revision == 1 and design.credits is None


@pytest.mark.parametrize(
    "change, path",
    [
        ({"credits": -1}, "credits"),
        ({"level": {"framework": "NCrF", "value": 9}}, "level/value"),
        ({"title": "x" * 100_000}, "title"),
        (
            {"activities": [{"id": "A1", "title": "t", "kind": "lab", "hours": 2, "outcomes": ["LO9"]}]},
            "activities/0/outcomes/0",
        ),
    ],
)
def test_invalid_draft_is_refused(app, make_user, change, path):
    owner_id = make_user()
    with app.app_context():
        owner = db.session.get(User, owner_id)
        with pytest.raises(services.InvalidDocument) as info:
            services.create_design(db.session, owner, example_document() | change)
        db.session.rollback()
        assert path in [p.path for p in info.value.problems]
        assert db.session.scalar(db.select(db.func.count()).select_from(Design)) == 0
