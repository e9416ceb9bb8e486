"""The committee workflow's state changes, every one guarded by the transition table in `workflow`.

Plain functions, usable from views, CLI commands and other features' tests: `submit(session, design,
actor, rubric)` freezes the latest revision (it must be schema-complete) with its rubric report;
`start_review(session, design, reviewer)` marks a submission as being reviewed; `record_review(session,
design, reviewer, ratings, private_note)` stores one reviewer's independent ratings ({criterion id:
(1-3, comment)}, every manual criterion rated; it starts the review when needed); `decide(session,
design, reviewer, "approve" | "request_changes" | "reject", comment)` closes the submission, and approval
points `Design.approved_revision_id` at the submitted revision; `withdraw(session, design, author)` takes
a waiting submission back to draft. Each takes the session and the acting user explicitly, only flushes,
writes an audit row per state change and notifies the people concerned. A refused step raises
`ReviewError` (or a subclass) and changes nothing. Concurrency: every status change is one
`UPDATE designs ... WHERE status = <expected>` (compare-and-set), so of two simultaneous decisions one
wins and the other is refused. To get a design approved in a test:

    sub = submit(s, design, author, rubric)
    record_review(s, design, reviewer, full_marks(sub))
    decide(s, design, reviewer, "approve", "")
"""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.approval import stages
from designer.designs import permissions
from designer.designs.services import latest_revision
from designer.designs.validation import validate_document
from designer.jobs.render import render_on_approval
from designer.models import Design, Review, ReviewRating, Status, Submission, User, utcnow
from designer.review import scoring, workflow
from designer.review.committee import committee_members
from designer.review.notifications import notify
from designer.review.records import (  # noqa: F401 - the errors and constants are part of this module's API
    COMMENT_MAX,
    RATINGS,
    IncompleteDesign,
    ReviewError,
    ReviewInvalid,
    TransitionRefused,
    audit,
    close_submission,
    hold_status,
    move_status,
    rating_errors,
)
from designer.review.workflow import REVIEW_RECORDED, Action


def open_submission(session: Session, design: Design) -> Submission | None:
    """The submission waiting for (or under) review, if any."""
    return session.scalar(
        sa.select(Submission).where(Submission.design_id == design.id, Submission.outcome == "open")
    )


def submit(
    session: Session,
    design: Design,
    actor: User,
    rubric,
    *,
    base_revision: int | None = None,
    comment: str = "",
) -> Submission:
    """Submit the latest revision for committee review.

    Args:
        rubric: a `rubrics.Rubric` (see checking.services.app_rubric); its id, version and report are stored.
        base_revision: the revision the author was looking at; refused if the design was saved since.
    Raises:
        ReviewError, TransitionRefused, IncompleteDesign.
    """
    if not permissions.can_submit(actor, design):
        raise ReviewError("Only the design's authors can submit it.")
    _require_allowed(design, Action.SUBMIT)
    latest = latest_revision(session, design)
    if base_revision is not None and base_revision != latest.number:
        raise TransitionRefused(
            f"The design was saved again (revision {latest.number}) after you opened revision "
            f"{base_revision}. Check the latest revision, then submit again. Nothing was changed."
        )
    problems = validate_document(latest.document, complete=True)
    if problems:
        raise IncompleteDesign(problems)
    scored = scoring.score(rubric, latest.document)
    same_revision = [Design.latest_revision == latest.number]
    before, after = move_status(session, design, Action.SUBMIT, where=same_revision)
    last_round = session.scalar(
        sa.select(sa.func.max(Submission.round)).where(Submission.design_id == design.id)
    )
    submission = Submission(
        design_id=design.id,
        revision_id=latest.id,
        round=(last_round or 0) + 1,
        submitted_by_id=actor.id,
        submitted_at=utcnow(),
        rubric_id=scored.rubric_id,
        rubric_version=scored.rubric_version,
        report=scored.report,
        score=scored.score,
        meets=scored.meets,
        manual_criteria=scored.manual_criteria,
        decision_comment="",
        response=comment.strip(),
    )
    session.add(submission)
    session.flush()
    stages.on_submit(session, design, submission)  # the approval route's starting stage
    audit(session, design, actor, Action.SUBMIT.value, before, after, submission, latest.number, comment)
    notify(
        session,
        _authors(design, but=actor),
        design,
        f"'{design.title}' (revision {latest.number}) was submitted to the committee by {actor.name}.",
    )
    again = "resubmitted" if submission.round > 1 else "submitted"
    response = f" Response to the reviewers: {comment.strip()[:200]}" if comment.strip() else ""
    notify(
        session,
        committee_members(session, design),
        design,
        f"'{design.title}' was {again} for review (round {submission.round}, revision {latest.number}) "
        f"by {actor.name}.{response}",
        link=f"/review/designs/{design.id}",
    )
    return submission


