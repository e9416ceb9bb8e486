"""Several roles per account: the union of their rights, and still nobody reviews their own work."""

import pytest
from werkzeug.security import generate_password_hash

from designer.designs import permissions
from designer.extensions import db
from designer.models import Design, Status, User


def _user(roles, institution="Test University") -> User:
    return User(id=1, email="p@test.example", name="P", roles=frozenset(roles), institution=institution)


def _design(**kwargs) -> Design:
    values = {
        "id": 9,
        "owner_id": 2,
        "institution": "Test University",
        "status": Status.APPROVED.value,
        "approved_revision_id": 5,
    }
    values.update(kwargs)
    design = Design(**values)
    design.coauthors = []
    return design


def test_reviewer_of_another_institution_who_organises_sees_approved_designs():
    """Reviewer rights do not stop at their institution's check: the organiser role still applies."""
    person = _user({"reviewer", "organiser"}, institution="Elsewhere")
    assert permissions.can_view(person, _design())
    assert not permissions.can_view(_user({"reviewer"}, institution="Elsewhere"), _design())


def test_author_who_is_also_on_the_committee_cannot_review_their_own_design():
    person = _user({"faculty", "reviewer"})
    own = _design(owner_id=person.id, status=Status.SUBMITTED.value)
    theirs = _design(status=Status.SUBMITTED.value)
    assert permissions.can_edit(person, _design(owner_id=person.id, status=Status.DRAFT.value))
    assert not permissions.can_review(person, own) and permissions.can_review(person, theirs)


def test_role_text_and_has_role():
    person = _user({"reviewer", "faculty"})
    assert person.role == "faculty, reviewer"
    assert person.has_role(permissions.Role.REVIEWER) and not person.has_role(permissions.Role.ADMIN)
    person.role = "admin"
    assert person.roles == {"admin"}


@pytest.mark.usefixtures("ctx")
def test_roles_round_trip_through_the_database():
    user = User(
        email="r@test.example",
        name="R",
        roles={"reviewer", "faculty"},
        institution="T",
        password_hash=generate_password_hash("x"),
    )
    db.session.add(user)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).roles == frozenset({"faculty", "reviewer"})
