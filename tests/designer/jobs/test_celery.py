"""The same jobs on a real Redis and real Celery workers, including workers killed mid-pack.

Marked `celery`: scripts/test.sh runs them as a third, focused pass (see tests/designer/jobs/workers.py).
"""

import io
import os
import signal
import time

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from designer.exports import jobs as pack_jobs
from designer.exports.cache import PdfCache
from designer.extensions import db
from designer.jobs.models import Job, OutboxMessage
from designer.mail import send_email
from designer.models import User
from tests.designer.jobs.conftest import Flow
from tests.designer.jobs.workers import alive, wait

pytestmark = pytest.mark.celery


@pytest.fixture
def queued_app(make_app, app, broker_url, tmp_path):
    """An app on the session database that sends its jobs to the broker, storing where workers store."""
    return make_app(CELERY_BROKER_URL=broker_url, PDF_CACHE_DIR=str(tmp_path / "storage"),
                    RENDER_ON_APPROVAL=True)


def _job(app, job_id: int) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def _finished(app, job_id: int, seconds: float = 120) -> Job:
    return wait(lambda: (job := _job(app, job_id)).finished and job, seconds, f"job {job_id} did not finish")


def test_readyz_sees_the_broker(queued_app):
    assert queued_app.test_client().get("/readyz").get_json()["checks"]["broker"] == "ok"


def test_approval_is_answered_at_once_and_a_worker_stores_the_pdf(queued_app, start_worker, people,
                                                                  make_design):
    start_worker(concurrency=1)
    design_id = make_design(people.author)
    Flow(queued_app).approve(design_id, people.author, people.reviewer)
    with queued_app.app_context():
        job_id = db.session.scalar(sa.select(Job.id).where(Job.kind == "render"))
    assert _job(queued_app, job_id).status in ("queued", "running")  # the decision did not wait for it
    job = _finished(queued_app, job_id)
    assert job.status == "done" and job.runner == "" and job.attempts == 1, job.error
    assert job.payload["revision_id"] and len(list((PdfCache(queued_app.config["PDF_CACHE_DIR"]).directory)
                                                   .glob("revision-*.pdf"))) == 1


def _pack(app, ids, title="Workshop") -> int:
    with app.app_context():
        organiser = db.session.scalar(sa.select(User).where(User.email == "org@test.example"))
        job = pack_jobs.create_job(db.session, organiser, ids, title=title, duplex=False)
        db.session.commit()
        return job.id


def _page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_pack_fans_out_over_two_workers_and_merges_once(queued_app, start_worker, people, approved):
    start_worker(concurrency=1), start_worker(concurrency=1)
    ids = approved(4)
    job = _finished(queued_app, _pack(queued_app, ids))
    assert job.status == "done" and job.done == job.total == 4, job.error
    pdf = PdfReader(pack_jobs.pack_path(queued_app.config, job.id))
    syllabi = [item for item in pdf.outline if not isinstance(item, list)]  # lists: their sections
    assert len(syllabi) == 4 and len(pdf.pages) == job.pages
    again = _finished(queued_app, _pack(queued_app, ids, "Workshop"))  # all stored: merge only
    assert again.status == "done" and again.pages == job.pages


def test_email_goes_out_through_the_worker(queued_app, start_worker, smtp_server):
    start_worker(concurrency=1, **smtp_server.config)
    with queued_app.test_request_context():
        send_email(["a@test.example"], "Approved", "Your design was approved.")
    message = smtp_server.wait_for(1)[0]
    assert "Your design was approved." in str(message)
    with queued_app.app_context():  # through the outbox: claimed once, sent, with its Message-ID
        row = wait(lambda: db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.state == "sent")),
                   10, "the outbox row was not marked sent")
        assert message["Message-ID"] == row.message_id and row.attempts == 1


def test_a_committee_s_emails_go_out_through_the_worker_in_batches(queued_app, start_worker, smtp_server):
    start_worker(concurrency=2, **smtp_server.config)
    people = [f"reviewer{n}@test.example" for n in range(23)]  # three tasks: 10, 10 and 3 emails
    with queued_app.test_request_context():
        send_email(people, "Submitted", "A design was submitted for review.")
    assert sorted(m["To"] for m in smtp_server.wait_for(23)) == sorted(people)
    with queued_app.app_context():
        wait(lambda: db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.state == "sent")) == 23,
             10, "not every outbox row was marked sent")


def _reference_pack(app, ids, tmp_path) -> list[str]:
    """The same pack built undisturbed, in this process, from the same storage."""
    from designer.exports.packs import approved_by_ids, assemble, pack_entries

    with app.test_request_context():
        entries = pack_entries(db.session, approved_by_ids(db.session, ids))
        output = tmp_path / "reference.pdf"
        assemble(entries, PdfCache(app.config["PDF_CACHE_DIR"]), output, title="Workshop")
    return _page_texts(output)


@pytest.mark.parametrize("how", ["sigterm-then-sigkill", "sigkill-pool-process"])
def test_a_killed_worker_loses_no_job_leaves_no_orphan_and_no_corrupt_pdf(queued_app, start_worker,
                                                                         people, approved, tmp_path, how):
    ids = approved(6)
    first = start_worker(concurrency=2)
    job_id = _pack(queued_app, ids)
    wait(lambda: _job(queued_app, job_id).done >= 1, 120, "no syllabus was rendered")
    pool = first.children()
    assert pool, "the worker has no pool processes"
    if how == "sigkill-pool-process":  # the worker survives; the task of the dead process is handed back
        os.kill(pool[0], signal.SIGKILL)
    else:  # a stop that does not wait: warm shutdown begins, then the hard kill
        first.signal(signal.SIGTERM)
        time.sleep(0.3)
        first.signal(signal.SIGKILL)
        first.process.wait(10)
        wait(lambda: not any(alive(pid) for pid in pool), 10, f"orphan pool processes {pool}")
        start_worker(concurrency=2)
    job = _finished(queued_app, job_id, 180)
    assert job.status == "done" and job.done == 6, job.error
    storage = PdfCache(queued_app.config["PDF_CACHE_DIR"]).directory
    for path in storage.glob("revision-*.pdf"):
        assert len(PdfReader(io.BytesIO(path.read_bytes())).pages) >= 1  # every stored PDF is whole
    assert not list(storage.glob(".*.tmp"))  # written atomically: no half-written file got a real name
    assert _page_texts(pack_jobs.pack_path(queued_app.config, job_id))[1:] == _reference_pack(
        queued_app, ids, tmp_path)[1:]  # the same pages as an undisturbed build (the cover has the date)
