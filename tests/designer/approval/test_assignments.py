"""Reviewer assignment by the stage chair with a due date, reminders before and after by email (once
each), the queue's overdue marker, and the route and assignment pages."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from designer.approval.assignments import send_due_reminders
from designer.approval.models import ReviewAssignment
from designer.extensions import db
from designer.models import utcnow
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("three_stages")


def _submitted(flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "approve")  # now at the Board of Studies (chair: reviewer2)
    return d


def test_chair_assigns_with_a_due_date_and_reminders_go_before_and_after(
    app, client, flow, people, make_design, smtp_server, three_stages
):
    council = three_stages
    d = _submitted(flow, people, make_design)
    smtp_server.clear()  # the committee's "submitted for review" emails (sent before submit returns)
    login(client, people.reviewer)  # chairs another stage, not this one
    assert client.get(f"/review/designs/{d}/assign").status_code == 403
    login(client, people.reviewer2)
    page = client.get(f"/review/designs/{d}/assign").get_data(as_text=True)
    assert "Chitra Council" in page and "Rita Reviewer" not in page  # only the stage's committee
    past = (utcnow() - timedelta(days=1)).date().isoformat()
    assert (
        client.post(f"/review/designs/{d}/assign", data={"reviewer": council, "due": past}).status_code == 400
    )
    due = (utcnow() + timedelta(days=1)).date()
    response = client.post(f"/review/designs/{d}/assign", data={"reviewer": council, "due": due.isoformat()})
    assert response.status_code == 302
    (assigned,) = smtp_server.wait_for(1)
    assert assigned["To"] == "council@test.example" and "Please review" in assigned["Subject"]

    with app.app_context():
        assignment = db.session.scalar(sa.select(ReviewAssignment))
        now = assignment.due_at - timedelta(days=1)
        assert send_due_reminders(db.session, now - timedelta(days=3)) == 0  # too early
        assert send_due_reminders(db.session, now) == 1
        assert send_due_reminders(db.session, now) == 0  # once
        assert send_due_reminders(db.session, assignment.due_at + timedelta(hours=1)) == 1
        assert send_due_reminders(db.session, assignment.due_at + timedelta(days=3)) == 0
        db.session.commit()
    subjects = [m["Subject"] for m in smtp_server.wait_for(3)[1:]]
    assert subjects[0].startswith("Reminder:") and subjects[1].startswith("Overdue:")


def test_queue_shows_overdue_and_a_review_ends_the_assignment(
    app, client, flow, people, make_design, three_stages
):
    council = three_stages
    d = _submitted(flow, people, make_design)
    login(client, people.reviewer2)
    client.post(
        f"/review/designs/{d}/assign",
        data={"reviewer": council, "due": (utcnow() + timedelta(days=2)).date().isoformat()},
    )
    with app.app_context():
        db.session.scalar(sa.select(ReviewAssignment)).due_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    login(client, council)
    page = client.get("/review/queue").get_data(as_text=True)
    assert "Reviews assigned to you" in page and "overdue" in page
    flow.review(d, council, ratings={})
    assert "Reviews assigned to you" not in client.get("/review/queue").get_data(as_text=True)
    with app.app_context():
        assert send_due_reminders(db.session, utcnow()) == 0  # reviewed: no reminder


def test_remind_command(runner, flow, people, make_design, smtp_server):
    result = runner.invoke(args=["approval", "remind"])
    assert result.exit_code == 0 and "Sent 0 reminders." in result.output


def test_route_page_adds_and_lists_stages(client, people):
    login(client, people.admin)
    page = client.get("/admin/approval-route").get_data(as_text=True)
    assert "Department committee" in page and "Board of Studies" in page and "Decides only" in page
    response = client.post(
        "/admin/approval-route",
        data={"name": "IQAC", "reviews_required": "1", "members": [people.reviewer], "chair": "0"},
    )
    assert response.status_code == 302
    assert "IQAC" in client.get("/admin/approval-route").get_data(as_text=True)
    response = client.post(
        "/admin/approval-route",
        data={"name": "", "reviews_required": "1", "members": [people.reviewer], "chair": "0"},
    )
    assert response.status_code == 400
    login(client, people.reviewer)
    assert client.get("/admin/approval-route").status_code == 403


def test_review_page_names_the_stage_and_offers_assignment_to_the_chair(client, flow, people, make_design):
    d = _submitted(flow, people, make_design)
    login(client, people.reviewer2)
    page = client.get(f"/review/designs/{d}").get_data(as_text=True)
    assert "Stage 2: Board of Studies" in page and "Assign reviewers with a due date" in page
