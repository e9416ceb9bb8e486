"""Pack jobs: a request becomes a queued job; workers render its missing syllabi, then one merges it.

Limits: at most one pack per person and PACK_LIMIT per server are built at once; the others wait in
the queue, their page saying why, and start when a slot frees (`promote_waiting`).

With a broker (Celery), `pack_start` fans the missing syllabi out as one `pack_render` task each, so
every worker on every machine helps; each render records progress, and the task that sees the last
syllabus stored sends `pack_merge`, which exactly one task runs (compare-and-set to "merging"). This
is a chord kept in the database: it survives a lost worker, because a redelivered or re-sent task
finds the syllabi already stored and the job's state in its row. In-process (no broker) the pack is
built by the existing pool of PACK_WORKERS render processes in one task.
"""

import logging
from pathlib import Path

import sqlalchemy as sa
from celery.exceptions import SoftTimeLimitExceeded
from flask import current_app
from sqlalchemy.orm import Session, aliased

from designer import storage
from designer.exports.cache import PdfCache, atomic_write
from designer.exports.limits import RenderTimeout
from designer.exports.models import PackJob, PackStatus
from designer.exports.packs import PackError, approved_by_ids, assemble, build_pack, pack_entries
from designer.exports.syllabus import approved_pdf, strict, syllabus_html
from designer.extensions import db
from designer.jobs import queue, services
from designer.jobs.models import BUSY, JobKind
from designer.models import Design, DesignRevision, User, utcnow

logger = logging.getLogger(__name__)
MAX_PACK = 300
START, RENDER, MERGE = "designer.pack_start", "designer.pack_render", "designer.pack_merge"
FAILED_MESSAGE = "The pack could not be built; the error is in the server log."


def create_job(session: Session, owner: User, design_ids: list[int], *, title: str, duplex: bool) -> PackJob:
    """Record a pack request (refused with PackError if a design is not approved) and queue it once the
    session commits; flushes only."""
    title = (title or "").strip()
    if not title:
        raise PackError("Give the pack a title, e.g. the workshop's name and date.", field="title")
    if not design_ids:
        raise PackError("Tick at least one approved design for the pack.")
    if len(design_ids) > MAX_PACK:
        raise PackError(f"A pack holds at most {MAX_PACK} syllabi.")
    designs = approved_by_ids(session, design_ids)
    job = PackJob(kind=JobKind.PACK.value, owner_id=owner.id, title=title[:200],
                  design_ids=[d.id for d in designs], duplex=duplex, total=len(designs),
                  status=PackStatus.QUEUED.value, runner=services.runner_id() if queue.in_process() else "")
    session.add(job)
    session.flush()
    queue.enqueue(session, START, job.id)
    return job


def pack_path(config, job_id: int) -> Path:
    """Where job `job_id`'s PDF is written (on this machine)."""
    return Path(config["PDF_CACHE_DIR"]) / "packs" / f"pack-{int(job_id)}.pdf"


def pack_file(config, job_id: int) -> Path:
    """Job `job_id`'s PDF for reading: with STORAGE_BACKEND=database fetched from the store when this
    machine (another web server than the worker that merged it) has no copy yet."""
    path = pack_path(config, job_id)
    store = storage.store_for(config["PDF_CACHE_DIR"])
    if store is not None and not path.is_file():
        data = store.get(f"packs/{path.name}")
        if data is not None:
            atomic_write(path, data)
    return path


def _publish(config, job_id: int) -> None:
    store = storage.store_for(config["PDF_CACHE_DIR"])
    if store is not None:
        path = pack_path(config, job_id)
        store.put(f"packs/{path.name}", path.read_bytes())


def html_builder(session: Session, designs: list[Design], config):
    """A function entry -> syllabus HTML, for the entries not yet cached (runs in the parent process)."""
    by_id = {d.id: d for d in designs}

    def html_for(entry) -> str:
        return syllabus_html(session, by_id[entry.design_id], session.get(DesignRevision, entry.revision_id),
                             config, draft=False)

    return html_for


def _slot_condition(job: PackJob, limit: int) -> sa.ColumnElement:
    """SQL: fewer than `limit` packs are being built, none of them this person's."""
    other = aliased(PackJob)
    busy = sa.and_(other.kind == JobKind.PACK.value, other.status.in_(BUSY), other.id != job.id)
    running = sa.select(sa.func.count()).select_from(other).where(busy).scalar_subquery()
    mine = sa.exists(sa.select(other.id).where(busy, other.owner_id == job.owner_id))
    return sa.and_(running < limit, sa.not_(mine))


def _waiting_note(session: Session, job: PackJob, limit: int) -> str:
    busy = sa.select(PackJob).where(PackJob.kind == JobKind.PACK.value, PackJob.status.in_(BUSY))
    running = list(session.scalars(busy))
    if any(other.owner_id == job.owner_id for other in running):
        return "Waiting: your other pack is being built; this one starts as soon as it is done."
    return (f"Waiting: {len(running)} packs are being built on this server (at most {limit} at once); "
            "this one starts as soon as one of them is done.")


def _claim_slot(session: Session, job: PackJob) -> bool:
    """Start the job if the limits allow; otherwise say in its row why it waits. Commits."""
    limit = max(1, int(current_app.config["PACK_LIMIT"]))
    if session.get_bind().dialect.name == "postgresql":
        # Two workers claiming at once both see a free slot under READ COMMITTED: take turns.
        session.execute(sa.text("SELECT pg_advisory_xact_lock(727001)"))
    if services.claim(session, job, extra=_slot_condition(job, limit)):
        return True
    if job.status == PackStatus.QUEUED.value:
        job.note = _waiting_note(session, job, limit)
        session.commit()
    return False


