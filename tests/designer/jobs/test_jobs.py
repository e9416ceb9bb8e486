"""Background jobs in-process: render on approval, restart recovery, pack limits, the jobs CLI."""

import os
import socket
import subprocess
import sys
import time

import sqlalchemy as sa

from designer.exports import jobs as pack_jobs
from designer.exports.cache import PdfCache, revision_key
from designer.extensions import db
from designer.jobs import recovery, services
from designer.jobs.models import Job, JobStatus
from designer.models import Design, DesignRevision, User, utcnow


def _dead_runner() -> str:
    """The runner id of a process of this host that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}"


def _job(app, job_id) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def _stored(app, design_id) -> bool:
    with app.app_context():
        revision = db.session.get(DesignRevision, db.session.get(Design, design_id).approved_revision_id)
        return PdfCache(app.config["PDF_CACHE_DIR"]).has(revision_key(revision))


def test_approval_renders_and_stores_the_syllabus_as_a_job(jobs_app, people, make_design, flow):
    design_id = make_design(people.author)
    flow.approve(design_id, people.author, people.reviewer)
    with jobs_app.app_context():
        job = db.session.scalars(sa.select(Job).where(Job.kind == "render")).one()
        assert job.status == "done" and job.done == job.total == 1 and job.design_ids == [design_id]
        assert job.owner_id == people.reviewer and job.attempts == 1 and job.runner == ""
    assert _stored(jobs_app, design_id)


def test_the_render_on_approval_also_prepares_the_pack_page_stamps(jobs_app, people, make_design, flow,
                                                                   monkeypatch):
    """Rendering "Pack page n" for 300 pages took 1.6 s, more than the rest of a warm pack: it is done
    before an organiser asks, once for every pack up to STAMP_BLOCK pages."""
    from designer.exports import packs

    design_id = make_design(people.author)
    flow.approve(design_id, people.author, people.reviewer)

    def no_render(*args, **kwargs):
        raise AssertionError("the stamps were rendered while the organiser waited")

    monkeypatch.setattr(packs, "render_pdf", no_render)
    with jobs_app.app_context():
        stamps = packs.stamps_pdf(PdfCache(jobs_app.config["PDF_CACHE_DIR"]),
                                  jobs_app.config["PACK_STAMP_BLOCK"] - 1)
    assert stamps.startswith(b"%PDF")


def test_a_refused_decision_queues_no_render(jobs_app, people, make_design, flow):
    design_id = make_design(people.author)
    flow.submit(design_id, people.author)
    flow.review(design_id, people.reviewer)
    flow.decide(design_id, people.reviewer, "request_changes", "Tighten the outcomes.")
    with jobs_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 0


def test_a_second_delivery_of_a_finished_render_does_nothing(jobs_app, people, make_design, flow):
    from designer.jobs import queue

    design_id = make_design(people.author)
    flow.approve(design_id, people.author, people.reviewer)
    with jobs_app.app_context():
        job_id = db.session.scalar(sa.select(Job.id))
    queue.run_here(jobs_app, "designer.render_approved", (job_id,))
    assert _job(jobs_app, job_id).attempts == 1


def _stuck_job(app, design_ids, owner_id, *, status="running", attempts=1, runner=None) -> int:
    """A pack job as a killed server leaves it: 'running', its runner gone."""
    with app.app_context():
        job = Job(kind="pack", owner_id=owner_id, title="Workshop", design_ids=design_ids,
                  total=len(design_ids), status=status, attempts=attempts, runner=runner or _dead_runner(),
                  started_at=utcnow(), heartbeat_at=utcnow())
        db.session.add(job)
        db.session.commit()
        return job.id


def test_a_restarted_server_resumes_a_job_its_previous_process_left_running(jobs_app, approved, make_user):
    job_id = _stuck_job(jobs_app, approved(2), make_user("organiser"))
    client = jobs_app.test_client()
    recovery_state = jobs_app.before_request_funcs[None]
    assert any(f.__name__ == "_recover_once" for f in recovery_state)
    with jobs_app.app_context():
        assert recovery.recover(db.session) == [job_id]
    job = _job(jobs_app, job_id)
    assert job.status == "done" and job.done == 2 and job.pages > 2 and job.attempts == 2
    assert client.get("/healthz").status_code == 200


def test_a_job_whose_runner_died_too_often_fails_visibly(jobs_app, approved, make_user):
    job_id = _stuck_job(jobs_app, approved(1), make_user("organiser"), attempts=3)
    with jobs_app.app_context():
        assert recovery.recover(db.session) == []
    job = _job(jobs_app, job_id)
    assert job.status == "failed" and f"flask jobs retry {job_id}" in job.error and job.finished_at


def test_a_live_runner_and_a_fresh_heartbeat_are_left_alone(jobs_app, approved, make_user):
    job_id = _stuck_job(jobs_app, approved(1), make_user("organiser"),
                        runner=f"{socket.gethostname()}:{os.getppid()}")
    with jobs_app.app_context():
        assert recovery.recover(db.session) == []
    assert _job(jobs_app, job_id).status == "running"


def test_a_silent_job_on_another_machine_is_resumed_after_its_lease(jobs_app, approved, make_user):
    job_id = _stuck_job(jobs_app, approved(1), make_user("organiser"), runner="other-host:123")
    with jobs_app.app_context():
        assert recovery.recover(db.session) == []
        db.session.get(Job, job_id).heartbeat_at = utcnow().replace(year=2020)
        db.session.commit()
        assert recovery.recover(db.session) == [job_id]
    assert _job(jobs_app, job_id).status == "done"


def _request_pack(app, owner_id, design_ids, title="Pack") -> int:
    with app.app_context():
        job = pack_jobs.create_job(db.session, db.session.get(User, owner_id), design_ids, title=title,
                                   duplex=False)
        db.session.commit()
        return job.id


def test_one_running_pack_per_person_the_next_waits_and_says_so(jobs_app, approved, make_user, client,
                                                               login_as):
    organiser, ids = make_user("organiser"), approved(2)
    building = _stuck_job(jobs_app, ids, organiser, runner=f"{socket.gethostname()}:{os.getppid()}")
    waiting = _request_pack(jobs_app, organiser, ids, "Second")
    job = _job(jobs_app, waiting)
    assert job.status == "queued" and job.note.startswith("Waiting: your other pack is being built")
    login_as(organiser)
    assert "your other pack is being built" in client.get(f"/packs/{waiting}").get_data(as_text=True)
    assert client.get(f"/packs/{waiting}/status.json").get_json()["note"] == job.note
    # Someone else's pack starts meanwhile (PACK_LIMIT is 2).
    assert _job(jobs_app, _request_pack(jobs_app, make_user("organiser"), ids)).status == "done"
    with jobs_app.app_context():  # the first pack finishes: the waiting one starts by itself
        pack_jobs._done(db.session, db.session.get(Job, building), 3)
    assert _job(jobs_app, waiting).status == "done"


def test_pack_limit_per_server(jobs_app, approved, make_user):
    jobs_app.config["PACK_LIMIT"] = 1
    ids = approved(1)
    live = f"{socket.gethostname()}:{os.getppid()}"
    _stuck_job(jobs_app, ids, make_user("organiser"), runner=live)
    job = _job(jobs_app, _request_pack(jobs_app, make_user("organiser"), ids))
    assert job.status == "queued"
    assert job.note == ("Waiting: 1 packs are being built on this server (at most 1 at once); "
                        "this one starts as soon as one of them is done.")


def test_jobs_cli_lists_and_retries(jobs_app, approved, make_user):
    job_id = _stuck_job(jobs_app, approved(1), make_user("organiser"), status="failed")
    with jobs_app.app_context():
        db.session.get(Job, job_id).error = "The pack could not be built; the error is in the server log."
        db.session.commit()
    runner = jobs_app.test_cli_runner()
    listing = runner.invoke(args=["jobs", "list"])
    assert listing.exit_code == 0 and "state" in listing.output
    assert f"{job_id}  pack    failed         0/1" in listing.output and "server log" in listing.output
    retried = runner.invoke(args=["jobs", "retry", str(job_id)])
    assert retried.exit_code == 0 and "queued again" in retried.output
    assert _job(jobs_app, job_id).status == JobStatus.DONE.value
    for args, message in ((["jobs", "retry", str(job_id)], "only failed or stuck"),
                          (["jobs", "retry", "999999"], "There is no job 999999")):
        result = runner.invoke(args=args)
        assert result.exit_code == 1 and message in result.output


def test_housekeeping_clears_dead_writers_temporary_files_and_old_packs(jobs_app, tmp_path):
    root = tmp_path / "storage"
    (root / "packs").mkdir(parents=True)
    old_tmp, new_tmp = root / ".revision-1.pdf.x.tmp", root / ".revision-2.pdf.y.tmp"
    old_pack, new_pack = root / "packs" / "pack-1.pdf", root / "packs" / "pack-2.pdf"
    for path in (old_tmp, new_tmp, old_pack, new_pack):
        path.write_bytes(b"x")
    os.utime(old_tmp, (1, 1))
    os.utime(old_pack, (1, 1))
    assert recovery.clean_files(jobs_app.config) == 2
    assert not old_tmp.exists() and not old_pack.exists() and new_tmp.exists() and new_pack.exists()
    with jobs_app.app_context():
        services_left = services.active_jobs(db.session)
    assert services_left == []


def test_email_is_sent_now_when_the_broker_cannot_take_it(make_app, smtp_server):
    from designer.extensions import mail as mail_extension
    from designer.mail import send_email

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    down = make_app(CELERY_BROKER_URL=f"redis://127.0.0.1:{closed}/0", **smtp_server.config)
    down.extensions["mail"] = mail_extension.init_mail(down.config, down.debug, testing=False)
    started = time.monotonic()
    with down.test_request_context():
        send_email(["x@test.example"], "Hello", "Still delivered.")
    assert "Still delivered." in str(smtp_server.wait_for(1)[0]) and time.monotonic() - started < 15


def test_a_stale_task_for_a_job_of_another_kind_leaves_it_alone(jobs_app, approved, make_user):
    """A task names its job by id; a message left on the broker from before the database was recreated
    may name a job of another kind that now has that id (seen in the Celery pass: a stale pack render
    failed a syllabus render). Neither kind's tasks may touch the other's jobs."""
    from designer.jobs import queue

    design_ids, owner_id = approved(1), make_user("organiser")
    with jobs_app.app_context():
        render = Job(kind="render", owner_id=owner_id, title="Syllabus PDF", design_ids=design_ids,
                     payload={"revision_id": 10_000})
        db.session.add(render)
        db.session.commit()
        render_id = render.id
    for task, args in ((pack_jobs.START, (render_id,)), (pack_jobs.RENDER, (render_id, 10_000)),
                       (pack_jobs.MERGE, (render_id,))):
        queue.run_here(jobs_app, task, args)
    left = _job(jobs_app, render_id)
    assert (left.status, left.error, left.attempts, left.done) == ("queued", "", 0, 0)

    pack_id = _stuck_job(jobs_app, design_ids, owner_id, status="queued", attempts=0, runner="")
    queue.run_here(jobs_app, "designer.render_approved", (pack_id,))
    pack = _job(jobs_app, pack_id)
    assert (pack.status, pack.note, pack.attempts) == ("queued", "", 0)
