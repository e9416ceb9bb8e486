"""Every transition of the committee workflow, allowed and refused, with its audit trail."""

import pytest
import sqlalchemy as sa

from designer.designs.services import DesignError, get_revision, save_revision
from designer.extensions import db
from designer.models import AuditEvent, Design, Notification, Status, Submission, User
from designer.review import services, workflow
from designer.review.services import IncompleteDesign, ReviewError, ReviewInvalid, TransitionRefused
from designer.review.workflow import Action
from tests.conftest import example_document


def audit(app, design_id):
    with app.app_context():
        return [
            (e.action, e.from_status, e.to_status, e.actor_name)
            for e in db.session.scalars(
                sa.select(AuditEvent).where(AuditEvent.design_id == design_id).order_by(AuditEvent.id)
            )
        ]


def snapshot(app, design_id):
    """Everything a refused step must leave unchanged."""
    with app.app_context():
        d = db.session.get(Design, design_id)
        subs = db.session.execute(
            sa.select(Submission.id, Submission.outcome)
            .where(Submission.design_id == design_id)
            .order_by(Submission.id)
        ).all()
        count = db.session.scalar(
            sa.select(sa.func.count()).select_from(AuditEvent).where(AuditEvent.design_id == design_id)
        )
        return d.status, d.approved_revision_id, d.latest_revision, [tuple(s) for s in subs], count


def force_status(app, design_id, status):
    with app.app_context():
        db.session.execute(sa.update(Design).where(Design.id == design_id).values(status=status.value))
        db.session.commit()


def test_table_covers_the_issue_workflow():
    """draft -> submitted -> in review -> changes requested -> submitted ... -> approved or rejected."""
    assert workflow.allowed_actions(Status.DRAFT) == [Action.SUBMIT, Action.EDIT]
    assert set(workflow.allowed_actions(Status.IN_REVIEW)) == {
        Action.WITHDRAW,
        Action.APPROVE,
        Action.REQUEST_CHANGES,
        Action.REJECT,
        Action.ADVANCE,  # a stage of a multi-stage route approves: back to "submitted" for the next stage
    }
    assert workflow.target(Action.ADVANCE, Status.IN_REVIEW) == Status.SUBMITTED
    assert workflow.target(Action.SUBMIT, Status.CHANGES_REQUESTED) == Status.SUBMITTED
    assert workflow.allowed_actions(Status.APPROVED) == [Action.EDIT]
    assert workflow.target(Action.EDIT, Status.APPROVED) == Status.DRAFT
    assert workflow.allowed_actions(Status.REJECTED) == []  # final: not even edited
    assert workflow.WAITING == (Status.SUBMITTED, Status.IN_REVIEW)
    assert workflow.allowed_actions(Status.IN_REVIEW, workflow.AUTHORS) == [Action.WITHDRAW]


