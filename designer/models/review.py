"""The committee workflow's records: submissions, reviews with per-criterion ratings, the audit log and
in-app notifications.

A Submission freezes one DesignRevision (revisions are append-only, and a submitted design is not
editable) together with the rubric report it was scored with, so a decision can be re-audited later.
Audit events copy the actor's name, so the trail still reads correctly if an account is removed.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from designer.models.base import Base, utcnow
from designer.models.design import Design, DesignRevision
from designer.models.types import UTCDateTime
from designer.models.user import User


class Submission(Base):
    """One round of committee review of a frozen revision. `outcome` is "open" until it is closed."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("design_id", "round", name="uq_submissions_design_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    design_id: Mapped[int] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("design_revisions.id", ondelete="CASCADE"))
    round: Mapped[int]
    # The approval route's stage this round is at (1 on the default, single-stage route); each stage's
    # approval closes the round and opens the next stage's round on the same frozen revision.
    stage: Mapped[int] = mapped_column(default=1, server_default="1")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rubric_id: Mapped[str] = mapped_column(String(100))
    rubric_version: Mapped[str] = mapped_column(String(40))
    report: Mapped[dict] = mapped_column(JSON)
    score: Mapped[float | None]
    meets: Mapped[bool] = mapped_column(default=False)
    # The rubric's manual criteria as they were at submission, so later rubric edits do not change
    # what the reviewers of this round were asked.
    manual_criteria: Mapped[list] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(20), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    # What the authors wrote to the committee when submitting: on a resubmission, their response to the
    # reviewers, which the committee reads beside the diff of what changed.
    response: Mapped[str] = mapped_column(Text, default="", server_default="")

    design: Mapped[Design] = relationship()
    revision: Mapped[DesignRevision] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    reviews: Mapped[list["Review"]] = relationship(
        back_populates="submission", order_by="Review.id", cascade="all, delete-orphan"
    )


class Review(Base):
    """One reviewer's independent scoring of a submission; editable until the decision."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("submission_id", "reviewer_id", name="uq_reviews_submission_reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    private_note: Mapped[str] = mapped_column(Text, default="")  # committee only, never shown to authors
    # {automated check id: comment to the authors} on the failed checks of the frozen report (optional).
    finding_comments: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
    ratings: Mapped[list["ReviewRating"]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewRating.criterion_id"
    )

    def rating_for(self, criterion_id: str) -> "ReviewRating | None":
        return next((r for r in self.ratings if r.criterion_id == criterion_id), None)


class ReviewRating(Base):
    """A reviewer's rating of one manual criterion, with the comment the author will see."""

    __tablename__ = "review_ratings"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    rating: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(Base):
    """One state change or decision: who, when, from which status to which, and why."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_design_created", "design_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    design_id: Mapped[int] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    revision_number: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """An in-app message to one person, e.g. "your design was approved"."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    design_id: Mapped[int | None] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where the message leads (a page of the app); empty: the design's page.
    link: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # When it went out by email (at once or in a digest); None: not emailed (yet).
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReviewDraft(Base):
    """What a reviewer has typed into the review form but not saved yet (autosaved by the page's script),
    so a closed tab or an expired session does not lose the ratings and comments."""

    __tablename__ = "review_drafts"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"),
                                               primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