def withdraw(session: Session, design: Design, actor: User, comment: str = "") -> Submission:
    """Take a waiting submission back to draft; its reviews stay on record."""
    if not permissions.can_submit(actor, design):
        raise ReviewError("Only the design's authors can withdraw it.")
    _require_allowed(design, Action.WITHDRAW)
    submission = open_submission(session, design)
    before, after = move_status(session, design, Action.WITHDRAW)
    close_submission(session, submission, actor, "withdrawn", comment)
    audit(
        session,
        design,
        actor,
        Action.WITHDRAW.value,
        before,
        after,
        submission,
        design.latest_revision,
        comment,
    )
    reviewers = [r.reviewer for r in submission.reviews if r.reviewer_id != actor.id]
    notify(
        session,
        _authors(design, but=actor) + reviewers,
        design,
        f"'{design.title}' was withdrawn from review by {actor.name}.",
    )
    return submission


def start_review(
    session: Session, design: Design, actor: User, *, submission_id: int | None = None
) -> Submission:
    """Mark the open submission as being reviewed (submitted -> in review)."""
    _require_reviewer(actor, design)
    _require_allowed(design, Action.START_REVIEW)
    submission = _current_submission(session, design, submission_id)
    _require_stage_member(session, actor, design, submission)
    _begin_review(session, design, actor, submission)
    return submission


def _begin_review(session: Session, design: Design, actor: User, submission: Submission) -> None:
    """submitted -> in review, with its audit row and the authors' notification."""
    before, after = move_status(session, design, Action.START_REVIEW)
    audit(session, design, actor, Action.START_REVIEW.value, before, after, submission,
          _revision_number(submission))
    notify(session, _authors(design), design, f"The committee started reviewing '{design.title}'.")


def record_review(
    session: Session,
    design: Design,
    actor: User,
    ratings: dict[str, tuple[int, str]],
    private_note: str = "",
    *,
    submission_id: int | None = None,
    finding_comments: dict[str, str] | None = None,
) -> Review:
    """Store (or update, until the decision) one reviewer's ratings, comments and private note, and their
    optional comments on failed automated checks ({check id: comment}).

    Raises:
        ReviewInvalid: a manual criterion is not rated, or a rating or comment is out of range.
        TransitionRefused: the submission was decided or withdrawn meanwhile.
    """
    _require_reviewer(actor, design)
    if not workflow.with_committee(design.status_enum):
        raise TransitionRefused(workflow.refusal(Action.APPROVE, design.status_enum))
    submission = _current_submission(session, design, submission_id)
    _require_stage_member(session, actor, design, submission)
    errors = rating_errors(submission, ratings, private_note, finding_comments or {})
    if errors:
        raise ReviewInvalid(errors)
    if design.status_enum == Status.SUBMITTED:
        try:
            _begin_review(session, design, actor, submission)
        except TransitionRefused:
            if design.status_enum != Status.IN_REVIEW:  # decided or withdrawn meanwhile, not just started
                raise
    hold_status(session, design, Status.IN_REVIEW)
    session.refresh(submission)  # the row is held now: is this still the open round (not withdrawn)?
    if submission.outcome != "open":
        raise TransitionRefused("This submission was withdrawn meanwhile; reload. Nothing was changed.")
    review = session.scalar(
        sa.select(Review).where(Review.submission_id == submission.id, Review.reviewer_id == actor.id)
    )
    if review is None:
        review = Review(submission_id=submission.id, reviewer_id=actor.id, created_at=utcnow())
        session.add(review)
    review.private_note = private_note.strip()
    review.finding_comments = {k: v.strip() for k, v in sorted((finding_comments or {}).items()) if v.strip()}
    review.updated_at = utcnow()
    review.ratings = [
        ReviewRating(criterion_id=cid, rating=int(rating), comment=(comment or "").strip())
        for cid, (rating, comment) in sorted(ratings.items())
    ]
    session.flush()
    summary = ", ".join(f"{cid} {RATINGS[int(r)].lower()}" for cid, (r, _) in sorted(ratings.items()))
    audit(
        session,
        design,
        actor,
        REVIEW_RECORDED,
        Status.IN_REVIEW,
        Status.IN_REVIEW,
        submission,
        _revision_number(submission),
        summary,
    )
    return review


