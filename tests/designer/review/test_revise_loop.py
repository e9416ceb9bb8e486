"""The revise loop: the committee's comments in the editor while revising, and the authors' response to
the reviewers that the committee reads with the diff."""

import re

from designer.extensions import db
from designer.models import Design
from designer.review import revising
from designer.review.services import full_marks, open_submission
from tests.conftest import login


def _changes_requested(flow, people, d, *, comment="Cite this year's employer survey."):
    sub_id = flow.submit(d, people.author)

    def ratings_for(app):
        with app.app_context():
            sub = open_submission(db.session, db.session.get(Design, d))
            marks = full_marks(sub)
        marks["M01"] = (1, comment)  # the need evidence
        marks["M03"] = (2, "The quiz is not a work task.")  # authentic assessment
        marks["M04"] = (3, "")  # met, nothing to say: not shown
        return marks

    flow.review(d, people.reviewer, ratings_for(flow.app))
    flow.decide(d, people.reviewer, "request_changes", "Strengthen the need and the assessment.")
    return sub_id


def test_comments_of_the_round_that_requested_changes_are_placed_by_section(app, flow, people, make_design):
    d = make_design(people.author)
    _changes_requested(flow, people, d)
    with app.app_context():
        found = revising.committee_comments(db.session, db.session.get(Design, d))
    assert found.round == 1 and found.decision_comment == "Strengthen the need and the assessment."
    assert found.decided_by == "Rita Reviewer"
    [need] = found.in_section("awarding")
    assert (need.criterion_id, need.rating, need.text, need.needs_work) == (
        "M01", "Not met", "Cite this year's employer survey.", True)
    assert [c.criterion_id for c in found.in_section("assessments")] == ["M03"]
    assert not found.in_section("resources")  # met without a comment
    assert not found.general


def test_no_comments_once_resubmitted_or_before_any_review(app, flow, people, make_design):
    d = make_design(people.author)
    with app.app_context():
        assert revising.committee_comments(db.session, db.session.get(Design, d)) is None
    _changes_requested(flow, people, d)
    flow.edit(d, people.author)
    flow.submit(d, people.author)
    with app.app_context():
        assert revising.committee_comments(db.session, db.session.get(Design, d)) is None


def test_editor_shows_the_comments_beside_their_sections(client, flow, people, make_design):
    d = make_design(people.author)
    _changes_requested(flow, people, d)
    login(client, people.author)
    html = client.get(f"/designs/{d}/edit").get_data(as_text=True)
    assert "The committee asked for changes (round 1, revision 1)" in html
    assert "Strengthen the need and the assessment." in html
    awarding = html[html.index('<section id="section-awarding"'):html.index('<section id="section-outcomes"')]
    assert 'id="awarding-committee"' in awarding and "employer survey" in awarding
    start = html.index('<section id="section-assessments"')
    assessments = html[start:html.index('<section id="section-resources"')]
    assert "The quiz is not a work task." in assessments
    assert 'href="#awarding-committee"' in html


def test_resubmission_response_is_stored_and_shown_beside_the_diff(app, client, flow, people, make_design):
    d = make_design(people.author)
    _changes_requested(flow, people, d)
    flow.edit(d, people.author, change="Now with the 2026 employer survey.")
    login(client, people.author)
    page = client.get(f"/designs/{d}").get_data(as_text=True)
    assert "Response to the reviewers (optional)" in page
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"base_revision": "2", "comment": "M01: added the 2026 survey.\nM03: kept the quiz, see AS2."}
    if token:
        data["csrf_token"] = token.group(1)
    assert client.post(f"/designs/{d}/submit", data=data).status_code == 303
    with app.app_context():
        sub = open_submission(db.session, db.session.get(Design, d))
        assert sub.round == 2 and sub.response.startswith("M01: added the 2026 survey.")

    login(client, people.reviewer)
    review = client.get(f"/review/designs/{d}").get_data(as_text=True)
    since = review[review.index('id="since-h"'):review.index('class="two-col"')]
    assert "The authors' response to the reviewers" in since and "M03: kept the quiz, see AS2." in since
    assert "Summary changed" in since or "Now with the 2026 employer survey." in since
    assert "Filled in from your review of round 1" in review  # round 2 starts from round 1, marked so
    status = client.get(f"/designs/{d}/review-status").get_data(as_text=True)
    assert "M01: added the 2026 survey." in status


