"""A three-stage route from submission to approval: each stage's committee, reviews needed, scoring or
deciding only, request changes restarting at the first stage or the asking one, the audit trail."""

import pytest
import sqlalchemy as sa

from designer.admin.models import AdminEvent
from designer.approval import route, stages
from designer.approval.models import ApprovalStage
from designer.extensions import db
from designer.models import AuditEvent, Design, Status, Submission, User
from designer.review.approved import approved_artefact
from designer.review.records import ReviewError, ReviewInvalid, TransitionRefused
from tests.conftest import login


def _state(app, design_id):
    with app.app_context():
        design = db.session.get(Design, design_id)
        open_sub = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == design_id, Submission.outcome == "open")
        )
        return design.status, (open_sub.stage if open_sub else None), design.approved_revision_id


def test_three_stages_from_submission_to_approval(app, flow, people, make_design, three_stages):
    council = three_stages
    d = make_design(people.author)
    flow.submit(d, people.author)
    assert _state(app, d) == ("submitted", 1, None)
    with pytest.raises(ReviewError, match="Department committee stage"):
        flow.review(d, people.reviewer2)  # not on this stage's committee
    flow.review(d, people.reviewer)  # scores the manual criteria
    flow.decide(d, people.reviewer, "approve", "Sound design.")
    assert _state(app, d) == ("submitted", 2, None)

    flow.review(d, people.reviewer2, ratings={})  # a deciding stage asks for no ratings
    with pytest.raises(TransitionRefused, match="needs 2 independent review"):
        flow.decide(d, people.reviewer2, "approve")
    flow.review(d, council, ratings={})
    flow.decide(d, people.reviewer2, "approve")
    assert _state(app, d) == ("submitted", 3, None)
    with pytest.raises(ReviewError):
        flow.review(d, people.reviewer2, ratings={})
    flow.review(d, council, ratings={})
    flow.decide(d, council, "approve", "Ratified.")
    status, open_stage, approved = _state(app, d)
    assert (status, open_stage) == ("approved", None) and approved is not None

    with app.app_context():
        design = db.session.get(Design, d)
        decision = approved_artefact(db.session, design).decision
        assert [(name, by) for name, by, _when, _comment in decision.stages] == [
            ("Department committee", "Rita Reviewer"),
            ("Board of Studies", "Ravi Reviewer"),
            ("Academic Council", "Chitra Council"),
        ]
        trail = [
            (e.action, e.to_status)
            for e in db.session.scalars(
                sa.select(AuditEvent).where(AuditEvent.design_id == d).order_by(AuditEvent.id)
            )
            if e.action in ("stage_approved", "approved")
        ]
        assert trail == [
            ("stage_approved", "submitted"),
            ("stage_approved", "submitted"),
            ("approved", "approved"),
        ]


def test_a_scoring_stage_still_needs_every_manual_criterion(app, flow, people, make_design, three_stages):
    d = make_design(people.author)
    flow.submit(d, people.author)
    with pytest.raises(ReviewInvalid):
        flow.review(d, people.reviewer, ratings={})


@pytest.mark.parametrize(("mode", "restart_stage"), [("first", 1), ("asking", 2)])
def test_request_changes_returns_to_authors_and_restarts(
    app, flow, people, make_design, three_stages, mode, restart_stage
):
    council = three_stages
    with app.app_context():
        route.set_restart(db.session, db.session.get(User, people.admin), mode)
        db.session.commit()
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "approve")
    flow.review(d, council, ratings={})
    flow.review(d, people.reviewer2, ratings={})
    flow.decide(d, council, "request_changes", "Add the employer letter.")
    assert _state(app, d)[0] == Status.CHANGES_REQUESTED.value
    flow.edit(d, people.author)
    flow.submit(d, people.author)
    assert _state(app, d) == ("submitted", restart_stage, None)


def test_default_route_is_unchanged(app, flow, people, make_design):
    d = make_design(people.author)
    flow.approve(d, people.author, people.reviewer)
    assert _state(app, d)[0] == "approved"


