"""Reviewer assignments: a stage chair (or an admin) asks a committee member to review a submission by
a date; the member is emailed; the queue shows what is due and overdue; reminders go out before and after
the due date (`send_due_reminders`, run by `flask approval remind` or the task scheduler)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from designer.approval import stages
from designer.approval.models import ReviewAssignment
from designer.designs import permissions
from designer.mail import send_email
from designer.models import Design, Review, Role, Submission, User, utcnow
from designer.review.records import ReviewError, audit

ASSIGNED = "reviewer_assigned"


def may_assign(session: Session, actor: User, design: Design, submission: Submission) -> bool:
    """The chair of the submission's stage, or an admin (on the default route: admins)."""
    if actor.has_role(Role.ADMIN) and not permissions.is_author(actor, design):
        return True
    stage = stages.stage_of(session, design, submission)
    return stage is not None and stage.chair_id == actor.id


def candidates(session: Session, design: Design, submission: Submission) -> list[User]:
    """Who may be assigned: the stage's committee (default route: the institution's reviewers), no authors."""
    stage = stages.stage_of(session, design, submission)
    if stage is not None:
        people = stage.members
    else:
        people = session.scalars(
            sa.select(User)
            .where(User.institution == design.institution, User.active.is_(True))
            .order_by(User.name)
        )
    return [p for p in people if p.active and permissions.is_committee_for(p, design)]


def assign(
    session: Session, actor: User, design: Design, submission: Submission, reviewer: User, due_at: datetime
) -> ReviewAssignment:
    """Assign (or move the due date of) one reviewer; audited in the design's trail. Only flushes.

    Raises:
        ReviewError: the actor may not assign, the reviewer is not on the stage's committee, or the date
            is in the past.
    """
    if not may_assign(session, actor, design, submission):
        raise ReviewError("Only the chair of this stage (or an administrator) assigns its reviewers.")
    if reviewer not in candidates(session, design, submission):
        raise ReviewError(f"{reviewer.name} is not on this stage's committee (or authors the design).")
    if due_at <= utcnow():
        raise ReviewError("Choose a due date in the future.")
    assignment = session.scalar(
        sa.select(ReviewAssignment).where(
            ReviewAssignment.submission_id == submission.id, ReviewAssignment.reviewer_id == reviewer.id
        )
    )
    if assignment is None:
        assignment = ReviewAssignment(submission_id=submission.id, reviewer_id=reviewer.id)
        session.add(assignment)
    assignment.assigned_by_name, assignment.due_at = actor.name, due_at
    assignment.reminded_before_at = assignment.reminded_after_at = None
    session.flush()
    audit(
        session,
        design,
        actor,
        ASSIGNED,
        design.status_enum,
        design.status_enum,
        submission,
        submission.revision.number,
        f"{reviewer.name}, due {due_at:%Y-%m-%d}",
    )
    return assignment


def email_assignment(assignment: ReviewAssignment, design: Design) -> None:
    link = url_for("review.review_page", design_id=design.id, _external=True)
    send_email(
        assignment.reviewer.email,
        f"Please review '{design.title}' by {assignment.due_at:%d %B %Y}",
        f"Hello {assignment.reviewer.name},\n\n{assignment.assigned_by_name} asked you to review "
        f"'{design.title}' by {assignment.due_at:%d %B %Y}.\n\n{link}\n",
    )


@dataclass
class Due:
    assignment: ReviewAssignment
    design: Design
    overdue: bool


def open_assignments(session: Session, *, reviewer: User | None = None):
    """(assignment, design) pairs whose submission is still open and the reviewer has not reviewed."""
    reviewed = (
        sa.select(Review.id)
        .where(
            Review.submission_id == ReviewAssignment.submission_id,
            Review.reviewer_id == ReviewAssignment.reviewer_id,
        )
        .exists()
    )
    query = (
        sa.select(ReviewAssignment, Design)
        .join(Submission, Submission.id == ReviewAssignment.submission_id)
        .join(Design, Design.id == Submission.design_id)
        .where(Submission.outcome == "open", ~reviewed)
        .order_by(ReviewAssignment.due_at)
    )
    if reviewer is not None:
        query = query.where(ReviewAssignment.reviewer_id == reviewer.id)
    return session.execute(query).all()


def my_due(session: Session, reviewer: User, now: datetime | None = None) -> list[Due]:
    now = now or utcnow()
    return [Due(a, d, a.due_at < now) for a, d in open_assignments(session, reviewer=reviewer)]


def send_due_reminders(session: Session, now: datetime) -> int:
    """Email each open assignment once shortly before its due date and once after it; returns how many
    messages went out. Only flushes: if the caller's commit fails, the reminders go again next run (at least
    once, never silently lost)."""
    before = timedelta(days=float(current_app.config.get("REMINDER_DAYS_BEFORE", 2)))
    sent = 0
    for assignment, design in open_assignments(session):
        reviewer = assignment.reviewer
        if now >= assignment.due_at and assignment.reminded_after_at is None:
            subject = f"Overdue: your review of '{design.title}'"
            text = (
                f"Hello {reviewer.name},\n\nyour review of '{design.title}' was due on "
                f"{assignment.due_at:%d %B %Y}. Please record it as soon as you can.\n"
            )
            column = ReviewAssignment.reminded_after_at
        elif assignment.due_at - before <= now < assignment.due_at and assignment.reminded_before_at is None:
            subject = f"Reminder: your review of '{design.title}' is due {assignment.due_at:%d %B %Y}"
            text = (
                f"Hello {reviewer.name},\n\na reminder that your review of '{design.title}' is due on "
                f"{assignment.due_at:%d %B %Y}.\n"
            )
            column = ReviewAssignment.reminded_before_at
        else:
            continue
        # Compare-and-set: of two runs at once (two schedulers, the CLI), only one sends this reminder.
        taken = session.execute(
            sa.update(ReviewAssignment)
            .where(ReviewAssignment.id == assignment.id, column.is_(None))
            .values({column: now}), execution_options={"synchronize_session": False}).rowcount
        if taken != 1:
            continue
        set_committed_value(assignment, column.key, now)  # what the UPDATE wrote
        send_email(reviewer.email, subject, text)
        sent += 1
    session.flush()
    return sent
