"""Pack jobs (one build of a syllabi pack, with its progress) and organisers' saved selections."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime


class PackStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class PackJob(Base):
    """One requested syllabi pack. `done`/`total` count syllabi ready, for the progress bar."""

    __tablename__ = "pack_jobs"
    __table_args__ = (Index("ix_pack_jobs_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    design_ids: Mapped[list] = mapped_column(JSON)
    duplex: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default=PackStatus.QUEUED.value)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.status in (PackStatus.DONE.value, PackStatus.FAILED.value)


class SavedSelection(Base):
    """A named list of designs an organiser reuses for several packs (e.g. one workshop's modules)."""

    __tablename__ = "saved_selections"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    design_ids: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
