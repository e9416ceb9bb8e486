"""The task queue: Celery on a broker (Redis) when CELERY_BROKER_URL is set, in-process otherwise.

Features never talk to Celery: they add a Job row and call `enqueue(session, name, job_id)`; the task
is sent only after the session commits (so a worker never looks for a row that is not there yet, and
a rolled-back request queues nothing). Without a broker the same task functions run in a thread of
this process ("thread", the embedded default) or right after the commit ("inline", tests).

Tasks are acknowledged late and rejected when their worker is lost, so a worker killed mid-task hands
the message back to the broker; the Job row (with its runner and heartbeat) is the other safety net:
`designer.jobs.recovery` hands back jobs whose runner died.
"""

import ctypes
import logging
import signal
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from celery import Celery, signals
from flask import Flask, current_app
from kombu import Connection
from sqlalchemy import event
from sqlalchemy.orm import Session

from designer.extensions import db
from designer.ops.logs import request_id_var

logger = logging.getLogger(__name__)
PENDING = "designer_pending_tasks"

# Renders and packs go to `designer`; email and digests to `designer_mail`, so a submission that notifies
# fifty reviewers never queues fifty mails ahead of a syllabus render (bench_stack: about 8,000 mails
# once stood between 50 approvals and their PDFs). A worker consumes both (`--queues` WORKER_QUEUES),
# or a small worker of its own takes the mail.
WORK_QUEUE, MAIL_QUEUE = "designer", "designer_mail"
WORKER_QUEUES = f"{WORK_QUEUE},{MAIL_QUEUE}"
MAIL_TASKS = ("designer.send_mail", "designer.send_digests", "designer.send_reminders")
TASKS: dict[str, tuple] = {}  # name -> (function, Celery task options)


def task(name: str, **options):
    """Register a plain function (run in an app context) as the background task `name`."""

    def register(function):
        TASKS[name] = (function, options)
        return function

    return register


def init_app(app: Flask) -> None:
    """Give the app its Celery instance (eager-free: without a broker nothing is sent) and runner."""
    from designer.jobs import periodic  # registers its tasks; imports this module

    broker = app.config.get("CELERY_BROKER_URL") or ""
    celery = Celery(app.import_name, set_as_current=False)
    celery.conf.update(
        broker_url=broker or "memory://",
        broker_connection_retry_on_startup=True,
        # A request that queues a task must not hang on a broker that is down: fail fast, the job
        # row stays queued and recovery sends it again.
        broker_connection_timeout=2,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5,
                                   "interval_max": 1},
        broker_transport_options={"visibility_timeout": app.config["CELERY_VISIBILITY_TIMEOUT"]},
        task_default_queue=WORK_QUEUE,
        task_routes={name: {"queue": MAIL_QUEUE} for name in MAIL_TASKS},
        task_acks_late=True,               # a task is acknowledged when it finished, not when it started
        task_reject_on_worker_lost=True,   # ... and handed back if its worker process died
        worker_prefetch_multiplier=1,      # long tasks: take one at a time, leave the rest to other workers
        task_ignore_result=True,           # progress and results live in the jobs table and the storage
        worker_max_tasks_per_child=100,    # renders leave fragmentation behind: recycle now and then
        worker_hijack_root_logger=False,   # our factory configured logging (request ids, JSON)
        # Housekeeping every minute; digests and reminders at their local times (crontab in `timezone`).
        beat_schedule={"housekeeping": {"task": "designer.housekeeping", "schedule": 60.0},
                       **periodic.beat_schedule(app.config)},
        timezone=app.config["TIMEZONE"],
        enable_utc=True,
    )
    flask_app = app

    class FlaskTask(celery.Task):
        def __call__(self, *args, **kwargs):
            token = request_id_var.set(kwargs.pop("_rid", None) or f"task-{(self.request.id or '')[:8]}")
            try:
                with flask_app.app_context():
                    return self.run(*args, **kwargs)
            finally:
                request_id_var.reset(token)

    for name, (function, options) in TASKS.items():
        celery.task(name=name, base=FlaskTask, bind=False, shared=False, **_with_time_limits(app, options))(
            _accepting_rid(function))
    app.extensions["celery"] = celery
    if not broker:
        threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="designer-job")
        app.extensions["job_threads"] = threads


