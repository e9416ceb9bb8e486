"""Nobody reviews work they had a hand in; co-authors are fixed while the committee has the design;
every co-author change is audited; reviewers score independently everywhere; audit.csv runs no formulas."""

import csv
import io
import re

import pytest

from designer.designs import services as design_services
from designer.extensions import db
from designer.models import AuditEvent, Design, User
from designer.review import services
from tests.conftest import example_document, login


def _share(app, design_id, owner_id, coauthor_id):
    with app.app_context():
        design = db.session.get(Design, design_id)
        design_services.add_coauthor(db.session, design, db.session.get(User, owner_id),
                                     db.session.get(User, coauthor_id))
        db.session.commit()


def _unshare(app, design_id, owner_id, coauthor_id):
    with app.app_context():
        design = db.session.get(Design, design_id)
        design_services.remove_coauthor(db.session, design, db.session.get(User, owner_id), coauthor_id)
        db.session.commit()


def _save_as(app, design_id, user_id, title):
    with app.app_context():
        design = db.session.get(Design, design_id)
        document = example_document() | {"title": title}
        design_services.save_revision(db.session, design, document, db.session.get(User, user_id),
                                      base_revision=design.latest_revision)
        db.session.commit()


def test_a_reviewer_who_was_co_author_and_saved_a_revision_cannot_approve_it(app, flow, people, make_design):
    """The attack of issue 8: add R as co-author, R edits, remove R, submit, R approves."""
    design_id = make_design(people.author)
    _share(app, design_id, people.author, people.reviewer)
    _save_as(app, design_id, people.reviewer, "Edited by the reviewer")
    _unshare(app, design_id, people.author, people.reviewer)
    flow.submit(design_id, people.author)
    with pytest.raises(services.ReviewError, match="author or co-author"):
        flow.review(design_id, people.reviewer)
    with pytest.raises(services.ReviewError):
        flow.start(design_id, people.reviewer)
    flow.review(design_id, people.reviewer2)
    with pytest.raises(services.ReviewError):
        flow.decide(design_id, people.reviewer, "approve")
    assert flow.design(design_id).status == "in_review"


def test_a_former_co_author_who_never_saved_is_not_its_reviewer(app, flow, people, make_design, client):
    design_id = make_design(people.author)
    _share(app, design_id, people.author, people.reviewer)
    _unshare(app, design_id, people.author, people.reviewer)
    flow.submit(design_id, people.author)
    login(client, people.reviewer)
    assert client.get(f"/review/designs/{design_id}").status_code == 403
    assert b"Review queue" in client.get("/review/queue").data
    assert f"/review/designs/{design_id}".encode() not in client.get("/review/queue").data
    login(client, people.reviewer2)
    assert f"/review/designs/{design_id}".encode() in client.get("/review/queue").data


def test_the_owner_of_a_design_never_reviews_it_after_a_clone_or_transfer_of_roles(app, flow, people,
                                                                                  make_design):
    # A reviewer who created a design (reviewers may author) stays out of its review.
    design_id = make_design(people.reviewer)
    flow.submit(design_id, people.reviewer)
    with pytest.raises(services.ReviewError):
        flow.review(design_id, people.reviewer)


@pytest.mark.parametrize("stage", ["submitted", "in_review"])
def test_co_authors_cannot_change_while_the_committee_has_the_design(app, flow, people, make_design, stage):
    design_id = make_design(people.author)
    _share(app, design_id, people.author, people.coauthor)
    flow.submit(design_id, people.author)
    if stage == "in_review":
        flow.start(design_id, people.reviewer)
    with pytest.raises(design_services.DesignError, match="withdraw it first"):
        _share(app, design_id, people.author, people.faculty)
    with pytest.raises(design_services.DesignError, match="withdraw it first"):
        _unshare(app, design_id, people.author, people.coauthor)
    with app.app_context():
        assert [c.id for c in db.session.get(Design, design_id).coauthors] == [people.coauthor]


def test_the_co_author_page_refuses_while_submitted(app, flow, people, make_design, client):
    design_id = make_design(people.author)
    flow.submit(design_id, people.author)
    login(client, people.author)
    client.post(f"/designs/{design_id}/coauthors", data={"email": "rev1@test.example"})
    with app.app_context():
        assert db.session.get(Design, design_id).coauthors == []


def test_every_co_author_change_is_audited(app, people, make_design):
    design_id = make_design(people.author)
    _share(app, design_id, people.author, people.coauthor)
    _unshare(app, design_id, people.author, people.coauthor)
    with app.app_context():
        events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.design_id == design_id)
                                    .order_by(AuditEvent.id)).all()
        assert [(e.action, e.actor_id, e.comment) for e in events] == [
            ("coauthor_added", people.author, "Chandra Coauthor <coauthor@test.example>"),
            ("coauthor_removed", people.author, "Chandra Coauthor <coauthor@test.example>"),
        ]


RATING_SUMMARY = re.compile(r"\b[a-z]\d+ partly met", re.I)


def _ratings_with_comment(app, design_id, comment):
    with app.app_context():
        sub = services.open_submission(db.session, db.session.get(Design, design_id))
        return {c["id"]: (2, comment) for c in sub.manual_criteria}


@pytest.fixture
def reviewed_by_one(app, flow, people, make_design):
    """A design in review that reviewer 1 rated "partly met" with a telling comment and private note."""
    design_id = make_design(people.author)
    flow.submit(design_id, people.author)
    flow.review(design_id, people.reviewer, _ratings_with_comment(app, design_id, "SECRET-RATIONALE"),
                note="SECRET-NOTE")
    return design_id


@pytest.mark.parametrize("url", ["/designs/{id}/review-status", "/designs/{id}/audit.csv", "/designs/{id}",
                                 "/review/designs/{id}"])
def test_other_reviewers_ratings_stay_hidden_until_my_own_review(app, client, flow, people, reviewed_by_one,
                                                                  url):
    login(client, people.reviewer2)
    page = client.get(url.format(id=reviewed_by_one)).get_data(as_text=True)
    assert "SECRET-RATIONALE" not in page and "SECRET-NOTE" not in page
    assert not RATING_SUMMARY.search(page)  # the audit row "m01 partly met, ..." of reviewer 1
    flow.review(reviewed_by_one, people.reviewer2)
    page = client.get(url.format(id=reviewed_by_one)).get_data(as_text=True)
    assert "SECRET-RATIONALE" in page or RATING_SUMMARY.search(page)


def test_reviewers_own_ratings_and_admins_are_not_hidden(app, client, people, reviewed_by_one):
    for who in (people.reviewer, people.admin):
        login(client, who)
        page = client.get(f"/designs/{reviewed_by_one}/review-status").get_data(as_text=True)
        assert "SECRET-RATIONALE" in page


def test_audit_csv_neutralises_formulas(app, client, flow, people, make_design):
    design_id = make_design(people.author)
    flow.submit(design_id, people.author, comment='=HYPERLINK("http://evil.example","x")')
    flow.withdraw(design_id, people.author, comment="+1+cmd|' /C calc'!A0")
    flow.submit(design_id, people.author, comment="@SUM(1)")
    flow.withdraw(design_id, people.author, comment="-2+3")
    login(client, people.author)
    rows = list(csv.reader(io.StringIO(client.get(f"/designs/{design_id}/audit.csv").get_data(as_text=True))))
    comments = [row[6] for row in rows[1:]]
    assert comments == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+cmd|' /C calc'!A0", "'@SUM(1)",
                        "'-2+3"]
