"""RENDER_TIME_LIMIT without a broker: a render that overruns fails its job visibly and its render process
is killed (under Celery the task's own time limits do this, see test_celery)."""

import os
from pathlib import Path

import sqlalchemy as sa

from designer.exports import jobs as pack_jobs
from designer.exports.cache import PdfCache
from designer.extensions import db
from designer.jobs import recovery
from designer.jobs.models import Job
from designer.models import User


def _render_processes() -> list[int]:
    """Live spawned children of this process (render pools), not multiprocessing's resource tracker."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            cmdline = (status.parent / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if (fields.get("PPid", "").strip() == str(os.getpid()) and "multiprocessing" in cmdline
                and "resource_tracker" not in cmdline and not fields.get("State", "").startswith("Z")):
            found.append(int(status.parent.name))
    return found


def _job(app, kind: str) -> Job:
    with app.app_context():
        job = db.session.scalar(sa.select(Job).where(Job.kind == kind).order_by(Job.id.desc()))
        db.session.expunge(job)
        return job


def test_a_render_on_approval_over_the_limit_fails_its_job_and_its_process_is_killed(jobs_app, flow, people,
                                                                                     make_design):
    before = set(_render_processes())
    jobs_app.config["RENDER_TIME_LIMIT"] = 0.2  # no syllabus renders this fast, least of all a first one
    try:
        design_id = make_design(people.author)
        flow.approve(design_id, people.author, people.reviewer)
    finally:
        jobs_app.config["RENDER_TIME_LIMIT"] = 120
    job = _job(jobs_app, "render")
    assert job.status == "failed" and "took longer than 0.2 s (RENDER_TIME_LIMIT)" in job.error
    assert set(_render_processes()) - before == set()
    assert list(PdfCache(jobs_app.config["PDF_CACHE_DIR"]).directory.glob("revision-*.pdf")) == []
    with jobs_app.app_context():  # within the limit the retry renders it, in a new render process
        recovery.retry(db.session, job.id)
    job = _job(jobs_app, "render")
    assert job.status == "done", job.error
    assert len(list(PdfCache(jobs_app.config["PDF_CACHE_DIR"]).directory.glob("revision-*.pdf"))) == 1


def test_a_pack_whose_render_overruns_fails_visibly_and_leaves_no_render_process(jobs_app, people, approved):
    ids = approved(2)
    before = set(_render_processes())  # e.g. the render process of renders on approval, kept for the next
    jobs_app.config.update(PACK_WORKERS=2, RENDER_TIME_LIMIT=0.2)
    try:
        with jobs_app.app_context():
            organiser = db.session.get(User, people.organiser)
            job = pack_jobs.create_job(db.session, organiser, ids, title="Workshop", duplex=False)
            db.session.commit()  # inline: the pack is built (and fails) right here
    finally:
        jobs_app.config.update(PACK_WORKERS=0, RENDER_TIME_LIMIT=120)
    job = _job(jobs_app, "pack")
    assert job.status == "failed" and "took longer than 0.2 s to render (RENDER_TIME_LIMIT)" in job.error
    assert set(_render_processes()) - before == set()
    assert not pack_jobs.pack_path(jobs_app.config, job.id).exists()
