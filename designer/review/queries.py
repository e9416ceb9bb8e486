"""Read-only questions the review pages ask: the queue, the trail of a design, reviewer agreement,
revision history and the committee dashboard. Nothing here writes."""

import csv
import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from designer.designs import permissions
from designer.institution.departments import names as department_names
from designer.models import AuditEvent, Design, DesignRevision, Review, Role, Status, Submission, User
from designer.review import scoring, workflow
from designer.review.services import RATINGS

AWAITING = tuple(s.value for s in workflow.WAITING)
DECIDED = workflow.DECIDED


@dataclass
class QueueRow:
    design: Design
    submission: Submission
    waited: timedelta
    reviews: int
    reviewed_by_me: bool


def _scope(user: User) -> list:
    """Designs the committee page may list for `user`: their institution's, never their own; admins all."""
    if user.has_role(Role.ADMIN):
        return []
    return [Design.institution == user.institution, sa.not_(permissions.contributed_by(user))]


def _latest_submissions():
    return (
        sa.select(Submission.design_id, sa.func.max(Submission.round).label("round"))
        .group_by(Submission.design_id)
        .subquery()
    )


def review_queue(
    session: Session,
    user: User,
    *,
    statuses=AWAITING,
    department: str = "",
    level: float | None = None,
    min_score: float | None = None,
    max_score: float | None = None,
    now: datetime | None = None,
) -> list[QueueRow]:
    """Submitted designs of the user's institution with their latest submission, oldest first."""
    latest = _latest_submissions()
    query = (
        sa.select(Design, Submission)
        .join(latest, latest.c.design_id == Design.id)
        .join(Submission, sa.and_(Submission.design_id == Design.id, Submission.round == latest.c.round))
        .where(Design.status.in_(list(statuses)), *_scope(user))
    )
    if department:
        query = query.where(Design.department == department)
    if level is not None:
        query = query.where(Design.level == level)
    if min_score is not None:
        query = query.where(Submission.score >= min_score)
    if max_score is not None:
        query = query.where(Submission.score <= max_score)
    pairs = session.execute(query.order_by(Submission.submitted_at, Submission.id)).all()
    ids = [s.id for _, s in pairs]
    counts = (
        dict(
            session.execute(
                sa.select(Review.submission_id, sa.func.count())
                .where(Review.submission_id.in_(ids))
                .group_by(Review.submission_id)
            ).all()
        )
        if ids
        else {}
    )
    mine = (
        set(
            session.scalars(
                sa.select(Review.submission_id).where(
                    Review.submission_id.in_(ids), Review.reviewer_id == user.id
                )
            )
        )
        if ids
        else set()
    )
    now = now or datetime.now(UTC)
    return [
        QueueRow(d, s, (s.closed_at or now) - s.submitted_at, counts.get(s.id, 0), s.id in mine)
        for d, s in pairs
    ]


def queue_choices(session: Session, user: User) -> tuple[list[str], list[float]]:
    """The departments and levels that occur among the designs the user's queue can show."""
    base = sa.select(Design).where(Design.status != Status.DRAFT.value, *_scope(user)).subquery()
    departments = sorted(d for d in session.scalars(sa.select(base.c.department).distinct()) if d)
    levels = sorted(v for v in session.scalars(sa.select(base.c.level).distinct()) if v is not None)
    return departments, levels


def submissions_of(session: Session, design: Design, *, details: bool = True) -> list[Submission]:
    """Every submission round of a design, newest first.

    What the pages show of each round is loaded in a fixed number of queries however many rounds there
    are: the reviews (who reviewed: enough for `details=False`) and, with `details`, the revision's
    number, who submitted and closed it, and each review's ratings and reviewer. Revision documents load
    only where read.
    """
    reviews = selectinload(Submission.reviews)
    options = [reviews]
    if details:
        options = [
            reviews.options(selectinload(Review.ratings), selectinload(Review.reviewer)),
            selectinload(Submission.revision).load_only(DesignRevision.id, DesignRevision.number),
            selectinload(Submission.submitted_by),
            selectinload(Submission.closed_by),
        ]
    query = sa.select(Submission).where(Submission.design_id == design.id).order_by(Submission.round.desc())
    return list(session.scalars(query.options(*options)))


