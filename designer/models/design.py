"""Designs and their append-only revision history.

A design's content is the interchange document of `design.schema.json`, stored whole in each revision:
saving never overwrites, it appends. The few columns that lists and filters need (title, code, level,
credits, department, tags) are copied beside it on every save, so the "my designs" list never has to
parse documents.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime
from designer.models.user import User


class Status(enum.StrEnum):
    """Where the working copy of a design is in the committee workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


design_coauthors = Table(
    "design_coauthors",
    Base.metadata,
    Column("design_id", ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

# Everyone who ever owned or co-authored a design (rows are never removed): nobody reviews work they
# had a hand in, even after being removed as co-author (designs.permissions.is_committee_for).
design_contributors = Table(
    "design_contributors",
    Base.metadata,
    Column("design_id", ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Design(Base):
    """One micro-credential design: list columns plus a pointer to its latest revision."""

    __tablename__ = "designs"
    __table_args__ = (
        Index("ix_designs_owner_updated", "owner_id", "updated_at"),
        Index("ix_designs_institution_status", "institution", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    institution: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    code: Mapped[str] = mapped_column(String(40), default="")
    level: Mapped[float | None]
    credits: Mapped[float | None]
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT.value)
    # Optimistic concurrency: the number of the latest revision. A save names the revision it was
    # based on, and only succeeds if that is still the latest (checked in one UPDATE).
    latest_revision: Mapped[int] = mapped_column(default=0)
    approved_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("design_revisions.id", use_alter=True, ondelete="SET NULL")
    )
    cloned_from_id: Mapped[int | None] = mapped_column(ForeignKey("designs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Soft delete: a deleted draft stays restorable ("Recently deleted") until it is purged 30 days later.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    coauthors: Mapped[list[User]] = relationship(secondary=design_coauthors)
    contributors: Mapped[list[User]] = relationship(secondary=design_contributors)
    approved_revision: Mapped["DesignRevision | None"] = relationship(foreign_keys=[approved_revision_id],
                                                                      post_update=True)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    def __repr__(self) -> str:
        return f"<Design {self.id} {self.title!r} r{self.latest_revision}>"


class DesignRevision(Base):
    """One saved state of a design's document. Never updated after insert."""

    __tablename__ = "design_revisions"
    __table_args__ = (UniqueConstraint("design_id", "number", name="uq_design_revisions_design_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    design_id: Mapped[int] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    document: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class DesignTag(Base):
    """A design's tags, copied out of its latest document so packs and lists can filter by tag in SQL."""

    __tablename__ = "design_tags"

    design_id: Mapped[int] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
