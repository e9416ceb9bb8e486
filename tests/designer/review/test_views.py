"""The review pages through HTTP: forms, messages, queue filters, dashboard, history, notifications, CSV."""

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from designer.extensions import db
from designer.models import Design, Submission, User
from designer.review import queries
from tests.conftest import example_document, login

RATINGS = {f"rating_M0{i}": "3" for i in range(1, 7)}


def client_for(app, user_id, **config):
    client = app.test_client()
    login(client, user_id)
    return client


def test_submit_from_the_design_page_and_withdraw(app, people, make_design):
    d = make_design(people.author)
    author = client_for(app, people.author)
    page = author.get(f"/designs/{d}").text
    assert "Submit for review" in page and "Review log" in page
    response = author.post(f"/designs/{d}/submit", data={"base_revision": "1"}, follow_redirects=True)
    assert "Submitted." in response.text and "Withdraw submission" in response.text
    assert "Waiting for the committee since" in response.text
    response = author.post(f"/designs/{d}/withdraw", data={"comment": "Typo"}, follow_redirects=True)
    assert "Withdrawn" in response.text and db_status(app, d) == "draft"


def db_status(app, d):
    with app.app_context():
        return db.session.get(Design, d).status


def test_incomplete_design_lists_its_problems(app, people, make_design):
    d = make_design(people.author, {"schema_version": "1", "title": "Half"})
    response = client_for(app, people.author).post(f"/designs/{d}/submit", data={})
    assert response.status_code == 400
    assert "Nothing was submitted" in response.text and "is a required property" not in response.text
    assert f'href="/designs/{d}/edit#awarding_name">Awarding body' in response.text
    assert "is missing: fill it in before submitting." in response.text
    assert f'href="/designs/{d}/edit#outcomes-0-text">' in response.text
    assert db_status(app, d) == "draft"