def test_full_journey_writes_an_audit_row_per_transition(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.start(d, people.reviewer)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", "Add employer evidence.")
    flow.submit(d, people.author)
    flow.review(d, people.reviewer2)
    flow.decide(d, people.reviewer2, "approve")
    assert [a[:3] for a in audit(app, d)] == [
        ("submitted", "draft", "submitted"),
        ("review_started", "submitted", "in_review"),
        ("review_recorded", "in_review", "in_review"),
        ("changes_requested", "in_review", "changes_requested"),
        ("submitted", "changes_requested", "submitted"),
        ("review_started", "submitted", "in_review"),
        ("review_recorded", "in_review", "in_review"),
        ("approved", "in_review", "approved"),
    ]
    assert audit(app, d)[3][3] == "Rita Reviewer"
    with app.app_context():
        design = db.session.get(Design, d)
        subs = db.session.scalars(
            sa.select(Submission).where(Submission.design_id == d).order_by(Submission.round)
        ).all()
        assert [s.outcome for s in subs] == ["changes_requested", "approved"]
        assert subs[0].decision_comment == "Add employer evidence."
        assert design.approved_revision_id == subs[1].revision_id
        assert subs[1].rubric_id == "institution-default" and subs[1].rubric_version
        assert subs[1].report["criteria"] and subs[1].score == subs[1].report["score"]
        assert [c["id"] for c in subs[1].manual_criteria][:2] == ["M01", "M02"]


REFUSED = [(a, s) for a in Action for s in Status if workflow.target(a, s) is None]


def test_refused_grid_is_the_complement_of_the_table():
    """The allowed pairs (covered by the journey tests) and the refused ones below make up every pair."""
    allowed = [(a, s) for a in Action for s in Status if workflow.target(a, s) is not None]
    assert len(allowed) == 12 and len(allowed) + len(REFUSED) == len(Action) * len(Status)


@pytest.mark.parametrize("action, status", REFUSED)
def test_every_refused_transition_changes_nothing(app, flow, people, make_design, action, status):
    """For every (action, status) outside the table: a clear error and the database unchanged."""
    d = make_design(people.author)
    if status != Status.DRAFT:
        flow.submit(d, people.author)  # a real open submission, so only the status guard can refuse
    force_status(app, d, status)
    before = snapshot(app, d)
    step = {
        Action.SUBMIT: lambda: flow.submit(d, people.author),
        Action.WITHDRAW: lambda: flow.withdraw(d, people.author),
        Action.START_REVIEW: lambda: flow.start(d, people.reviewer),
        Action.APPROVE: lambda: flow.decide(d, people.reviewer, "approve"),
        Action.ADVANCE: lambda: flow.decide(d, people.reviewer, "approve"),  # a stage's approval
        Action.REQUEST_CHANGES: lambda: flow.decide(d, people.reviewer, "request_changes", "Fix it"),
        Action.REJECT: lambda: flow.decide(d, people.reviewer, "reject", "No"),
        Action.EDIT: lambda: flow.edit(d, people.author),
    }[action]
    with pytest.raises(DesignError if action == Action.EDIT else TransitionRefused) as refused:
        step()
    assert (
        "Nothing was changed" in str(refused.value)
        or "already" in str(refused.value)
        or "Only" in str(refused.value)
        or "cannot" in str(refused.value)
    )
    assert snapshot(app, d) == before


def test_editing_an_approved_design_is_the_audited_edit_transition(app, flow, people, make_design):
    d = make_design(people.author)
    flow.approve(d, people.author, people.reviewer)
    approved = flow.design(d).approved_revision_id
    assert flow.edit(d, people.author) == 2
    design = flow.design(d)
    assert design.status == "draft" and design.approved_revision_id == approved  # still approved
    assert audit(app, d)[-1] == ("edited", "approved", "draft", "Asha Author")
    assert flow.edit(d, people.author) == 3  # a draft stays a draft: a revision, no state change
    assert len([a for a in audit(app, d) if a[0] == "edited"]) == 1


def test_a_rejected_design_cannot_be_edited(app, client, flow, people, make_design, login_as):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "reject", "Out of scope.")
    with pytest.raises(DesignError, match="clone it as a new draft"):
        flow.edit(d, people.author)
    login_as(people.author)
    response = client.get(f"/designs/{d}/edit")
    assert response.status_code == 302 and response.location.endswith(f"/designs/{d}")
    page = client.get(f"/designs/{d}").get_data(as_text=True)
    assert f'href="/designs/{d}/edit"' not in page


