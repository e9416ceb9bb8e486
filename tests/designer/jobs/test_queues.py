"""Mail has a queue of its own, so a burst of notifications never waits in front of syllabus renders."""

from designer.jobs.mail import TASK as MAIL_TASK
from designer.jobs.periodic import DIGEST_TASK, REMIND_TASK
from designer.jobs.queue import MAIL_QUEUE, WORK_QUEUE, WORKER_QUEUES
from designer.jobs.render import TASK as RENDER_TASK


def _queue_of(app, name: str) -> str:
    router = app.extensions["celery"].amqp.router
    return router.route({}, name, (), {})["queue"].name


def test_mail_digests_and_reminders_go_to_the_mail_queue(app):
    for name in (MAIL_TASK, DIGEST_TASK, REMIND_TASK):
        assert _queue_of(app, name) == MAIL_QUEUE


def test_renders_stay_on_the_work_queue_and_workers_consume_both(app):
    assert _queue_of(app, RENDER_TASK) == WORK_QUEUE
    assert set(WORKER_QUEUES.split(",")) == {WORK_QUEUE, MAIL_QUEUE}