def test_review_form_requires_every_rating_and_keeps_input(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    response = reviewer.post(
        f"/review/designs/{d}", data={"rating_M01": "1", "comment_M01": "Evidence is from 2015"}
    )
    assert response.status_code == 400
    assert "Choose met, partly met or not met." in response.text and "Evidence is from 2015" in response.text
    assert db_status(app, d) == "submitted"


def test_two_reviewers_see_where_they_disagree(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    first = client_for(app, people.reviewer)
    assert (
        first.post(f"/review/designs/{d}", data=RATINGS | {"private_note": "Ask the dean"}).status_code == 303
    )
    second = client_for(app, people.reviewer2)
    page = second.get(f"/review/designs/{d}").text
    assert "Score independently first" in page and "Ask the dean" not in page  # not before my own review
    second.post(f"/review/designs/{d}", data=RATINGS | {"rating_M03": "1", "comment_M03": "Quizzes only"})
    page = second.get(f"/review/designs/{d}").text
    assert (
        "Where the reviewers agree and disagree" in page and "Disagree" in page and "(met vs not met)" in page
    )
    assert "Ask the dean" in page  # committee notes, among the committee
    author_view = client_for(app, people.author).get(f"/designs/{d}/review-status").text
    assert "Quizzes only" in author_view and "Ask the dean" not in author_view


def test_decision_buttons_need_a_comment_and_cannot_be_posted_twice(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    reviewer = client_for(app, people.reviewer)
    page = reviewer.get(f"/review/designs/{d}").text
    for label in ("Approve", "Request changes", "Reject"):
        assert f">{label}</button>" in page
    response = reviewer.post(f"/review/designs/{d}/decision", data={"decision": "reject", "comment": ""})
    assert response.status_code == 400 and "a comment is required" in response.text
    assert db_status(app, d) == "in_review"
    assert reviewer.post(f"/review/designs/{d}/decision", data={"decision": "approve"}).status_code == 303
    again = reviewer.post(
        f"/review/designs/{d}/decision", data={"decision": "approve"}, follow_redirects=True
    )
    assert "already decided" in again.text and db_status(app, d) == "approved"


def test_decision_after_withdrawal_is_a_clear_error(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.withdraw(d, people.author)
    reviewer = client_for(app, people.reviewer)
    response = reviewer.post(
        f"/review/designs/{d}/decision", data={"decision": "approve"}, follow_redirects=True
    )
    assert response.status_code == 200 and "withdrawn by its author" in response.text
    assert db_status(app, d) == "draft"


def test_decision_form_is_csrf_protected(app, make_app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    login(client, people.reviewer)
    assert client.post(f"/review/designs/{d}/decision", data={"decision": "approve"}).status_code == 400
    assert db_status(app, d) == "in_review"


def test_queue_filters_and_oldest_first(app, flow, people, make_design):
    doc = example_document()
    old = make_design(people.author, doc | {"title": "Old one"}, department="Commerce")
    new = make_design(
        people.author,
        doc | {"title": "New one", "level": {**doc["level"], "value": 6}},
        department="Computing",
    )
    flow.submit(old, people.author)
    flow.submit(new, people.author)
    with app.app_context():  # the first one has waited three days
        sub = db.session.scalar(sa.select(Submission).where(Submission.design_id == old))
        sub.submitted_at -= timedelta(days=3)
        db.session.commit()
    reviewer = client_for(app, people.reviewer)
    page = reviewer.get("/review/queue").text
    assert page.index("Old one") < page.index("New one") and "3 days" in page
    assert "New one" not in reviewer.get("/review/queue?department=Commerce").text
    only_six = reviewer.get("/review/queue?level=6.0").text
    assert "New one" in only_six and "Old one" not in only_six
    assert "Old one" not in reviewer.get("/review/queue?min_score=101").text  # out of range: field error
    assert "Old one" not in reviewer.get("/review/queue?status=approved").text
    assert reviewer.get("/review/queue?min_score=lots").status_code == 400


def test_dashboard_figures(app, flow, people, make_design):
    document = example_document()
    document["integrity"] = ""  # S06 (advisory) fails: the designs still meet, with one common failure
    a, b, c = (make_design(people.author, document) for _ in range(3))
    flow.submit(a, people.author)
    flow.approve(b, people.author, people.reviewer)
    with app.app_context():
        sub = db.session.scalar(sa.select(Submission).where(Submission.design_id == b))
        sub.submitted_at = sub.closed_at - timedelta(days=4)
        db.session.commit()
        data = queries.dashboard(
            db.session, db.session.get(type(db.session.get(Design, a).owner), people.reviewer)
        )
    assert data.counts["draft"] == 1 and data.counts["submitted"] == 1 and data.counts["approved"] == 1
    assert data.median_days == 4.0 and data.decided == 1 and data.scored_designs == 2
    assert data.failing and data.failing[0][2] == 2  # both submissions fail S06
    page = client_for(app, people.reviewer).get("/review/dashboard").text
    assert "4 days" in page and data.failing[0][0] in page


def test_history_shows_the_diff_since_the_last_review_by_default(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", "Add an outcome on reporting.")
    author = client_for(app, people.author)
    form = author.get(f"/designs/{d}/edit").text
    assert "Edit" in form
    with app.app_context():
        from designer.designs.services import save_revision
        from designer.models import User

        design = db.session.get(Design, d)
        doc = example_document()
        doc["outcomes"].append({"id": "LO9", "text": "Present campaign results to a client."})
        doc["assessments"][-1]["outcomes"] = [*doc["assessments"][-1]["outcomes"], "LO9"]
        save_revision(db.session, design, doc, db.session.get(User, people.author), base_revision=1)
        save_revision(
            db.session,
            design,
            doc | {"summary": "Shorter."},
            db.session.get(User, people.author),
            base_revision=2,
        )
        db.session.commit()
    page = author.get(f"/designs/{d}/history").text
    assert "changes since the last committee review" in page and "Revision 1 → revision 3" in page.replace(
        "&nbsp;", " "
    )
    assert (
        "Outcome LO9 added: Present campaign results to a client." in page and "How the score moved" in page
    )
    picked = author.get(f"/designs/{d}/history?left=2&right=3").text
    assert "Summary changed" in picked and "Outcome LO9 added" not in picked
    flow.submit(d, people.author)
    review_page = client_for(app, people.reviewer).get(f"/review/designs/{d}").text
    assert "What changed since the last review" in review_page and "Outcome LO9 added" in review_page
    status = author.get(f"/designs/{d}/review-status").text
    assert "Required changes" in status and "Add an outcome on reporting." in status


def test_notifications_badge_and_page(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "approve")
    author = client_for(app, people.author)
    header = author.get("/designs").text
    assert '<span class="badge">2<span class="visually-hidden"> unread</span>' in header
    page = author.get("/notifications").text
    assert "approved by Rita Reviewer" in page and "started reviewing" in page and ">new</span>" in page
    # Reading is not a change: only the POST marks them read (a prefetch or a link must not).
    assert '<span class="badge">2<span class="visually-hidden"> unread</span>' in author.get("/designs").text
    assert author.post("/notifications/read").status_code == 303
    assert 'class="badge"' not in author.get("/designs").text
    assert ">new</span>" not in author.get("/notifications").text


def test_audit_log_on_the_design_page_and_as_csv(app, flow, people, make_design, runner):
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", 'Needs, commas and "quotes"')
    author = client_for(app, people.author)
    page = author.get(f"/designs/{d}").text
    assert "Review log" in page and "Changes requested" in page and "Rita Reviewer" in page
    response = author.get(f"/designs/{d}/audit.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["action"] for r in rows] == [
        "submitted",
        "review_started",
        "review_recorded",
        "changes_requested",
    ]
    assert rows[-1]["comment"] == 'Needs, commas and "quotes"' and rows[-1]["who"] == "Rita Reviewer"
    result = runner.invoke(args=["review", "audit", str(d)])
    assert result.exit_code == 0 and result.output.replace("\r\n", "\n") == response.text.replace(
        "\r\n", "\n"
    )
    missing = runner.invoke(args=["review", "audit", "999999"])
    assert missing.exit_code == 1 and "no design with id 999999" in missing.output


def test_demo_has_an_approved_and_a_waiting_design_idempotently(app, runner):
    from designer.models import AuditEvent

    for _ in range(2):
        assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        statuses = sorted(db.session.scalars(sa.select(Design.status)))
        events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    assert statuses.count("approved") == 1 and statuses.count("submitted") == 1
    assert events == 5  # approved: submitted, review started, review recorded, approved; waiting: submitted


def test_history_compares_the_frozen_reports_of_two_submitted_revisions(app, flow, people, make_design):
    """The review page compares the reports frozen at submission; history must show the same movement,
    not re-score with today's rubric (here the stored scores stand for an older rubric version)."""
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "request_changes", "Add employer evidence.")
    flow.edit(d, people.author)
    flow.submit(d, people.author)
    with app.app_context():
        for sub in db.session.scalars(sa.select(Submission).where(Submission.design_id == d)):
            sub.report = dict(sub.report, score=11.0 * sub.round, rubric_version="0.9")
            sub.rubric_version = "0.9"
        db.session.commit()
    page = client_for(app, people.author).get(f"/designs/{d}/history?left=1&right=2").text
    assert "Score 11% → 22%" in page
    assert "compares the reports frozen when each revision was submitted" in page
    assert "round 1, institution-default version 0.9" in page
    flow.withdraw(d, people.author)
    flow.edit(d, people.author)  # revision 3, never submitted
    page = client_for(app, people.author).get(f"/designs/{d}/history?left=2&right=3").text
    assert "scores both revisions now with the current rubric" in page and "Score 11%" not in page


def test_dashboard_counts_designs_by_managed_department(app, people, make_design):
    from designer.institution.models import Department
    from tests.conftest import INSTITUTION

    with app.app_context():
        db.session.add_all([Department(institution=INSTITUTION, name="School of Testing", active=True),
                            Department(institution=INSTITUTION, name="Arts Faculty", active=True),
                            Department(institution="Other College", name="Not Ours", active=True)])
        db.session.commit()
    make_design(people.author)
    make_design(people.author)
    make_design(people.author, department="Typed Long Ago")  # from before the managed list
    with app.app_context():
        reviewer = db.session.get(User, people.reviewer)
        data = queries.dashboard(db.session, reviewer)
    assert data.by_department == [("Arts Faculty", 0), ("School of Testing", 2), ("Typed Long Ago", 1)]
    page = client_for(app, people.reviewer).get("/review/dashboard").text
    assert "Designs by department" in page and "Arts Faculty" in page and "Not Ours" not in page
