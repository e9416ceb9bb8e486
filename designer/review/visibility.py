"""Independent scoring: a committee member sees the other reviewers' ratings, comments and notes of an
open submission only after recording their own review (admins always; everyone once it is decided).
Every page and export that shows reviews goes through here: the review page, the review status page,
the design page's review log and audit.csv.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from designer.designs import permissions
from designer.models import AuditEvent, Design, Role, Submission, User
from designer.review import queries
from designer.review.workflow import REVIEW_RECORDED

HIDDEN_NOTE = "(hidden until you record your own review)"


def reviews_hidden_from(user: User, design: Design, submission: Submission | None) -> bool:
    """Must the other reviewers' work on `submission` stay hidden from `user` for now?"""
    if submission is None or submission.outcome != "open" or user.has_role(Role.ADMIN):
        return False
    if not permissions.is_committee_for(user, design):
        return False
    return not any(review.reviewer_id == user.id for review in submission.reviews)


def hidden_submission_ids(user: User, design: Design, submissions: list[Submission]) -> set[int]:
    return {s.id for s in submissions if reviews_hidden_from(user, design, s)}


@dataclass(frozen=True)
class EventRow:
    """An audit event as shown (a copy, so hiding a comment never touches the stored row)."""

    created_at: datetime
    actor_name: str
    action: str
    from_status: str
    to_status: str
    revision_number: int | None
    comment: str


def visible_audit_trail(
    session: Session, design: Design, user: User, rounds: list[Submission] | None = None
) -> list[EventRow]:
    """The design's audit trail with other reviewers' ratings hidden where independence requires it.

    `rounds`: the design's submissions when the caller has them already (queries.submissions_of).
    """
    rounds = queries.submissions_of(session, design, details=False) if rounds is None else rounds
    hidden = hidden_submission_ids(user, design, rounds)
    rows = []
    for e in queries.audit_trail(session, design):
        comment = e.comment
        if e.action == REVIEW_RECORDED and e.submission_id in hidden and e.actor_id != user.id:
            comment = HIDDEN_NOTE
        rows.append(_row(e, comment))
    return rows


def _row(event: AuditEvent, comment: str) -> EventRow:
    return EventRow(event.created_at, event.actor_name, event.action, event.from_status, event.to_status,
                    event.revision_number, comment)