def test_route_changes_are_checked_and_audited(app, people, make_person, three_stages):
    with app.app_context():
        admin = db.session.get(User, people.admin)
        with pytest.raises(route.RouteError, match="between 1 and 1"):
            route.add_stage(
                db.session,
                admin,
                name="IQAC",
                reviews_required=3,
                scores_manual=True,
                member_ids=[people.reviewer],
                chair_id=None,
            )
        with pytest.raises(route.RouteError, match="active reviewers"):
            route.add_stage(
                db.session,
                admin,
                name="IQAC",
                reviews_required=1,
                scores_manual=True,
                member_ids=[people.faculty],
                chair_id=None,
            )
        first = stages.route(db.session, admin.institution)[0]
        route.remove_stage(db.session, admin, first)
        assert [(s.position, s.name) for s in stages.route(db.session, admin.institution)] == [
            (1, "Board of Studies"),
            (2, "Academic Council"),
        ]
        db.session.commit()


def test_a_stage_approval_says_where_the_design_went(app, client, flow, people, make_design, three_stages):
    council = three_stages
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    login(client, people.reviewer)
    page = client.post(f"/review/designs/{d}/decision", data={"decision": "approve"},
                       follow_redirects=True).text
    assert "Approved at Department committee; now with Board of Studies." in page
    assert "Decision recorded: submitted" not in page
    flow.review(d, people.reviewer2, ratings={})
    flow.review(d, council, ratings={})
    flow.decide(d, people.reviewer2, "approve")
    login(client, council)
    flow.review(d, council, ratings={})
    page = client.post(f"/review/designs/{d}/decision", data={"decision": "approve"},
                       follow_redirects=True).text
    assert "Decision recorded: approved." in page  # the last stage approves the design itself


def _route(app):
    with app.app_context():
        return [(s.position, s.name) for s in stages.route(db.session, "Test University")]


def test_stages_move_up_and_down_carrying_their_designs_audited(
    app, client, flow, people, make_design, three_stages
):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "approve")  # now waiting at the Board of Studies (stage 2)
    with app.app_context():
        board = db.session.scalar(sa.select(ApprovalStage).where(ApprovalStage.name == "Board of Studies"))
        council = db.session.scalar(sa.select(ApprovalStage).where(ApprovalStage.name == "Academic Council"))
        board_id, council_id = board.id, council.id
    login(client, people.reviewer)  # not an admin: refused, nothing moves
    assert client.post(f"/admin/approval-route/{board_id}/move/up").status_code == 403
    login(client, people.admin)
    response = client.post(f"/admin/approval-route/{board_id}/move/up", follow_redirects=True)
    assert "Board of Studies is now stage 1, before Department committee." in response.text
    assert _route(app) == [(1, "Board of Studies"), (2, "Department committee"), (3, "Academic Council")]
    assert client.post(f"/admin/approval-route/{board_id}/move/sideways").status_code == 404
    page = client.post(f"/admin/approval-route/{council_id}/move/down", follow_redirects=True).text
    assert "Academic Council is already the last stage." in page
    assert _route(app)[2] == (3, "Academic Council")

    with app.app_context():
        design = db.session.get(Design, d)
        waiting = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == d, Submission.outcome == "open"))
        assert stages.stage_of(db.session, design, waiting).name == "Board of Studies"  # still there
        passed = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == d, Submission.round == 1))
        assert stages.stage_of(db.session, design, passed).name == "Department committee"  # history kept
        (event,) = db.session.scalars(
            sa.select(AdminEvent).where(AdminEvent.action == "move approval stage")).all()
        assert event.target == "Board of Studies" and "up from stage 2 to 1" in event.detail
    # The design goes on in the new order: after the Board of Studies comes the Department committee.
    flow.review(d, people.reviewer2, ratings={})
    flow.review(d, three_stages, ratings={})
    flow.decide(d, people.reviewer2, "approve")
    with app.app_context():
        waiting = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == d, Submission.outcome == "open"))
        assert stages.stage_of(db.session, db.session.get(Design, d), waiting).name == "Department committee"


