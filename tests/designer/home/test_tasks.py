""""My tasks": each role sees what waits for it: authors the comments to answer and drafts below the
standard, reviewers the submissions oldest first with due dates, organisers what was approved since their
last pack."""

from datetime import UTC, datetime, timedelta

from designer.extensions import db
from designer.jobs.models import Job
from designer.models import Submission
from tests.designer.review.test_views import client_for


def test_author_sees_comments_to_answer_and_drafts_to_finish(app, flow, people, make_design):
    changed = make_design(people.author)
    flow.submit(changed, people.author)
    flow.review(changed, people.reviewer)
    flow.decide(changed, people.reviewer, "request_changes", "Add a rubric.")
    make_design(people.author, {"schema_version": "1", "title": "Half a course"})
    page = client_for(app, people.author).get("/tasks").text
    assert "Comments to answer" in page and f'href="/designs/{changed}/review-status"' in page
    assert "Half a course" in page and "below the standard" in page
    assert "Waiting for the committee" not in page  # not a reviewer


def test_reviewer_sees_the_oldest_submission_first_with_its_due_date(app, flow, people, make_design):
    old, new = make_design(people.author), make_design(people.author)
    flow.submit(old, people.author)
    flow.submit(new, people.author)
    with app.app_context():
        sub = db.session.scalar(db.select(Submission).where(Submission.design_id == old))
        sub.submitted_at = datetime.now(UTC) - timedelta(days=20)
        db.session.commit()
    page = client_for(app, people.reviewer).get("/tasks").text
    assert page.index(f'/review/designs/{old}"') < page.index(f'/review/designs/{new}"')
    assert "Overdue:" in page and page.count("Overdue:") == 1
    assert "due 14 days after it was submitted" in page


def test_organiser_sees_what_was_approved_since_the_last_pack(app, flow, people, make_design):
    first, second = make_design(people.author), make_design(people.author)
    flow.approve(first, people.author, people.reviewer)
    with app.app_context():
        db.session.add(Job(owner_id=people.organiser, title="Pack", created_at=datetime.now(UTC)))
        db.session.commit()
    flow.approve(second, people.author, people.reviewer)
    page = client_for(app, people.organiser).get("/tasks").text
    assert f'href="/designs/{second}"' in page and f'href="/designs/{first}"' not in page
    assert "since your last pack" in page


def test_the_start_page_is_my_tasks(app, people):
    client = client_for(app, people.reviewer)
    response = client.get("/")
    assert response.status_code == 302 and response.location.endswith("/tasks")
    assert 'aria-current="page">My tasks' in client.get("/tasks").text