def decide(
    session: Session,
    design: Design,
    actor: User,
    decision: str,
    comment: str = "",
    *,
    submission_id: int | None = None,
    reviews_required: int = 1,
) -> Submission:
    """Close the open submission with the committee's decision.

    Args:
        decision: "approve", "request_changes" or "reject" (the last two need a comment).
        reviews_required: independent reviews the submission must have (config REVIEWS_REQUIRED).
    """
    _require_reviewer(actor, design)
    action = workflow.DECISIONS.get(decision)
    if action is None:
        raise ReviewInvalid({"decision": "Choose approve, request changes or reject."})
    comment = (comment or "").strip()
    if action in workflow.NEEDS_COMMENT and not comment:
        raise ReviewInvalid(
            {
                "comment": f"Say what the authors should know: to {action.verb} a design, "
                "a comment is required."
            }
        )
    if len(comment) > COMMENT_MAX:
        raise ReviewInvalid({"comment": f"Keep the comment under {COMMENT_MAX} characters."})
    _require_allowed(design, action)
    submission = _current_submission(session, design, submission_id)
    _require_stage_member(session, actor, design, submission)
    reviews_required = stages.reviews_required(session, design, submission, reviews_required)
    count = session.scalar(
        sa.select(sa.func.count()).select_from(Review).where(Review.submission_id == submission.id)
    )
    if count < reviews_required:
        raise TransitionRefused(
            f"A decision needs {reviews_required} independent review(s); {count} recorded so far. "
            "Nothing was changed."
        )
    following = stages.next_stage(session, design, submission) if action == Action.APPROVE else None
    if following is not None:  # a multi-stage route: this stage's approval passes the design on
        return _advance(session, design, actor, submission, following, comment)
    values = {"approved_revision_id": submission.revision_id} if action == Action.APPROVE else {}
    before, after = move_status(session, design, action, values=values)
    close_submission(session, submission, actor, action.value, comment)
    audit(
        session, design, actor, action.value, before, after, submission, _revision_number(submission), comment
    )
    if action == Action.APPROVE:
        render_on_approval(session, design, submission.revision_id, actor)
    others = [r.reviewer for r in submission.reviews if r.reviewer_id != actor.id]
    message = f"'{design.title}': {action.label.lower()} by {actor.name}." + (
        f" {comment[:200]}" if comment else "")
    # Authors go straight to the committee's comments; the other reviewers to the review page.
    notify(session, _authors(design), design, message, link=f"/designs/{design.id}/review-status")
    notify(session, others, design, message, link=f"/review/designs/{design.id}")
    return submission


def _advance(session, design, actor, submission, following, comment) -> Submission:
    nxt = stages.advance(session, design, actor, submission, following, comment)
    members = [m for m in following.members if not permissions.is_author(m, design)]
    notify(session, _authors(design) + members, design,
           f"'{design.title}' passed a stage and is now with the {following.name}.")
    return nxt


def _require_stage_member(session: Session, actor: User, design: Design, submission: Submission) -> None:
    reason = stages.refusal_for_reviewer(session, actor, design, submission)
    if reason:
        raise ReviewError(reason)


def full_marks(submission: Submission) -> dict[str, tuple[int, str]]:
    """Ratings of "met" for every manual criterion of a submission (tests and demo data)."""
    return {c["id"]: (3, "") for c in submission.manual_criteria}


def _require_reviewer(actor: User, design: Design) -> None:
    if permissions.ever_authored(actor, design):
        raise ReviewError("You cannot review or decide on a design you author or co-author, or did before.")
    if not permissions.can_review(actor, design):
        raise ReviewError("Only quality committee reviewers of the design's institution can review it.")


def _require_allowed(design: Design, action: Action) -> None:
    if workflow.target(action, design.status_enum) is None:
        raise TransitionRefused(workflow.refusal(action, design.status_enum))


def _current_submission(session: Session, design: Design, submission_id: int | None) -> Submission:
    submission = open_submission(session, design)
    if submission is None:
        raise TransitionRefused("There is no submission waiting for review. Nothing was changed.")
    if submission_id is not None and submission.id != submission_id:
        raise TransitionRefused(
            "The submission you were looking at was withdrawn and the design submitted again; "
            "reload the page to review the new submission. Nothing was changed."
        )
    return submission


def _authors(design: Design, but: User | None = None) -> list[User]:
    people = [design.owner, *design.coauthors]
    return [p for p in people if but is None or p.id != but.id]


def _revision_number(submission: Submission) -> int:
    return submission.revision.number
