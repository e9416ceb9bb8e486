"""Review drafts: what a reviewer has typed but not saved, autosaved by the review page's script.

A draft is not a review: it never counts towards a decision and nobody else sees it. It is offered back
when the reviewer opens the page again, and dropped once the review is saved.
"""

import sqlalchemy as sa
from sqlalchemy.orm import Session, contains_eager, selectinload

from designer.models import Review, ReviewDraft, Submission, User, utcnow
from designer.review.records import COMMENT_MAX, failed_checks

MAX_FIELDS = 200


def save_draft(session: Session, submission: Submission, reviewer: User,
               fields: dict[str, str]) -> ReviewDraft:
    """Store the reviewer's unsaved form fields (only the review form's own names, each cut to size)."""
    allowed = {"private_note", "comment"} | {f"{kind}_{c['id']}" for c in submission.manual_criteria
                                             for kind in ("rating", "comment")}
    allowed |= {f"finding_{cid}" for cid in failed_checks(submission)}
    data = {k: str(v)[:COMMENT_MAX] for k, v in list(fields.items())[:MAX_FIELDS] if k in allowed}
    draft = session.get(ReviewDraft, (submission.id, reviewer.id))
    if draft is None:
        draft = ReviewDraft(submission_id=submission.id, reviewer_id=reviewer.id, data=data)
        session.add(draft)
    draft.data = data
    draft.updated_at = utcnow()
    session.flush()
    return draft


def draft_for(session: Session, submission: Submission, reviewer: User,
              saved: Review | None) -> ReviewDraft | None:
    """The reviewer's autosaved draft of this submission's review, if newer than their `saved` review."""
    draft = session.get(ReviewDraft, (submission.id, reviewer.id))
    if draft is None:
        return None
    return draft if saved is None or draft.updated_at > saved.updated_at else None


def discard_draft(session: Session, submission: Submission, reviewer: User) -> None:
    """Forget the draft once the review it was typed for is saved."""
    session.execute(sa.delete(ReviewDraft).where(ReviewDraft.submission_id == submission.id,
                                                 ReviewDraft.reviewer_id == reviewer.id))


def previous_review(session: Session, submission: Submission, reviewer: User) -> Review | None:
    """The reviewer's own review of the design's previous round, the starting point of round 2."""
    return session.scalar(
        sa.select(Review).join(Submission, Submission.id == Review.submission_id)
        .where(Submission.design_id == submission.design_id, Submission.round < submission.round,
               Review.reviewer_id == reviewer.id)
        .options(contains_eager(Review.submission), selectinload(Review.ratings))
        .order_by(Submission.round.desc()).limit(1))
