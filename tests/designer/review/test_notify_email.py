"""Submissions and resubmissions notify the institution's committee in the app and by email (a real local
SMTP server); each person chooses immediate email, a daily digest or none; nothing is emailed for a change
that was rolled back."""

import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from designer.extensions import db
from designer.models import Design, Notification, User
from designer.review.digest import send_digests
from designer.review.notifications import notify
from tests.designer.review.test_views import client_for


def _notes(app, user_id):
    with app.app_context():
        return db.session.scalars(sa.select(Notification).where(Notification.user_id == user_id)
                                  .order_by(Notification.id)).all()


def _prefer(app, user_id, preference):
    with app.app_context():
        db.session.get(User, user_id).email_preference = preference
        db.session.commit()


def test_submission_notifies_the_committee_in_the_app_and_by_email(app, smtp_server, flow, people,
                                                                   make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    messages = smtp_server.wait_for(2)
    assert {m["X-Envelope-To"] for m in messages} == {"rev1@test.example", "rev2@test.example"}
    [mail] = smtp_server.to("rev1@test.example")
    assert "was submitted for review (round 1, revision 1) by Asha Author" in mail["Subject"]
    assert f"/review/designs/{d}" in mail.get_content()
    [note] = _notes(app, people.reviewer)
    assert note.link == f"/review/designs/{d}" and note.emailed_at is not None
    assert _notes(app, people.other_reviewer) == [] and _notes(app, people.author) == []
    page = client_for(app, people.reviewer).get("/notifications").text
    assert f'href="/review/designs/{d}"' in page


def test_resubmission_says_so_with_the_response_to_the_reviewers(app, smtp_server, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", "Add a rubric.")
    smtp_server.wait_for(2 + 2)  # two reviewers; the author: review started, then the decision
    [decision] = [m for m in smtp_server.to("author@test.example") if "Add a rubric" in m["Subject"]]
    assert f"/designs/{d}/review-status" in decision.get_content()  # straight to the comments
    smtp_server.clear()
    flow.submit(d, people.author, comment="Added a rubric to the project.")
    smtp_server.wait_for(2)
    [mail] = smtp_server.to("rev2@test.example")
    assert "was resubmitted for review (round 2" in mail["Subject"]
    assert "Response to the reviewers: Added a rubric to the project." in mail.get_content()


def test_digest_readers_get_one_email_a_day_and_none_readers_none(app, smtp_server, flow, people,
                                                                  make_design):
    _prefer(app, people.reviewer, "digest")
    _prefer(app, people.reviewer2, "none")
    first, second = make_design(people.author), make_design(people.author)
    flow.submit(first, people.author)
    flow.submit(second, people.author)
    time.sleep(0.3)
    assert smtp_server.messages == []  # neither wants immediate email
    with app.app_context():
        assert send_digests(db.session, datetime.now(UTC) + timedelta(seconds=1)) == 1
        db.session.commit()
    [digest] = smtp_server.wait_for(1)
    assert digest["X-Envelope-To"] == "rev1@test.example"
    assert "your daily digest (2 notifications)" in digest["Subject"]
    body = digest.get_content()
    assert body.count("was submitted for review") == 2 and "IST" in body
    with app.app_context():
        assert send_digests(db.session, datetime.now(UTC) + timedelta(seconds=1)) == 0  # nothing new
    assert len(_notes(app, people.reviewer2)) == 2  # still notified in the app
    assert all(n.emailed_at is None for n in _notes(app, people.reviewer2))


def test_nothing_is_emailed_for_a_rolled_back_change(app, smtp_server, people):
    with app.app_context():
        notify(db.session, [db.session.get(User, people.reviewer)], None, "Never happened")
        db.session.rollback()
        notify(db.session, [db.session.get(User, people.reviewer)], None, "Happened")
        db.session.commit()
    [mail] = smtp_server.wait_for(1)
    time.sleep(0.2)
    assert len(smtp_server.messages) == 1 and "Happened" in mail["Subject"]


def test_people_choose_their_email_in_settings(app, people):
    client = client_for(app, people.reviewer)
    page = client.get("/account/notifications").text
    assert "One email a day with all of them" in page
    response = client.post("/account/notifications", data={"email_preference": "digest"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(User, people.reviewer).email_preference == "digest"
    assert client.post("/account/notifications", data={"email_preference": "hourly"}).status_code == 400


def test_send_digests_cli(app, runner, smtp_server, flow, people, make_design):
    _prefer(app, people.reviewer, "digest")
    d = make_design(people.author)
    flow.submit(d, people.author)
    smtp_server.wait_for(1)  # rev2 immediately
    smtp_server.clear()
    result = runner.invoke(args=["notifications", "send-digests"])
    assert result.exit_code == 0 and "Sent 1 digest email." in result.output
    assert smtp_server.wait_for(1)[0]["X-Envelope-To"] == "rev1@test.example"
    bad = runner.invoke(args=["notifications", "send-digests", "--now", "yesterday"])
    assert bad.exit_code != 0 and "2026-12-01T18:00+05:30" in bad.output
    with app.app_context():
        assert db.session.get(Design, d).status == "submitted"
