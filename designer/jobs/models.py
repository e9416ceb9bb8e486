"""One row per background job, whatever runs it, so nothing is lost when a process dies.

`runner` names the process working on it ("host:pid"), `heartbeat_at` when it last showed progress:
recovery (at start-up in-process, periodically under Celery beat) hands a job whose runner is gone
or silent back to the queue, or fails it visibly after JOB_MAX_ATTEMPTS. Pack jobs keep their pack's
title, designs and pages in the same row (the progress page reads done/total).
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    MERGING = "merging"  # a pack whose syllabi are all rendered, being assembled by exactly one task
    DONE = "done"
    FAILED = "failed"


ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value, JobStatus.MERGING.value)
BUSY = (JobStatus.RUNNING.value, JobStatus.MERGING.value)


class JobKind(enum.StrEnum):
    PACK = "pack"
    RENDER = "render"  # the approved syllabus of a design, rendered and stored right after approval
    MAIL = "mail"


class Job(Base):
    """A background job. `done`/`total` count units of work (syllabi), for progress bars."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_owner_created", "owner_id", "created_at"),
        Index("ix_jobs_kind_status", "kind", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=JobKind.PACK.value)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    design_ids: Mapped[list] = mapped_column(JSON, default=list)
    duplex: Mapped[bool] = mapped_column(default=False)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)  # the kind's own arguments
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.QUEUED.value)
    note: Mapped[str] = mapped_column(String(300), default="")  # e.g. why a queued pack is waiting
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(String(500), default="")
    attempts: Mapped[int] = mapped_column(default=0)
    runner: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE.value, JobStatus.FAILED.value)
