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


class PeriodicRun(Base):
    """One scheduled run (a daily digest, a round of due-date reminders), by its slot: the key is unique,
    so a slot inserted once is never run again, however many schedulers fire (see jobs.periodic)."""

    __tablename__ = "periodic_runs"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)  # e.g. "digest:2026-12-02T18:00"
    runner: Mapped[str] = mapped_column(String(120), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent: Mapped[int] = mapped_column(default=0)  # emails it sent


class OutboxState(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by one task: a redelivered task finds it taken and sends nothing
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(Base):
    """One email to one recipient, written before its task is queued (broker mode, see jobs.mail).

    The task claims it with a compare-and-set from queued to sending, so a message is handed to the
    SMTP server at most once even when the broker redelivers the task; `message_id` is its Message-ID.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_created", "state", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)  # subject, text, html
    state: Mapped[str] = mapped_column(String(20), default=OutboxState.QUEUED.value)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
