"""The approval route of an institution (its stages and their committees) and reviewer assignments.

No stage stored for an institution means the default route: one stage, today's committee (every reviewer
of the institution), REVIEWS_REQUIRED reviews, manual criteria scored. So existing data needs no rows.
"""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime
from designer.models.user import User

stage_members = Table(
    "approval_stage_members",
    Base.metadata,
    Column("stage_id", Integer, ForeignKey("approval_stages.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class ApprovalStage(Base):
    """One stage of an institution's route, e.g. 2: Board of Studies, 2 reviews, decides only."""

    __tablename__ = "approval_stages"
    __table_args__ = (
        UniqueConstraint("institution", "position", name="uq_approval_stages_institution_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution: Mapped[str] = mapped_column(String(300), index=True)
    position: Mapped[int]  # 1, 2, 3 ... in the order a design passes them
    name: Mapped[str] = mapped_column(String(200))
    reviews_required: Mapped[int] = mapped_column(default=1)
    scores_manual: Mapped[bool] = mapped_column(default=True)  # False: the stage only decides
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    chair: Mapped[User | None] = relationship(foreign_keys=[chair_id])
    members: Mapped[list[User]] = relationship(secondary=stage_members, order_by=User.name)


class ReviewAssignment(Base):
    """A stage chair asked this reviewer to review this submission by a date; reminders are sent once each."""

    __tablename__ = "review_assignments"
    __table_args__ = (
        UniqueConstraint("submission_id", "reviewer_id", name="uq_review_assignments_submission_reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assigned_by_name: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminded_before_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_after_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped[User] = relationship()