@queue.task(START)
def pack_start(job_id: int) -> None:
    """Claim a slot for the pack, then render what is missing (fan-out) or build it here."""
    session = db.session
    job = services.load(session, job_id, JobKind.PACK.value)
    if job is None or job.finished or not _claim_slot(session, job):
        return
    try:
        designs = approved_by_ids(session, list(job.design_ids))
        entries = pack_entries(session, designs)
        if queue.in_process():
            _build_here(session, job, designs, entries)
            return
        cache = PdfCache(current_app.config["PDF_CACHE_DIR"])
        missing = [e for e in dict.fromkeys(entries) if not cache.has(e.cache_key)]
        services.heartbeat(session, job.id, done=len(set(entries)) - len(missing), total=len(set(entries)),
                           runner="")  # from now on the pack belongs to no single process
        for entry in missing:
            queue.enqueue(session, RENDER, job.id, entry.design_id)
        if not missing:
            queue.enqueue(session, MERGE, job.id)
        session.commit()
    except RenderTimeout as exc:
        _failed(session, job, PackError(str(exc)))
    except Exception as exc:
        _failed(session, job, exc)


def _build_here(session: Session, job: PackJob, designs, entries) -> None:
    """In-process: render the missing syllabi with PACK_WORKERS processes, then merge."""
    config = current_app.config

    def progress(done: int, total: int) -> None:
        services.heartbeat(session, job.id, done=done, total=total)

    pages = build_pack(entries, html_builder(session, designs, config), PdfCache(config["PDF_CACHE_DIR"]),
                       pack_path(config, job.id), title=job.title, duplex=job.duplex,
                       workers=config["PACK_WORKERS"], progress=progress, strict=strict(config),
                       time_limit=config["RENDER_TIME_LIMIT"])
    _publish(config, job.id)
    _done(session, job, pages)


@queue.task(RENDER, render=True)
def pack_render(job_id: int, design_id: int) -> None:
    """Render one syllabus of a pack (a no-op when stored already), count progress, merge after the last."""
    session = db.session
    job = services.load(session, job_id, JobKind.PACK.value)
    if job is None or job.finished:
        return
    try:
        design = session.get(Design, design_id)
        approved_pdf(session, design, current_app.config)  # stored atomically: a killed render leaves nothing
        entries = pack_entries(session, approved_by_ids(session, list(job.design_ids)))
        cache = PdfCache(current_app.config["PDF_CACHE_DIR"])
        ready = sum(1 for e in set(entries) if cache.has(e.cache_key))
        session.rollback()  # end the read transaction before writing progress
        # Renders finish in any order: progress only moves forward.
        services.heartbeat(session, job_id, done=sa.case((PackJob.done < ready, ready), else_=PackJob.done))
        if ready == len(set(entries)):
            queue.enqueue(session, MERGE, job_id)
            session.commit()
    except SoftTimeLimitExceeded:
        _failed(session, job, PackError(f"A syllabus took longer than "
                                        f"{current_app.config['RENDER_TIME_LIMIT']} s to render."))
    except Exception as exc:
        _failed(session, job, exc)


@queue.task(MERGE)
def pack_merge(job_id: int) -> None:
    """Assemble the pack from the stored syllabi; exactly one task does it (running -> merging)."""
    session = db.session
    claimed = session.execute(sa.update(PackJob).where(PackJob.id == job_id,
                                                       PackJob.kind == JobKind.PACK.value,
                                                       PackJob.status == PackStatus.RUNNING.value)
                              .values(status=PackStatus.MERGING.value, runner=services.runner_id(),
                                      heartbeat_at=utcnow())).rowcount == 1
    session.commit()
    job = services.load(session, job_id, JobKind.PACK.value)
    if not claimed or job is None:
        return
    try:
        config = current_app.config
        entries = pack_entries(session, approved_by_ids(session, list(job.design_ids)))
        output = pack_path(config, job.id)
        output.parent.mkdir(parents=True, exist_ok=True)
        pages = assemble(entries, PdfCache(config["PDF_CACHE_DIR"]), output, title=job.title,
                         duplex=job.duplex)
        _publish(config, job.id)
        _done(session, job, pages)
    except Exception as exc:
        _failed(session, job, exc)


def _done(session: Session, job: PackJob, pages: int) -> None:
    services.finish(session, job, pages=pages, done=job.total)
    promote_waiting(session)


def _failed(session: Session, job: PackJob, exc: Exception) -> None:
    if not isinstance(exc, PackError):  # a failed build must show on the progress page, not vanish
        logger.exception("pack job %s failed", job.id)
    services.fail(session, job, str(exc) if isinstance(exc, PackError) else FAILED_MESSAGE)
    promote_waiting(session)


def promote_waiting(session: Session) -> None:
    """Send the oldest waiting packs their start task again (each claims a slot or keeps waiting). Commits."""
    limit = max(1, int(current_app.config["PACK_LIMIT"]))
    waiting = session.scalars(sa.select(PackJob.id).where(
        PackJob.kind == JobKind.PACK.value, PackJob.status == PackStatus.QUEUED.value, PackJob.note != "")
        .order_by(PackJob.created_at, PackJob.id).limit(limit * 4))
    for job_id in waiting:
        queue.enqueue(session, START, job_id)
    session.commit()


def run_job(app, job_id: int) -> None:
    """Build job `job_id`'s pack in this thread (tests, and the CLI of an in-process server)."""
    queue.run_here(app, START, (job_id,))
