"""Pack jobs: the web builds a pack in a background thread and records done/total for the progress page."""

import logging
import threading
from pathlib import Path

from flask import Flask
from sqlalchemy.orm import Session

from designer.exports.cache import PdfCache
from designer.exports.models import PackJob, PackStatus
from designer.exports.packs import PackError, approved_by_ids, build_pack, pack_entries
from designer.exports.syllabus import strict, syllabus_html
from designer.models import Design, DesignRevision, User, utcnow

logger = logging.getLogger(__name__)
MAX_PACK = 300


def create_job(session: Session, owner: User, design_ids: list[int], *, title: str, duplex: bool) -> PackJob:
    """Record a pack request (refused with PackError if a design is not approved); flushes only."""
    title = (title or "").strip()
    if not title:
        raise PackError("Give the pack a title, e.g. the workshop's name and date.")
    if not design_ids:
        raise PackError("Select at least one approved design.")
    if len(design_ids) > MAX_PACK:
        raise PackError(f"A pack holds at most {MAX_PACK} syllabi.")
    designs = approved_by_ids(session, design_ids)
    job = PackJob(owner_id=owner.id, title=title[:200], design_ids=[d.id for d in designs], duplex=duplex,
                  total=len(designs), status=PackStatus.QUEUED.value)
    session.add(job)
    session.flush()
    return job


def pack_path(config, job_id: int) -> Path:
    """Where job `job_id`'s PDF is written."""
    return Path(config["PDF_CACHE_DIR"]) / "packs" / f"pack-{int(job_id)}.pdf"


def html_builder(session: Session, designs: list[Design], config):
    """A function entry -> syllabus HTML, for the entries not yet cached (runs in the parent process)."""
    by_id = {d.id: d for d in designs}

    def html_for(entry) -> str:
        return syllabus_html(session, by_id[entry.design_id], session.get(DesignRevision, entry.revision_id),
                             config, draft=False)

    return html_for


def run_job(app: Flask, job_id: int) -> None:
    """Build job `job_id`'s pack, committing progress as syllabi become ready. Never raises."""
    from designer.extensions import db

    with app.app_context():
        session = db.session
        job = session.get(PackJob, job_id)
        job.status = PackStatus.RUNNING.value
        session.commit()

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total
            session.commit()

        try:
            designs = approved_by_ids(session, list(job.design_ids))
            entries = pack_entries(session, designs)
            job.pages = build_pack(entries, html_builder(session, designs, app.config),
                                   PdfCache(app.config["PDF_CACHE_DIR"]), pack_path(app.config, job.id),
                                   title=job.title, duplex=job.duplex, workers=app.config["PACK_WORKERS"],
                                   progress=progress, strict=strict(app.config))
            job.status = PackStatus.DONE.value
        except Exception as exc:  # a failed build must show on the progress page, not vanish with the thread
            logger.exception("pack job %s failed", job_id)
            session.rollback()
            job = session.get(PackJob, job_id)
            job.status = PackStatus.FAILED.value
            job.error = (str(exc) if isinstance(exc, PackError) else "The pack could not be built; "
                         "the error is in the server log.")[:500]
        job.finished_at = utcnow()
        session.commit()


def start_job(app: Flask, job_id: int) -> threading.Thread:
    """Run the job in a background thread so the request returns at once."""
    thread = threading.Thread(target=run_job, args=(app, job_id), name=f"pack-job-{job_id}", daemon=True)
    thread.start()
    return thread
