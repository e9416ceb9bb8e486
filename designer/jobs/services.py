"""A job's life: claimed by exactly one runner, heartbeats while it works, finished or failed visibly.

Every step is a compare-and-set UPDATE, so two deliveries of one task (a broker redelivering after a
lost worker, recovery re-sending a silent job) cannot both work on it; the loser simply returns.
"""

import logging
import os
import socket
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from designer.jobs.models import ACTIVE, BUSY, Job, JobStatus
from designer.models import utcnow

logger = logging.getLogger(__name__)

GONE_MESSAGE = ("The process building it stopped {attempts} times (a restart or a killed worker); "
                "retry it with `flask jobs retry {id}`.")


def load(session: Session, job_id: int, kind: str) -> Job | None:
    """The job a task was sent for, or None when there is no such job of that kind.

    Why the kind: a task names its job by id only, so a stale message (one left on the broker when
    its database was restored or recreated) may name a job of another kind that now has that id; a
    pack task must not fail a syllabus render, nor a render task finish a pack.
    """
    job = session.get(Job, job_id)
    if job is not None and job.kind != kind:
        logger.warning("a %s task named job %s, which is a %s job: ignored", kind, job_id, job.kind)
        return None
    return job


def runner_id() -> str:
    """This process, as recorded in `Job.runner`."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def runner_gone(job: Job, *, lease_seconds: int, now: datetime | None = None) -> bool:
    """Whether the process named by `job.runner` is known dead, or the job has been silent for a lease."""
    now = now or utcnow()
    host, _, pid = (job.runner or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid():
        if not _pid_alive(int(pid)):
            return True
    last_sign = job.heartbeat_at or job.started_at or job.created_at
    return last_sign is not None and now - last_sign > timedelta(seconds=lease_seconds)


def claim(session: Session, job: Job, *, extra: sa.ColumnElement | None = None) -> bool:
    """Move a queued job (or a busy one whose runner is gone) to running for this process; commits.

    `extra`: a further condition of the UPDATE (the pack limits). False if another runner has it.
    """
    config = current_app.config
    condition = Job.status == JobStatus.QUEUED.value
    if job.status in BUSY and runner_gone(job, lease_seconds=config["JOB_LEASE_SECONDS"]):
        condition = sa.or_(condition, sa.and_(Job.status == job.status, Job.runner == job.runner))
    query = sa.update(Job).where(Job.id == job.id, condition)
    if extra is not None:
        query = query.where(extra)
    now = utcnow()
    claimed = session.execute(query.values(
        status=JobStatus.RUNNING.value, runner=runner_id(), attempts=Job.attempts + 1, note="",
        started_at=now, heartbeat_at=now)).rowcount == 1
    session.commit()
    session.refresh(job)
    if claimed and job.attempts > config["JOB_MAX_ATTEMPTS"]:
        fail(session, job, GONE_MESSAGE.format(attempts=job.attempts - 1, id=job.id))
        return False
    return claimed


def heartbeat(session: Session, job_id: int, **values) -> None:
    """Record progress (and that the job is alive); commits."""
    session.execute(sa.update(Job).where(Job.id == job_id, Job.status.in_(ACTIVE))
                    .values(heartbeat_at=utcnow(), **values))
    session.commit()


def finish(session: Session, job: Job, **values) -> None:
    """Mark a job done; commits."""
    _close(session, job, JobStatus.DONE, **values)


def fail(session: Session, job: Job, error: str) -> None:
    """Mark a job failed with a reason people can read (details go to the log); commits."""
    _close(session, job, JobStatus.FAILED, error=error[:500])


def _close(session: Session, job: Job, status: JobStatus, **values) -> None:
    session.rollback()  # whatever the failed work left half-done is not ours to keep
    session.execute(sa.update(Job).where(Job.id == job.id).values(
        status=status.value, finished_at=utcnow(), heartbeat_at=utcnow(), runner="", **values))
    session.commit()
    session.refresh(job)


def requeue(session: Session, job: Job, note: str) -> None:
    """Back to the queue (the caller sends its task again); flushes only."""
    job.status, job.runner, job.note = JobStatus.QUEUED.value, "", note[:300]
    job.finished_at, job.error = None, ""
    session.flush()


def active_jobs(session: Session) -> list[Job]:
    return list(session.scalars(sa.select(Job).where(Job.status.in_(ACTIVE)).order_by(Job.id)))
