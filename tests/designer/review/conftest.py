"""Fixtures of the review tests: a committee (faculty author, co-author, two reviewers, organiser, admin,
and people of another institution) and helpers that drive the workflow through its services."""

from functools import cache
from types import SimpleNamespace

import pytest

from designer.auth.hashing import hash_password
from designer.checking.services import app_rubric
from designer.designs.services import latest_revision, save_revision
from designer.extensions import db
from designer.models import Design, User
from designer.review import services
from tests.conftest import INSTITUTION, PASSWORD


@cache
def _hash() -> str:
    # Hashed once: eight accounts per test with the production-strength hash would cost seconds per test.
    return hash_password(PASSWORD)


@pytest.fixture
def make_person(app):
    """make_person(role, email=, name=, institution=) -> user id, with the shared test password."""

    def make(role, *, email, name, institution=INSTITUTION):
        with app.app_context():
            user = User(
                email=email,
                name=name,
                role=role,
                institution=institution,
                department="School of Testing",
                password_hash=_hash(),
            )
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def people(make_person):
    """User ids by role, all in the test institution unless named 'other_*'."""
    make_user = make_person
    return SimpleNamespace(
        author=make_user("faculty", email="author@test.example", name="Asha Author"),
        coauthor=make_user("faculty", email="coauthor@test.example", name="Chandra Coauthor"),
        faculty=make_user("faculty", email="other-faculty@test.example", name="Farah Faculty"),
        reviewer=make_user("reviewer", email="rev1@test.example", name="Rita Reviewer"),
        reviewer2=make_user("reviewer", email="rev2@test.example", name="Ravi Reviewer"),
        organiser=make_user("organiser", email="org@test.example", name="Omar Organiser"),
        admin=make_user("admin", email="admin@test.example", name="Ada Admin"),
        other_reviewer=make_user(
            "reviewer",
            email="rev-else@else.example",
            institution="Elsewhere University",
            name="Otto Outsider",
        ),
    )


class Flow:
    """Run workflow steps by ids, each in its own committed transaction like a request."""

    def __init__(self, app):
        self.app = app

    def _run(self, fn):
        with self.app.app_context():
            try:
                result = fn()
                db.session.commit()
                return result
            except Exception:
                db.session.rollback()
                raise

    def design(self, design_id):
        with self.app.app_context():
            design = db.session.get(Design, design_id)
            db.session.expunge_all()
            return design

    def submit(self, design_id, user_id, **kw):
        return self._run(
            lambda: (
                services.submit(
                    db.session,
                    db.session.get(Design, design_id),
                    db.session.get(User, user_id),
                    app_rubric(self.app.config),
                    **kw,
                ).id
            )
        )

    def withdraw(self, design_id, user_id, comment=""):
        return self._run(
            lambda: (
                services.withdraw(
                    db.session, db.session.get(Design, design_id), db.session.get(User, user_id), comment
                ).id
            )
        )

    def start(self, design_id, user_id):
        return self._run(
            lambda: (
                services.start_review(
                    db.session, db.session.get(Design, design_id), db.session.get(User, user_id)
                ).id
            )
        )

    def review(self, design_id, user_id, ratings=None, note=""):
        def run():
            design = db.session.get(Design, design_id)
            sub = services.open_submission(db.session, design)
            marks = ratings if ratings is not None else services.full_marks(sub) if sub else {}
            return services.record_review(db.session, design, db.session.get(User, user_id), marks, note).id

        return self._run(run)

    def decide(self, design_id, user_id, decision, comment="", **kw):
        return self._run(
            lambda: (
                services.decide(
                    db.session,
                    db.session.get(Design, design_id),
                    db.session.get(User, user_id),
                    decision,
                    comment,
                    **kw,
                ).id
            )
        )

    def edit(self, design_id, user_id, change=None):
        """Save a new revision (the editor's save), changing the summary."""

        def run():
            design = db.session.get(Design, design_id)
            latest = latest_revision(db.session, design)
            summary = change or latest.document.get("summary", "") + " Revised."
            document = dict(latest.document, summary=summary)
            return save_revision(
                db.session, design, document, db.session.get(User, user_id), base_revision=latest.number
            ).number

        return self._run(run)

    def approve(self, design_id, author_id, reviewer_id):
        self.submit(design_id, author_id)
        self.review(design_id, reviewer_id)
        return self.decide(design_id, reviewer_id, "approve")


@pytest.fixture
def flow(app):
    return Flow(app)
