"""What waits for whom. Each function takes the session and the person and only reads.

- faculty (authors): changes the committee requested (with their comments), and drafts with findings left;
- reviewers: submissions waiting for the committee, oldest first, with the date each is due;
- organisers: syllabi approved since their last pack.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.checking.services import score_document
from designer.designs import permissions
from designer.designs.services import latest_revision
from designer.jobs.models import Job, JobKind
from designer.models import Design, Status, Submission, User
from designer.review import queries

DRAFTS_SCORED = 20  # scoring is per design: the most recently edited drafts only


@dataclass(frozen=True)
class DraftTask:
    design: Design
    failed: int  # criteria below the standard
    meets: bool


@dataclass(frozen=True)
class ReviewTask:
    row: queries.QueueRow
    due: datetime
    overdue: bool


def author_tasks(session: Session, user: User, config) -> dict:
    """Changes requested (answer the comments) and drafts that do not meet the standard yet."""
    mine = sa.select(Design).where(permissions.authored_by(user), Design.deleted_at.is_(None))
    changes = session.scalars(mine.where(Design.status == Status.CHANGES_REQUESTED.value)
                              .order_by(Design.updated_at)).all()
    drafts = session.scalars(mine.where(Design.status == Status.DRAFT.value)
                             .order_by(Design.updated_at.desc()).limit(DRAFTS_SCORED)).all()
    tasks = []
    for design in drafts:
        report = score_document(config, latest_revision(session, design).document, design.institution)
        tasks.append(DraftTask(design, len(report.failures), report.meets))
    return {"changes": changes, "drafts": tasks}


def reviewer_tasks(session: Session, user: User, due_days: int, now: datetime) -> list[ReviewTask]:
    """Submissions waiting for the committee, oldest first, each due `due_days` after it was submitted."""
    rows = queries.review_queue(session, user, now=now)
    out = []
    for row in rows:
        due = row.submission.submitted_at + timedelta(days=due_days)
        out.append(ReviewTask(row, due, due < now))
    return out


def organiser_tasks(session: Session, user: User) -> tuple[list[Design], datetime | None]:
    """Designs approved since the person's last pack (all approved ones if they never built one)."""
    last_pack = session.scalar(sa.select(sa.func.max(Job.created_at)).where(
        Job.owner_id == user.id, Job.kind == JobKind.PACK.value))
    approved = (sa.select(Design).join(Submission, Submission.revision_id == Design.approved_revision_id)
                .where(Design.approved_revision_id.is_not(None), Design.deleted_at.is_(None),
                       Submission.outcome == "approved"))
    if last_pack is not None:
        approved = approved.where(Submission.closed_at > last_pack)
    return list(session.scalars(approved.order_by(Submission.closed_at.desc()).limit(50)).unique()), last_pack
