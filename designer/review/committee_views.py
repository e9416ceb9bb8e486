"""The committee's pages: the review queue, the review page (score, comment, decide) and the dashboard."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from designer.approval import stages
from designer.auth.views import role_required
from designer.designs import permissions
from designer.designs.compare import diff_documents
from designer.designs.fields import choices
from designer.exports.context import build_syllabus_context, unprinted_lines
from designer.extensions import db
from designer.institution.departments import filter_options
from designer.institution.display import local_datetime
from designer.models import Role, Submission
from designer.review import drafts, queries, scoring, services, visibility
from designer.review.forms import DecisionForm, QueueFilterForm, review_form_class
from designer.review.queries import AWAITING
from designer.review.records import failed_checks
from designer.review.views import bp, load_design
from designer.template_helpers import fmt_number
from designer.transaction import attempt, keep_on_error

committee_only = role_required(Role.REVIEWER, Role.ADMIN)


@bp.get("/review/queue")
@committee_only
def queue():
    """Submitted designs of my institution, oldest first, with filters."""
    form = QueueFilterForm(request.args)
    departments, levels = queries.queue_choices(db.session, current_user)
    departments = filter_options(db.session, current_user.institution, departments)
    form.department.choices += choices([(d, d) for d in departments])
    form.level.choices += choices([(str(v), fmt_number(v)) for v in levels])
    rows, status = [], 200
    if form.validate():
        statuses = AWAITING if (form.status.data or "waiting") == "waiting" else (form.status.data,)
        rows = queries.review_queue(
            db.session,
            current_user,
            statuses=statuses,
            department=form.department.data or "",
            level=float(form.level.data) if form.level.data else None,
            min_score=form.min_score.data,
            max_score=form.max_score.data,
        )
    else:
        status = 400
    return render_template("review/queue.html", form=form, rows=rows), status


def _page(design, submission: Submission, review_form=None, decision_form=None, status: int = 200):
    mine = next((r for r in submission.reviews if r.reviewer_id == current_user.id), None)
    prefill_note = ""
    if review_form is None:
        form_class = review_form_class(submission.manual_criteria, failed_checks(submission))
        review_form = form_class(submission_id=submission.id)
        decision_form = decision_form or DecisionForm(submission_id=submission.id)
        prefill_note = _prefill(review_form, decision_form, submission, mine)
    decision_form = decision_form or DecisionForm(submission_id=submission.id)
    previous = next(
        (
            s
            for s in queries.submissions_of(db.session, design)
            if s.round < submission.round and s.outcome in queries.DECIDED
        ),
        None,
    )
    since = None
    if previous is not None:
        since = {
            "previous": previous,
            "changes": diff_documents(previous.revision.document, submission.revision.document),
            "report": scoring.compare_reports(previous.report, submission.report),
        }
    can_act = permissions.can_review(current_user, design) and submission.outcome == "open"
    # Reviewers score independently: the others' ratings show once my own review is in (or to admins).
    see_others = not visibility.reviews_hidden_from(current_user, design, submission)
    return render_template(
        "review/review.html",
        design=design,
        submission=submission,
        document=submission.revision.document,
        # Read like the syllabus: the PDF's own sections, labels and values (exports/_syllabus_sections.html).
        syllabus=build_syllabus_context(design, submission.revision, report=submission.report,
                                        config=current_app.config),
        unprinted=unprinted_lines(submission.revision.document),
        criteria=scoring.criteria(submission.report),
        feedback=queries.feedback(submission),
        rating_label=queries.rating_label,
        form=review_form,
        decision_form=decision_form,
        mine=mine,
        can_act=can_act,
        see_others=see_others,
        since=since,
        reviews_required=current_app.config["REVIEWS_REQUIRED"],
        show_notes=permissions.can_see_committee_notes(current_user, design),
        prefill_note=prefill_note,
        saved=request.args.get("saved") == "1",
    ), status


def _prefill(review_form, decision_form, submission: Submission, mine) -> str:
    """Fill the form from, in order: what I typed but did not save, my saved review, my review of the
    previous round. Returns the sentence that says where the values came from ("" for my saved review)."""
    draft = drafts.draft_for(db.session, submission, current_user, mine)
    if draft is not None:
        for name, value in draft.data.items():
            if name in review_form:
                review_form[name].data = value
        decision_form.comment.data = draft.data.get("comment", "")
        return (f"Restored what you typed on {local_datetime(draft.updated_at)}; it is not saved as your "
                "review yet. Check it and press Save my review, or decide.")
    source = mine or drafts.previous_review(db.session, submission, current_user)
    if source is None:
        return ""
    for rating in source.ratings:
        if f"rating_{rating.criterion_id}" in review_form:
            review_form[f"rating_{rating.criterion_id}"].data = str(rating.rating)
            review_form[f"comment_{rating.criterion_id}"].data = rating.comment
    review_form.private_note.data = source.private_note
    for cid, text in (source.finding_comments or {}).items():
        if f"finding_{cid}" in review_form:  # a check that still fails in this round
            review_form[f"finding_{cid}"].data = text
    if source is mine:
        return ""
    return (f"Filled in from your review of round {source.submission.round}: check each rating against this "
            "revision before saving; nothing is saved for this round yet.")


def _submission_for_page(design) -> Submission:
    submission = services.open_submission(db.session, design)
    if submission is None:
        rounds = queries.submissions_of(db.session, design)
        if not rounds:
            abort(404)
        submission = rounds[0]
    return submission


def _may_see_review_page(user, design) -> bool:
    """The institution's committee while the design is with (or past) the committee; admins always."""
    return permissions.can_view(user, design) and (
        permissions.can_review(user, design) or user.has_role(Role.ADMIN)
    )


