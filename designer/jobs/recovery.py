"""Jobs whose process died are resumed or failed visibly, never left "running"; old files are cleared.

Every minute under Celery beat (`designer.housekeeping`): resume or fail dead jobs, promote waiting
packs, delete packs older than PACK_RETENTION_DAYS and temporary files a killed writer left behind.
Without a broker the web process does the same itself: at its first request (a restarted dev server
resumes its jobs) and then every HOUSEKEEPING_SECONDS in a thread, which also sends the digests and
reminders whose time has come (what beat's schedule does with a broker, see jobs.periodic).
"""

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.orm import Session

from designer import storage
from designer.extensions import db
from designer.jobs import queue, services
from designer.jobs.models import BUSY, JobKind, JobStatus
from designer.models import utcnow

logger = logging.getLogger(__name__)

START_TASK = {JobKind.PACK.value: "designer.pack_start", JobKind.RENDER.value: "designer.render_approved"}
TEMP_MAX_AGE = 3600  # a temporary file this old belongs to a writer that died


def recover(session: Session) -> list[int]:
    """Send again every active job whose runner is gone; returns their ids. Commits."""
    config = current_app.config
    resumed = []
    for job in services.active_jobs(session):
        if job.kind not in START_TASK:
            continue
        if not services.runner_gone(job, lease_seconds=config["JOB_LEASE_SECONDS"]):
            continue
        if job.status in BUSY:
            if job.attempts >= config["JOB_MAX_ATTEMPTS"]:
                services.fail(session, job, services.GONE_MESSAGE.format(attempts=job.attempts, id=job.id))
                logger.error("job %s failed: its runner stopped %s times", job.id, job.attempts)
                continue
            services.requeue(session, job, "Resumed: the process building it stopped.")
            logger.warning("job %s (%s) resumed: runner %s is gone", job.id, job.kind, job.runner)
        if queue.in_process():
            job.runner = services.runner_id()  # ours now, so the next restart finds it again
        job.heartbeat_at = utcnow()
        queue.enqueue(session, START_TASK[job.kind], job.id)
        resumed.append(job.id)
    session.commit()
    return resumed


def retry(session: Session, job_id: int):
    """Queue a failed (or stuck) job again from the start; returns it, or None if there is no such job."""
    from designer.jobs.models import Job

    job = session.get(Job, job_id)
    if job is None:
        return None
    if job.status == JobStatus.DONE.value or job.kind not in START_TASK:
        raise ValueError(f"Job {job_id} is {job.status}: only failed or stuck jobs are retried.")
    services.requeue(session, job, "Retried by hand.")
    job.attempts, job.done, job.heartbeat_at = 0, 0, utcnow()
    if queue.in_process():
        job.runner = services.runner_id()
    queue.enqueue(session, START_TASK[job.kind], job.id)
    session.commit()
    return job


def clean_files(config, now: float | None = None) -> int:
    """Delete packs past retention and temporary files of dead writers; returns how many went."""
    now = now or time.time()
    root = Path(config["PDF_CACHE_DIR"])
    removed = 0
    for path in list(root.glob(".*.tmp")) + list(root.glob("packs/.*.tmp")):
        removed += _unlink_if_older(path, now - TEMP_MAX_AGE)
    cutoff = now - config["PACK_RETENTION_DAYS"] * 86400
    for path in root.glob("packs/pack-*.pdf"):
        removed += _unlink_if_older(path, cutoff)
    store = storage.store_for(root)
    if store is not None:
        removed += store.delete_older("packs/", datetime.fromtimestamp(cutoff, UTC))
    return removed


def _unlink_if_older(path: Path, cutoff: float) -> int:
    try:
        if path.stat().st_mtime < cutoff:
            path.unlink()
            return 1
    except FileNotFoundError:  # another process cleaned it first
        pass
    return 0


@queue.task("designer.housekeeping")
def housekeeping() -> None:
    """Beat, every minute: resume or fail dead jobs, start waiting packs, tidy the email outbox, clear
    old files, remove drafts deleted more than 30 days ago (no longer restorable)."""
    from designer.designs.services import purge_deleted
    from designer.exports import jobs as pack_jobs

    resumed = recover(db.session)
    pack_jobs.promote_waiting(db.session)
    if queue.uses_broker():
        from designer.jobs.mail import tidy_outbox

        tidy_outbox(db.session)
    removed = clean_files(current_app.config)
    purged = purge_deleted(db.session)
    db.session.commit()
    if resumed or removed or purged:
        logger.info("housekeeping: resumed jobs %s, removed %d old files, %d expired deleted drafts", resumed,
                    removed, purged)


def housekeep_in_process(app: Flask) -> None:
    """One round of what beat does with a broker: housekeeping, then the digests and reminders due."""
    from designer.jobs import periodic

    for step in (housekeeping, lambda: periodic.run_due(db.session)):
        with app.app_context():
            try:
                step()
            except Exception:  # the next round tries again; one failing step must not stop the others
                logger.exception("in-process housekeeping failed")
            finally:
                db.session.remove()


def _housekeeping_thread(app: Flask, seconds: int) -> threading.Thread:
    stop = app.extensions.setdefault("housekeeping_stop", threading.Event())

    def loop() -> None:
        while not stop.wait(seconds):
            housekeep_in_process(app)

    thread = threading.Thread(target=loop, name="designer-housekeeping", daemon=True)
    thread.start()
    app.extensions["housekeeping_thread"] = thread
    return thread


def init_app(app: Flask) -> None:
    """In-process servers resume the jobs of their previous life at their first request, then keep house
    every HOUSEKEEPING_SECONDS (a thread; not in the "inline" mode of tests)."""
    if not queue.in_process(app):
        return
    state = {"done": False}
    lock = threading.Lock()

    @app.before_request
    def _recover_once() -> None:
        if state["done"]:
            return
        with lock:
            if state["done"]:
                return
            state["done"] = True
        try:
            recover(db.session)
        except Exception:  # e.g. before `flask db upgrade`: the page itself will say what is wrong
            logger.exception("could not recover background jobs")
            db.session.rollback()
        seconds = app.config.get("HOUSEKEEPING_SECONDS", 0)
        if seconds > 0 and app.config.get("JOBS_IN_PROCESS") != "inline":
            _housekeeping_thread(app, seconds)
