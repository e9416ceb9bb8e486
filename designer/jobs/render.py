"""Render on approval: the approved syllabus is rendered and stored in the background, so the first
person to download it (or a pack that includes it) does not wait."""

import logging

from celery.exceptions import SoftTimeLimitExceeded
from flask import current_app
from sqlalchemy.orm import Session

from designer.exports.limits import RenderTimeout
from designer.extensions import db
from designer.jobs import queue, services
from designer.jobs.models import Job, JobKind
from designer.models import Design, User

logger = logging.getLogger(__name__)
TASK = "designer.render_approved"


def render_on_approval(session: Session, design: Design, revision_id: int, actor: User) -> Job | None:
    """Queue the approved revision's syllabus for rendering once the approval commits; flushes only."""
    if not current_app.config.get("RENDER_ON_APPROVAL", True):
        return None
    job = Job(kind=JobKind.RENDER.value, owner_id=actor.id, title=f"Syllabus PDF: {design.title}"[:200],
              design_ids=[design.id], payload={"revision_id": revision_id}, total=1,
              runner=services.runner_id() if queue.in_process() else "")
    session.add(job)
    session.flush()
    queue.enqueue(session, TASK, job.id)
    return job


@queue.task(TASK, render=True)
def render_approved(job_id: int) -> None:
    """Render and store the syllabus of the job's revision (nothing to do if it is stored already)."""
    from designer.exports import syllabus

    session = db.session
    job = services.load(session, job_id, JobKind.RENDER.value)
    if job is None or job.finished or not services.claim(session, job):
        return
    design = session.get(Design, job.design_ids[0])
    if design is None or design.approved_revision_id != job.payload.get("revision_id"):
        services.finish(session, job, note="No longer the approved revision: nothing to render.")
        return
    limit = current_app.config["RENDER_TIME_LIMIT"]
    try:  # cached: a second run is a no-op. Without Celery's limits, render in a process killed at the limit
        syllabus.approved_pdf(session, design, current_app.config,
                              time_limit=limit if queue.in_process() else None)
    except (SoftTimeLimitExceeded, RenderTimeout):
        services.fail(session, job, f"Rendering took longer than {limit:g} s (RENDER_TIME_LIMIT); "
                                    "the render was stopped.")
        return
    except Exception:
        logger.exception("render job %s failed", job_id)
        services.fail(session, job, "The syllabus could not be rendered; the error is in the server log.")
        return
    services.finish(session, job, done=1)
    _prepare_packs()


def _prepare_packs() -> None:
    """What every pack needs besides its syllabi (the page-number stamps), rendered now, not when an
    organiser is waiting; a no-op once stored."""
    from designer.exports.cache import PdfCache
    from designer.exports.packs import stamps_pdf

    try:
        stamps_pdf(PdfCache(current_app.config["PDF_CACHE_DIR"]), 1)
    except Exception:  # only a head start: the pack renders them itself if they are missing
        logger.exception("could not render the pack page stamps ahead of time")