def _after_refusal(design):
    """Back to the review page, or to the queue when the design left the committee (e.g. withdrawn)."""
    if _may_see_review_page(current_user, design):
        return redirect(url_for("review.review_page", design_id=design.id), 303)
    return redirect(url_for("review.queue"), 303)


@bp.route("/review/designs/<int:design_id>", methods=["GET", "POST"])
@login_required
def review_page(design_id: int):
    """The design read-only, its automated report and the manual criteria to score (GET);
    record my review (POST)."""
    design = load_design(
        design_id, _may_see_review_page if request.method == "GET" else permissions.can_review
    )
    submission = _submission_for_page(design)
    if request.method == "GET":
        return _page(design, submission)
    form = review_form_class(submission.manual_criteria, failed_checks(submission))()
    if not form.validate():
        return _page(design, submission, review_form=form, status=400)
    refused = _record(design, submission, form)
    if refused is not None:
        return refused
    # Said beside the button that was pressed, not in a flash 3,900 px up the page.
    return redirect(url_for("review.review_page", design_id=design.id, saved=1) + "#review-autosave", 303)


@bp.post("/review/designs/<int:design_id>/decision")
@login_required
def decide(design_id: int):
    """Approve, request changes or reject the open submission."""
    # The committee may post even if the design was withdrawn meanwhile: the service explains the refusal.
    design = load_design(design_id, permissions.can_review)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    submission = services.open_submission(db.session, design)
    review_form = None
    if submission is not None and any(k.startswith("rating_") for k in request.form):
        # The decision came from the review form: its ratings and comments are saved first, in the same
        # transaction, so a decision never throws away a review typed but not saved.
        review_form = review_form_class(submission.manual_criteria, failed_checks(submission))()
        if not review_form.validate():
            return _page(design, submission, review_form=review_form, decision_form=form, status=400)
        refused = _record(design, submission, review_form)
        if refused is not None:
            return refused
    with attempt(services.ReviewError, say=False) as outcome:
        result = services.decide(
            db.session,
            design,
            current_user,
            form.decision.data or "",
            form.comment.data or "",
            submission_id=int(form.submission_id.data) if (form.submission_id.data or "").isdigit() else None,
            reviews_required=current_app.config["REVIEWS_REQUIRED"],
        )
    still_open = outcome.refused and review_form is not None and services.open_submission(db.session, design)
    if still_open:
        # The refusal threw the review away with the decision: store it again, and keep it although the
        # answer is an error page (e.g. a decision without its comment).
        _record(design, still_open, review_form)
        keep_on_error()
    if isinstance(outcome.error, services.ReviewInvalid):
        form.comment.errors = [*form.comment.errors, *outcome.error.errors.values()]
        return _page(design, _submission_for_page(design), decision_form=form, status=400)
    if outcome.refused:
        flash(str(outcome.error), "error")
        return _after_refusal(design)
    if result.outcome == "open":  # a stage (not the last) approved: the design moved on to the next one
        passed = stages.passed_message(db.session, design, result)
        flash(f"{passed} The authors and that committee are notified.", "success")
    else:
        flash(f"Decision recorded: {design.status_enum.label.lower()}. The authors are notified.", "success")
    return redirect(url_for("review.queue"), 303)


def _record(design, submission: Submission, form):
    """Store the posted review unless it equals the stored one; a refusal returns the response to send."""
    mine = next((r for r in submission.reviews if r.reviewer_id == current_user.id), None)
    ratings, note, findings = form.ratings(), (form.private_note.data or "").strip(), form.finding_comments()
    stored = {r.criterion_id: (r.rating, r.comment) for r in mine.ratings} if mine else None
    if (stored == {k: (v, c.strip()) for k, (v, c) in ratings.items()} and mine.private_note == note
            and (mine.finding_comments or {}) == findings):
        drafts.discard_draft(db.session, submission, current_user)
        return None
    with attempt(services.ReviewError, IntegrityError, say=False) as outcome:
        services.record_review(db.session, design, current_user, ratings, note,
                               submission_id=int(form.submission_id.data or 0) or None,
                               finding_comments=findings)
        drafts.discard_draft(db.session, submission, current_user)
    if isinstance(outcome.error, services.ReviewInvalid):
        for name, message in outcome.error.errors.items():
            if name in form:
                form[name].errors = [*form[name].errors, message]
        return _page(design, submission, review_form=form, status=400)
    if outcome.refused:
        flash(
            str(outcome.error)
            if isinstance(outcome.error, services.ReviewError)
            else "Your review was saved twice at the same moment; reload to see the stored one.",
            "error",
        )
        return _after_refusal(design)
    return None


@bp.post("/review/designs/<int:design_id>/draft")
@login_required
def review_draft(design_id: int):
    """Autosave what the reviewer is typing (called by static/js/review.js); 204, or 409 once decided."""
    design = load_design(design_id, permissions.can_review)
    if not DecisionForm().validate():  # only the CSRF token is checked here
        abort(400)
    submission = services.open_submission(db.session, design)
    if submission is None:
        return {"saved": False, "message": "This submission was decided or withdrawn."}, 409
    draft = drafts.save_draft(db.session, submission, current_user, request.form.to_dict())
    return {"saved": True,
            "message": f"Draft kept {local_datetime(draft.updated_at)} (not yet your review)."}


@bp.get("/review/dashboard")
@committee_only
def dashboard():
    """Counts by status, median time to decision, the checks that fail most often."""
    return render_template("review/dashboard.html", data=queries.dashboard(db.session, current_user))