def test_the_review_page_reads_like_the_syllabus_not_stored_values(app, client, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    login(client, people.reviewer)
    page = client.get(f"/review/designs/{d}").get_data(as_text=True)
    shown = page[page.index('id="doc-h"'):page.index('<aside class="side">')]
    for stored in ("en, hi", "supervised_id_verified", "name: ", "academic_credit", ">online<"):
        assert stored not in shown, stored
    for label in ("Delivery mode", "English, Hindi", "Awarding body", "Week-by-week schedule",
                  "Example State Open University, Maharashtra, IN"):
        assert label in shown, label
    assert "Evidence of need 1" in shown and "Chamber of Commerce skills survey" in shown  # not in the PDF
    assert "standards.md" not in page and "checks.md" not in page  # help text cites no internal files
    assert client.get(f"/designs/{d}/preview.pdf").status_code == 200  # the reviewer opens the draft PDF


def test_review_and_pdf_share_one_template_for_the_syllabus_sections():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "templates"
    for name in ("exports/syllabus.html", "review/review.html"):
        assert '{% include "exports/_syllabus_sections.html" %}' in (root / name).read_text("utf-8"), name


def test_a_comment_on_an_automated_finding_shows_beside_its_field(app, client, flow, people, make_design):
    from tests.conftest import example_document

    doc = example_document()
    doc["outcomes"][0]["text"] = "Understand how sessions and bounce rate describe visitors."  # O02 fails
    d = make_design(people.author, doc)
    flow.submit(d, people.author)
    login(client, people.reviewer)
    page = client.get(f"/review/designs/{d}").get_data(as_text=True)
    assert 'name="finding_O02"' in page and "Comments on the automated findings" in page
    form = {f"rating_M0{i}": "3" for i in range(1, 7)}
    form |= {"finding_O02": "Use a verb learners can show, e.g. explain.", "finding_Z99": "",
             "decision": "request_changes", "comment": "Fix the vague outcome."}
    with app.app_context():
        form["submission_id"] = str(open_submission(db.session, db.session.get(Design, d)).id)
    assert client.post(f"/review/designs/{d}/decision", data=form).status_code == 303
    with app.app_context():
        found = revising.committee_comments(db.session, db.session.get(Design, d))
    [comment] = found.in_section("outcomes")
    assert (comment.criterion_id, comment.anchor) == ("O02", "outcomes-0-text")

    login(client, people.author)
    html = client.get(f"/designs/{d}/edit").get_data(as_text=True)
    start = html.index('<section id="section-outcomes"')
    outcomes = html[start:html.index('<section id="section-activities"')]
    assert "Use a verb learners can show, e.g. explain." in outcomes and 'href="#outcomes-0-text"' in outcomes
    status = client.get(f"/designs/{d}/review-status").get_data(as_text=True)
    assert "Comments on the automated findings" in status and "e.g. explain." in status


def test_a_finding_comment_on_a_check_that_did_not_fail_is_refused(app, flow, people, make_design):
    import pytest

    from designer.models import User
    from designer.review import services

    d = make_design(people.author)
    flow.submit(d, people.author)
    with app.app_context():
        design = db.session.get(Design, d)
        sub = open_submission(db.session, design)
        with pytest.raises(services.ReviewInvalid) as refused:
            services.record_review(db.session, design, db.session.get(User, people.reviewer), full_marks(sub),
                                   finding_comments={"C01": "The title is fine."})
        assert "finding_C01" in refused.value.errors