def test_a_scoring_stage_after_deciding_stages_asks_for_the_rubrics_criteria(app, flow, people, make_design):
    """The first stage only decides (no ratings frozen); the second scores: it asks for the manual criteria
    of the institution's rubric (this failed before: the lookup imported a function that did not exist)."""
    with app.app_context():
        admin = db.session.get(User, people.admin)
        route.add_stage(db.session, admin, name="IQAC", reviews_required=1, scores_manual=False,
                        member_ids=[people.reviewer], chair_id=None)
        route.add_stage(db.session, admin, name="Board", reviews_required=1, scores_manual=True,
                        member_ids=[people.reviewer2], chair_id=None)
        db.session.commit()
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer, ratings={})
    flow.decide(d, people.reviewer, "approve")
    with app.app_context():
        waiting = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == d, Submission.outcome == "open"))
        assert waiting.stage == 2 and [c["id"] for c in waiting.manual_criteria][:1] == ["M01"]
    with pytest.raises(ReviewInvalid):
        flow.review(d, people.reviewer2, ratings={})
    flow.review(d, people.reviewer2)
    flow.decide(d, people.reviewer2, "approve")
    assert _state(app, d)[0] == "approved"


def _stage_id(app, name):
    with app.app_context():
        return db.session.scalar(sa.select(ApprovalStage.id).where(ApprovalStage.name == name))


def _open_stage_name(app, design_id):
    with app.app_context():
        waiting = db.session.scalar(
            sa.select(Submission).where(Submission.design_id == design_id, Submission.outcome == "open"))
        return stages.stage_of(db.session, db.session.get(Design, design_id), waiting).name


def test_removing_a_stage_renumbers_submissions_and_refuses_while_designs_wait_at_it(
    app, client, flow, people, make_design, three_stages
):
    council = three_stages
    done = make_design(people.author)  # approved through all three stages
    flow.submit(done, people.author)
    flow.review(done, people.reviewer)
    flow.decide(done, people.reviewer, "approve")
    flow.review(done, people.reviewer2, ratings={})
    flow.review(done, council, ratings={})
    flow.decide(done, people.reviewer2, "approve")
    flow.review(done, council, ratings={})
    flow.decide(done, council, "approve")
    waiting = make_design(people.author)
    flow.submit(waiting, people.author)
    flow.review(waiting, people.reviewer)
    flow.decide(waiting, people.reviewer, "approve")  # now at the Board of Studies (stage 2)

    login(client, people.admin)
    board = _stage_id(app, "Board of Studies")
    refused = client.post(f"/admin/approval-route/{board}/remove")
    assert refused.status_code == 400  # said beside the stage's Remove button; nothing removed
    assert f'id="remove-error-{board}"' in refused.text
    assert "1 design is waiting at the Board of Studies stage" in refused.text
    assert _route(app) == [(1, "Department committee"), (2, "Board of Studies"), (3, "Academic Council")]

    # The waiting design has passed the Department committee: that stage may go, the others move up and
    # every submission follows its stage.
    page = client.post(f"/admin/approval-route/{_stage_id(app, 'Department committee')}/remove",
                       follow_redirects=True)
    assert "Removed the stage Department committee." in page.text
    assert _route(app) == [(1, "Board of Studies"), (2, "Academic Council")]
    assert _open_stage_name(app, waiting) == "Board of Studies"  # did not jump to the Academic Council
    with app.app_context():
        decision = approved_artefact(db.session, db.session.get(Design, done)).decision
        assert [name for name, *_ in decision.stages] == [
            "A stage since removed", "Board of Studies", "Academic Council"]
        (event,) = db.session.scalars(
            sa.select(AdminEvent).where(AdminEvent.action == "remove approval stage")).all()
        assert event.target == "Department committee" and "was stage 1" in event.detail
    flow.review(waiting, people.reviewer2, ratings={})  # the Board goes on deciding it, then the Council
    flow.review(waiting, council, ratings={})
    flow.decide(waiting, people.reviewer2, "approve")
    assert _open_stage_name(app, waiting) == "Academic Council"
