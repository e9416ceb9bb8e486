"""The reviewer's page is one form: a decision saves the ratings first; what is typed is autosaved as a
draft and offered back; round 2 starts from the reviewer's round-1 review, marked as such."""

from designer.extensions import db
from designer.models import Design, Review, ReviewDraft
from tests.designer.review.test_views import RATINGS, client_for, db_status


def _stored_ratings(app, d):
    with app.app_context():
        reviews = db.session.scalars(db.select(Review).join(Review.submission)
                                     .where(Review.submission.property.mapper.class_.design_id == d)).all()
        return [{r.criterion_id: (r.rating, r.comment) for r in review.ratings} for review in reviews]


def test_approve_without_pressing_save_keeps_every_rating(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    page = reviewer.get(f"/review/designs/{d}").text
    assert 'form="review-form" name="decision" value="approve"' in page
    data = RATINGS | {"comment_M02": "Clear outcomes", "private_note": "Fine", "decision": "approve"}
    response = reviewer.post(f"/review/designs/{d}/decision", data=data)
    assert response.status_code == 303 and db_status(app, d) == "approved"
    [stored] = _stored_ratings(app, d)
    assert stored["M02"] == (3, "Clear outcomes") and len(stored) == 6


def test_a_refused_decision_still_keeps_the_review_and_the_typing(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    data = RATINGS | {"rating_M03": "1", "comment_M03": "Quizzes only", "decision": "request_changes"}
    response = reviewer.post(f"/review/designs/{d}/decision", data=data)  # no decision comment
    assert response.status_code == 400 and "a comment is required" in response.text
    assert "Quizzes only" in response.text and db_status(app, d) == "in_review"
    [stored] = _stored_ratings(app, d)
    assert stored["M03"] == (1, "Quizzes only")


def test_a_decision_with_a_missing_rating_changes_nothing_and_keeps_input(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    data = {"rating_M01": "2", "comment_M01": "Evidence is old", "decision": "approve"}
    response = reviewer.post(f"/review/designs/{d}/decision", data=data)
    assert response.status_code == 400 and "Evidence is old" in response.text
    assert "Choose met, partly met or not met." in response.text
    assert db_status(app, d) == "submitted" and _stored_ratings(app, d) == []


def test_saving_says_so_beside_the_button(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    response = reviewer.post(f"/review/designs/{d}", data=RATINGS)
    assert response.status_code == 303 and response.location.endswith("saved=1#review-autosave")
    page = reviewer.get(response.location).text
    assert 'id="review-autosave" role="status" aria-live="polite">Your review is saved.' in page


def test_draft_is_autosaved_offered_back_and_dropped_on_save(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    typed = {"rating_M01": "2", "comment_M01": "Half typed", "comment": "Decision draft", "bogus": "x"}
    response = reviewer.post(f"/review/designs/{d}/draft", data=typed)
    assert response.status_code == 200 and response.json["saved"] is True
    with app.app_context():
        [draft] = db.session.scalars(db.select(ReviewDraft)).all()
        assert "bogus" not in draft.data and draft.data["comment_M01"] == "Half typed"
    page = reviewer.get(f"/review/designs/{d}").text
    assert "Restored what you typed on" in page and "Half typed" in page and "Decision draft" in page
    assert db_status(app, d) == "submitted"  # a draft is not a review
    assert client_for(app, people.reviewer2).get(f"/review/designs/{d}").text.count("Half typed") == 0
    reviewer.post(f"/review/designs/{d}", data=RATINGS)
    with app.app_context():
        assert db.session.scalars(db.select(ReviewDraft)).all() == []


def test_draft_autosave_refused_to_authors_and_after_the_decision(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    assert client_for(app, people.author).post(f"/review/designs/{d}/draft", data={}).status_code == 403
    flow.review(d, people.reviewer)
    flow.decide(d, people.reviewer, "approve")
    assert client_for(app, people.reviewer).post(f"/review/designs/{d}/draft", data={}).status_code == 409


def test_round_two_starts_from_my_round_one_review(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    ratings = {f"M0{i}": (3, "") for i in range(1, 7)} | {"M04": (1, "No rubric for the project")}
    flow.review(d, people.reviewer, ratings)
    flow.decide(d, people.reviewer, "request_changes", "Add a rubric.")
    with app.app_context():
        db.session.get(Design, d).status = "changes_requested"
        db.session.commit()
    flow.submit(d, people.author)
    page = client_for(app, people.reviewer).get(f"/review/designs/{d}").text
    assert "Filled in from your review of round 1" in page and "No rubric for the project" in page
    assert '<option selected value="1">Not met</option></select>' in page
    other = client_for(app, people.reviewer2).get(f"/review/designs/{d}").text
    assert "Filled in from your review" not in other


def test_reviewers_open_the_draft_pdf_preview_from_the_review_page(app, flow, people, make_design):
    d = make_design(people.author)
    flow.submit(d, people.author)
    reviewer = client_for(app, people.reviewer)
    assert f'href="/designs/{d}/preview.pdf">Draft PDF preview' in reviewer.get(f"/review/designs/{d}").text
    response = reviewer.get(f"/designs/{d}/preview.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