def test_withdraw_then_decision_is_refused_clearly(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.withdraw(d, people.author, "Found a mistake")
    before = snapshot(app, d)
    with pytest.raises(TransitionRefused, match="withdrawn by its author"):
        flow.decide(d, people.reviewer, "approve")
    with pytest.raises(TransitionRefused):
        flow.review(d, people.reviewer)
    assert snapshot(app, d) == before
    assert before[0] == "draft" and before[3][0][1] == "withdrawn"


def test_decision_on_an_older_submission_is_refused_after_resubmission(app, flow, people, make_design):
    d = make_design(people.author)
    first = flow.submit(d, people.author)
    flow.withdraw(d, people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    before = snapshot(app, d)
    with pytest.raises(TransitionRefused, match="reload"):
        flow.decide(d, people.reviewer, "approve", submission_id=first)
    assert snapshot(app, d) == before


def test_decision_posted_twice_is_refused(app, flow, people, make_design):
    d = make_design(people.author)
    flow.approve(d, people.author, people.reviewer)
    before = snapshot(app, d)
    with pytest.raises(TransitionRefused, match="already decided"):
        flow.decide(d, people.reviewer, "approve")
    with pytest.raises(TransitionRefused, match="already decided"):
        flow.decide(d, people.reviewer2, "reject", "Too late")
    assert snapshot(app, d) == before


def test_request_changes_and_reject_need_a_comment(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    before = snapshot(app, d)
    for decision in ("request_changes", "reject"):
        with pytest.raises(ReviewInvalid, match="comment is required"):
            flow.decide(d, people.reviewer, decision, "   ")
    with pytest.raises(ReviewInvalid):
        flow.decide(d, people.reviewer, "publish")
    assert snapshot(app, d) == before


def test_decision_needs_the_configured_number_of_reviews(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    with pytest.raises(TransitionRefused, match="needs 2 independent review"):
        flow.decide(d, people.reviewer, "approve", reviews_required=2)
    flow.review(d, people.reviewer2)
    flow.decide(d, people.reviewer, "approve", reviews_required=2)
    assert flow.design(d).status == "approved"


def test_nobody_reviews_their_own_or_coauthored_design(app, flow, people, make_design, make_user):
    reviewer_author = make_user("reviewer", email="rev-author@test.example")
    d = make_design(reviewer_author)
    with app.app_context():
        design = db.session.get(Design, d)
        design.coauthors.append(db.session.get(User, people.reviewer))
        db.session.commit()
    flow.submit(d, reviewer_author)
    before = snapshot(app, d)
    for user in (reviewer_author, people.reviewer):
        with pytest.raises(ReviewError, match="author or co-author"):
            flow.review(d, user)
        with pytest.raises(ReviewError, match="author or co-author"):
            flow.start(d, user)
    with pytest.raises(ReviewError, match="institution"):
        flow.review(d, people.other_reviewer)
    with pytest.raises(ReviewError):
        flow.decide(d, people.admin, "approve")
    assert snapshot(app, d) == before


def test_only_authors_submit_and_withdraw(app, flow, people, make_design):
    d = make_design(people.author)
    for user in (people.faculty, people.reviewer, people.admin):
        with pytest.raises(ReviewError, match="authors"):
            flow.submit(d, user)
    flow.submit(d, people.author)
    with pytest.raises(ReviewError, match="authors"):
        flow.withdraw(d, people.reviewer)


def test_submission_needs_a_complete_design(app, flow, people, make_design):
    d = make_design(people.author, {"schema_version": "1", "title": "Half done"})
    with pytest.raises(IncompleteDesign) as exc:
        flow.submit(d, people.author)
    paths_and_messages = " ".join(str(p) for p in exc.value.problems)
    assert "outcomes" in paths_and_messages and "'credits' is a required property" in paths_and_messages
    assert snapshot(app, d)[0] == "draft" and snapshot(app, d)[4] == 0


def test_submit_refuses_a_revision_the_author_has_not_seen(app, flow, people, make_design):
    d = make_design(people.author)
    with pytest.raises(TransitionRefused, match="saved again"):
        flow.submit(d, people.author, base_revision=0)
    assert flow.design(d).status == "draft"


def test_submission_freezes_the_revision_and_the_design_is_not_editable(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    with app.app_context():
        design = db.session.get(Design, d)
        with pytest.raises(DesignError, match="cannot be edited"):
            save_revision(
                db.session, design, example_document(), db.session.get(User, people.author), base_revision=1
            )


def test_approved_revision_never_changes(app, flow, people, make_design):
    d = make_design(people.author)
    flow.approve(d, people.author, people.reviewer)
    with app.app_context():
        design = db.session.get(Design, d)
        approved_id, approved_doc = design.approved_revision_id, get_revision(db.session, design, 1).document
        changed = example_document() | {"title": "A new edition"}
        save_revision(db.session, design, changed, db.session.get(User, people.author), base_revision=1)
        db.session.commit()
    with app.app_context():
        design = db.session.get(Design, d)
        assert design.status == "draft" and design.latest_revision == 2
        assert design.approved_revision_id == approved_id
        assert design.approved_revision.number == 1 and design.approved_revision.document == approved_doc
        assert design.approved_revision.document["title"] != "A new edition"
    flow.submit(d, people.author)  # the new edition goes through review again
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "reject", "Not this time")
    with app.app_context():
        assert (
            db.session.get(Design, d).approved_revision_id == approved_id
        )  # rejection keeps the old approval


def test_ratings_are_validated(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    with pytest.raises(ReviewInvalid) as exc:
        flow.review(d, people.reviewer, {"M01": (3, ""), "M99": (1, "")})
    assert "rating_M02" in exc.value.errors and "rating_M99" in exc.value.errors
    with pytest.raises(ReviewInvalid):
        flow.review(d, people.reviewer, {"M01": (7, "")})
    assert flow.design(d).status == "submitted"


def test_a_review_can_be_revised_until_the_decision(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    with app.app_context():
        sub = services.open_submission(db.session, db.session.get(Design, d))
        marks = services.full_marks(sub)
    first = flow.review(
        d, people.reviewer, marks | {"M01": (1, "Evidence is from 2015.")}, note="Chair to check"
    )
    again = flow.review(d, people.reviewer, marks | {"M01": (2, "Better.")})
    assert first == again
    with app.app_context():
        sub = services.open_submission(db.session, db.session.get(Design, d))
        assert len(sub.reviews) == 1 and sub.reviews[0].rating_for("M01").comment == "Better."


def test_status_changes_notify_the_authors(app, flow, people, make_design):
    d = make_design(people.author)
    with app.app_context():
        design = db.session.get(Design, d)
        design.coauthors.append(db.session.get(User, people.coauthor))
        db.session.commit()
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", "Please add evidence.")
    with app.app_context():
        rows = db.session.execute(sa.select(Notification.user_id, Notification.message)).all()
    to_author = [m for u, m in rows if u == people.author]
    assert any("changes requested by Rita Reviewer" in m and "Please add evidence." in m for m in to_author)
    assert any("changes requested" in m for u, m in rows if u == people.coauthor)
    assert any(
        "submitted" in m for u, m in rows if u == people.coauthor
    )  # the co-author hears of the submission
    assert not any("submitted" in m for u, m in rows if u == people.author)  # not told of one's own action