def audit_trail(session: Session, design: Design) -> list[AuditEvent]:
    """Every recorded state change and decision of a design, oldest first."""
    return list(
        session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.design_id == design.id)
            .order_by(AuditEvent.created_at, AuditEvent.id)
        )
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell spreadsheets show as text: a leading =, +, -, @, tab or CR would make it a live formula
    (CSV injection), so such cells get a leading apostrophe, as OWASP recommends."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def audit_csv(events) -> str:
    """The audit trail as CSV (UTC ISO timestamps), one row per event; text cells never run as formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["when_utc", "who", "action", "from_status", "to_status", "revision", "comment"])
    for e in events:
        writer.writerow(
            [
                e.created_at.isoformat(timespec="seconds"),
                csv_cell(e.actor_name),
                e.action,
                e.from_status,
                e.to_status,
                e.revision_number if e.revision_number is not None else "",
                csv_cell(e.comment),
            ]
        )
    return out.getvalue()


@dataclass
class CriterionFeedback:
    """One manual criterion of a submission with every reviewer's rating and comment."""

    id: str
    title: str
    guidance: str
    entries: list[tuple[Review, object]]  # (review, ReviewRating or None)

    @property
    def ratings(self) -> list[int]:
        return [r.rating for _, r in self.entries if r is not None]

    @property
    def disagree(self) -> bool:
        return len(set(self.ratings)) > 1

    @property
    def spread(self) -> int:
        return max(self.ratings) - min(self.ratings) if self.ratings else 0

    @property
    def comments(self) -> list[tuple[Review, object]]:
        return [(review, r) for review, r in self.entries if r is not None and r.comment]


def feedback(submission: Submission) -> list[CriterionFeedback]:
    """Per manual criterion, every reviewer's rating and comment (what the author and committee read)."""
    return [
        CriterionFeedback(
            c["id"],
            c["title"],
            c.get("guidance", ""),
            [(review, review.rating_for(c["id"])) for review in submission.reviews],
        )
        for c in submission.manual_criteria
    ]


def rating_label(value: int | None) -> str:
    return RATINGS.get(value, "-")


def revisions_of(session: Session, design: Design) -> list[DesignRevision]:
    """Every revision, newest first."""
    return list(
        session.scalars(
            sa.select(DesignRevision)
            .where(DesignRevision.design_id == design.id)
            .order_by(DesignRevision.number.desc())
        )
    )


def last_reviewed_revision(session: Session, design: Design) -> DesignRevision | None:
    """The revision the committee last decided on (changes requested, approved or rejected)."""
    return session.scalar(
        sa.select(DesignRevision)
        .join(Submission, Submission.revision_id == DesignRevision.id)
        .where(Submission.design_id == design.id, Submission.outcome.in_(DECIDED))
        .order_by(Submission.round.desc())
        .limit(1)
    )


def default_pair(session: Session, design: Design) -> tuple[int, int] | None:
    """The revisions to compare by default: the last reviewed one against the newest (a resubmission's
    "what changed since the review"), else the previous revision against the newest."""
    latest = design.latest_revision
    reviewed = last_reviewed_revision(session, design)
    if reviewed is not None and reviewed.number != latest:
        return reviewed.number, latest
    return (latest - 1, latest) if latest > 1 else None


@dataclass
class Dashboard:
    counts: dict[str, int]
    decided: int
    median_days: float | None
    failing: list[tuple[str, str, int]]  # (criterion id, title, designs failing it)
    scored_designs: int
    oldest_wait: timedelta | None
    by_department: list[tuple[str, int]] = field(default_factory=list)  # managed list first, zeros too


def dashboard(session: Session, user: User, now: datetime | None = None, top: int = 10) -> Dashboard:
    """Counts by status, median time to decision and the checks that fail most often."""
    scope = [Design.institution == user.institution] if not user.has_role(Role.ADMIN) else []
    counts = dict(
        session.execute(sa.select(Design.status, sa.func.count()).where(*scope).group_by(Design.status)).all()
    )
    counts = {s.value: counts.get(s.value, 0) for s in Status}
    closed = session.execute(
        sa.select(Submission.submitted_at, Submission.closed_at)
        .join(Design)
        .where(Submission.outcome.in_(DECIDED), *scope)
    ).all()
    days = [(c - s).total_seconds() / 86400 for s, c in closed]
    latest = _latest_submissions()
    reports = session.scalars(
        sa.select(Submission.report)
        .join(Design, Design.id == Submission.design_id)
        .join(latest, sa.and_(latest.c.design_id == Submission.design_id, latest.c.round == Submission.round))
        .where(*scope)
    ).all()
    failing, titles = Counter(), {}
    for report in reports:
        for criterion in scoring.criteria(report or {}):
            if criterion.failed:
                failing[criterion.id] += 1
                titles[criterion.id] = criterion.title
    waiting = session.scalar(
        sa.select(sa.func.min(Submission.submitted_at))
        .join(Design)
        .where(Submission.outcome == "open", *scope)
    )
    now = now or datetime.now(UTC)
    in_use = dict(session.execute(
        sa.select(Design.department, sa.func.count()).where(*scope, Design.deleted_at.is_(None))
        .group_by(Design.department)).all())
    managed = department_names(session, None if not scope else user.institution)
    by_department = [(name, in_use.pop(name, 0)) for name in managed]
    by_department += sorted((name or "No department", n) for name, n in in_use.items())  # retired, none
    return Dashboard(
        counts,
        len(days),
        round(statistics.median(days), 4) if days else None,
        [(cid, titles[cid], n) for cid, n in failing.most_common(top)],
        len(reports),
        now - waiting if waiting else None,
        by_department,
    )
