"""Demo data of the committee workflow: one approved design and one submitted design waiting for review.

Idempotent: each step runs only when its design has never been submitted, so running `flask demo`
again changes nothing (and never undoes what people did with the demo designs since).
"""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.auth.services import find_user
from designer.checking.services import app_rubric
from designer.designs.services import create_design, latest_revision
from designer.models import Design, Submission
from designer.review import services

WAITING_TITLE = "Digital Marketing Analytics for Small Businesses"


def seed_review_demo(session: Session, config, approved_title: str, document: dict) -> None:
    """Approve `approved_title` (owned by faculty@) and submit a variant of `document` owned by faculty2@."""
    rubric = app_rubric(config)
    reviewer = find_user(session, "reviewer@demo.example")
    faculty, faculty2 = (
        find_user(session, "faculty@demo.example"),
        find_user(session, "faculty2@demo.example"),
    )
    approved = session.scalar(
        sa.select(Design).where(Design.owner_id == faculty.id, Design.title == approved_title)
    )
    if approved is not None and not _ever_submitted(session, approved):
        submission = services.submit(session, approved, faculty, rubric, comment="Demo data")
        services.record_review(
            session,
            approved,
            reviewer,
            services.full_marks(submission),
            "Demo: a model design to show new faculty.",
        )
        services.decide(session, approved, reviewer, "approve", "A clear, well-aligned design.")
    waiting = session.scalar(
        sa.select(Design).where(Design.owner_id == faculty2.id, Design.title == WAITING_TITLE)
    )
    if waiting is None:
        variant = document | {"title": WAITING_TITLE, "code": "MCDMA-SB"}
        waiting = create_design(session, faculty2, variant, department=faculty2.department, note="Demo data")
    if not _ever_submitted(session, waiting) and latest_revision(session, waiting):
        services.submit(session, waiting, faculty2, rubric, comment="Demo: please review")


def _ever_submitted(session: Session, design: Design) -> bool:
    return (
        session.scalar(
            sa.select(sa.func.count()).select_from(Submission).where(Submission.design_id == design.id)
        )
        > 0
    )