def _with_time_limits(app: Flask, options: dict) -> dict:
    options = dict(options)
    if options.pop("render", False):  # rendering one syllabus: bounded, so a pathological one cannot hang
        limit = app.config["RENDER_TIME_LIMIT"]
        options.setdefault("soft_time_limit", limit)
        options.setdefault("time_limit", limit + 30)
    return options


def _accepting_rid(function):
    def run(*args, _rid=None, **kwargs):
        return function(*args, **kwargs)

    run.__name__ = function.__name__
    return run


def uses_broker(app: Flask | None = None) -> bool:
    return bool((app or current_app).config.get("CELERY_BROKER_URL"))


def in_process(app: Flask | None = None) -> bool:
    return not uses_broker(app)


def enqueue(session: Session, name: str, *args) -> None:
    """Send task `name(*args)` once `session` commits (nothing if it rolls back)."""
    if name not in TASKS:
        raise KeyError(f"no background task {name!r}")
    session.info.setdefault(PENDING, []).append((name, args))


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    pending = session.info.pop(PENDING, [])
    for name, args in pending:
        try:
            dispatch(name, *args)
        except Exception:  # the job row stays queued; recovery sends it again when the broker is back
            logger.exception("could not queue task %s%r; it stays queued in the jobs table", name, args)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, _previous_transaction) -> None:
    if not session.in_transaction():
        session.info.pop(PENDING, None)


def dispatch(name: str, *args, producer=None, countdown: float | None = None) -> None:
    """Send task `name(*args)` now: to the broker, or to this process's runner.

    `producer`: a broker producer to reuse (see `producer`), for many tasks sent together.
    `countdown`: seconds before a worker may start it (broker only: in-process tasks run now)."""
    app = current_app._get_current_object()
    rid = request_id_var.get()
    if uses_broker(app):
        app.extensions["celery"].tasks[name].apply_async(args, {"_rid": rid}, producer=producer,
                                                         countdown=countdown)
        return
    if app.config.get("JOBS_IN_PROCESS") == "inline":
        run_here(app, name, args, rid)
    else:
        app.extensions["job_threads"].submit(run_here, app, name, args, rid)


@contextmanager
def producer():
    """One broker connection for several `dispatch` calls (fifty emails of a submission: one connection
    taken from the pool instead of fifty); None without a broker."""
    if not uses_broker():
        yield None
        return
    with current_app.extensions["celery"].producer_or_acquire() as acquired:
        yield acquired


def run_here(app: Flask, name: str, args: tuple, rid: str = "-") -> None:
    """Run a task function in this process, in a fresh app context (so a fresh database session)."""
    function = TASKS[name][0]
    token = request_id_var.set(rid)
    try:
        with app.app_context():
            try:
                function(*args)
            except Exception:  # in a thread nobody would see it: the task marks its job failed itself
                logger.exception("background task %s%r failed", name, args)
            finally:
                db.session.remove()
    finally:
        request_id_var.reset(token)


def wait_idle(app: Flask) -> None:
    """Wait until the in-process runner has finished what it was given (tests, CLI, shutdown)."""
    threads = app.extensions.get("job_threads")
    if threads is not None:
        threads.submit(lambda: None).result()


def broker_reachable(url: str, timeout: float = 1.0) -> bool:
    """Whether the broker at `url` accepts a connection within `timeout` seconds."""
    try:
        with Connection(url, connect_timeout=timeout, transport_options={"socket_timeout": timeout}) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
        return True
    except Exception:  # kombu raises the transport's own errors (OperationalError, socket errors, ...)
        return False


@signals.worker_process_init.connect
def _die_with_the_worker(**_kwargs) -> None:
    """A pool process gets SIGKILL when its parent worker dies, even by SIGKILL: no orphan renders."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: Celery's own parent check is all we have
        logger.warning("could not ask to die with the worker (no prctl); orphans are possible")
