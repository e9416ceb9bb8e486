"""Background jobs: one table of jobs (packs, renders on approval, email), run as Celery tasks on a broker
or in-process when none is configured, recovered after a restart, listed and retried on the CLI."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register every task, give the app its queue, route email through it, recover after restarts."""
    from designer import mail
    from designer.exports import jobs as pack_jobs  # noqa: F401 - registers the pack tasks
    from designer.jobs import mail as mail_tasks
    from designer.jobs import queue, recovery, render  # noqa: F401 - render registers its task

    queue.init_app(app)
    mail.set_dispatcher(mail_tasks.dispatch_mail)
    recovery.init_app(app)
