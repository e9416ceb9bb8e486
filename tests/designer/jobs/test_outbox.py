"""The email task through the outbox: a redelivered task (late acknowledgement, a worker killed after the
SMTP server took the message) sends nothing again; a failed send is retried and then sent once. The real
SMTP server on loopback reads what arrives."""

import contextlib
import socket
from datetime import timedelta

import pytest
import sqlalchemy as sa

from designer.extensions import db, mail
from designer.jobs import mail as mail_tasks
from designer.jobs.models import OutboxMessage
from designer.models import utcnow

PAYLOAD = {"to": ["a@test.example", "b@test.example"], "subject": "Approved", "text": "It was approved.",
           "html": None}
THREE = ["a@test.example", "b@test.example", "c@test.example"]


def _rows(app) -> list[OutboxMessage]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))
        db.session.expunge_all()
        return rows


def test_the_task_run_twice_sends_one_message(app, smtp_server):
    with app.app_context():
        first, second = mail_tasks.write_outbox(PAYLOAD)  # one row per recipient
        mail_tasks.send_mail(first)
        mail_tasks.send_mail(first)  # the broker redelivers it
        mail_tasks.send_mail(second)
    smtp_server.wait_for(2)
    [message] = smtp_server.to("a@test.example")
    assert len(smtp_server.messages) == 2 and "It was approved." in message.get_content()
    rows = _rows(app)
    assert [r.state for r in rows] == ["sent", "sent"] and [r.attempts for r in rows] == [1, 1]
    assert message["Message-ID"] == rows[0].message_id  # the row's id, kept across retries


def test_a_worker_killed_after_the_send_leaves_it_sending_and_the_redelivery_sends_nothing(app, smtp_server):
    with app.app_context():
        [outbox_id] = mail_tasks.write_outbox({**PAYLOAD, "to": ["a@test.example"]})
        # what a worker killed between the SMTP server's answer and "sent" leaves behind
        db.session.execute(sa.update(OutboxMessage).values(state="sending", claimed_at=utcnow()))
        db.session.commit()
        mail_tasks.send_mail(outbox_id)
    assert smtp_server.messages == []
    with app.app_context():  # after the lease the housekeeping says so, and still sends nothing
        db.session.execute(sa.update(OutboxMessage).values(claimed_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
        mail_tasks.tidy_outbox(db.session)
    [row] = _rows(app)
    assert row.state == "failed" and "not sent again" in row.error and smtp_server.messages == []


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failed_send_goes_back_to_the_queue_and_the_retry_sends_it_once(app, smtp_server):
    with app.app_context():
        [outbox_id] = mail_tasks.write_outbox({**PAYLOAD, "to": ["a@test.example"]})
    working = app.extensions["mail"]
    down = {**app.config, "MAIL_PORT": _closed_port()}  # the SMTP server is down
    app.extensions["mail"] = mail.init_mail(down, app.debug, testing=False)
    try:
        with app.app_context(), pytest.raises(OSError):
            mail_tasks.send_mail(outbox_id)
    finally:
        app.extensions["mail"] = working
    [row] = _rows(app)
    assert row.state == "queued" and row.attempts == 1 and "Connection" in row.error
    with app.app_context():
        mail_tasks.send_mail(outbox_id)  # Celery's retry
        mail_tasks.send_mail(outbox_id)
    assert len(smtp_server.wait_for(1)) == 1
    [row] = _rows(app)
    assert row.state == "sent" and row.attempts == 2 and row.error == ""


def test_housekeeping_queues_again_what_lost_its_task_and_forgets_old_sent_mail(app, smtp_server):
    with app.app_context():
        lost, sent = mail_tasks.write_outbox(PAYLOAD)
        mail_tasks.send_mail(sent)
        db.session.execute(sa.update(OutboxMessage).values(created_at=utcnow() - timedelta(days=31)))
        db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id == sent)
                           .values(sent_at=utcnow() - timedelta(days=31)))
        db.session.commit()
        mail_tasks.tidy_outbox(db.session)  # in-process ("inline") the queued task runs at the commit
    assert [r.id for r in _rows(app)] == [lost]
    assert [r.state for r in _rows(app)] == ["sent"]
    assert len(smtp_server.wait_for(2)) == 2


def test_a_whole_committee_is_written_to_the_outbox_in_one_transaction(app, monkeypatch):
    """A submission notifies every reviewer: one commit for all their rows, not one per recipient (which
    made the submitting request wait for fifty round trips)."""
    queued, commits = [], []
    monkeypatch.setattr(mail_tasks.queue, "uses_broker", lambda app=None: True)
    monkeypatch.setattr(mail_tasks.queue, "producer", contextlib.nullcontext)
    monkeypatch.setattr(mail_tasks.queue, "dispatch",
                        lambda task, outbox_ids, producer=None: queued.append(outbox_ids))
    with app.app_context():
        count = lambda connection: commits.append(1)  # noqa: E731
        sa.event.listen(db.engine, "commit", count)
        try:
            mail_tasks.dispatch_mail([PAYLOAD, {**PAYLOAD, "to": ["c@test.example"]}])
        finally:
            sa.event.remove(db.engine, "commit", count)
    rows = _rows(app)
    assert len(commits) == 1
    assert [r.recipient for r in rows] == ["a@test.example", "b@test.example", "c@test.example"]
    assert queued == [[r.id for r in rows]] and {r.state for r in rows} == {"queued"}


def test_a_large_committee_is_queued_ten_emails_a_task(app, monkeypatch):
    """Fifty reviewers: five tasks, not fifty (publishing each cost the submitting request 1.5 ms)."""
    queued = []
    monkeypatch.setattr(mail_tasks.queue, "uses_broker", lambda app=None: True)
    monkeypatch.setattr(mail_tasks.queue, "producer", contextlib.nullcontext)
    monkeypatch.setattr(mail_tasks.queue, "dispatch",
                        lambda task, outbox_ids, producer=None: queued.append(outbox_ids))
    with app.app_context():
        mail_tasks.dispatch_mail([{**PAYLOAD, "to": [f"r{n}@test.example" for n in range(21)]}])
    ids = [r.id for r in _rows(app)]
    assert queued == [ids[:10], ids[10:20], ids[20]]  # a batch of one is queued as a plain id


def test_a_batch_run_twice_sends_each_message_once(app, smtp_server):
    with app.app_context():
        batch = mail_tasks.write_outbox({**PAYLOAD, "to": THREE})
        mail_tasks.send_mail(batch)
        mail_tasks.send_mail(batch)  # the broker redelivers it
    assert len(smtp_server.wait_for(3)) == 3
    assert sorted(m["To"] for m in smtp_server.messages) == THREE
    assert [(r.state, r.attempts) for r in _rows(app)] == [("sent", 1)] * 3


def test_a_batch_that_cannot_send_hands_each_email_left_to_a_task_of_its_own(app, smtp_server, monkeypatch):
    with app.app_context():
        sent, failing, *rest = mail_tasks.write_outbox(
            {**PAYLOAD, "to": [*THREE, "d@test.example"]})
        mail_tasks.send_mail(sent)
    requeued = []
    monkeypatch.setattr(mail_tasks.queue, "producer", contextlib.nullcontext)
    monkeypatch.setattr(mail_tasks.queue, "dispatch", lambda task, outbox_id, producer=None, countdown=None:
                        requeued.append((task, outbox_id, countdown)))
    working = app.extensions["mail"]
    down = {**app.config, "MAIL_PORT": _closed_port()}  # the SMTP server is down
    app.extensions["mail"] = mail.init_mail(down, app.debug, testing=False)
    try:
        with app.app_context():
            mail_tasks.send_mail([sent, failing, *rest])  # no error: the task itself is done
    finally:
        app.extensions["mail"] = working
    assert requeued == [(mail_tasks.TASK, i, mail_tasks.RETRY_AFTER) for i in (failing, *rest)]
    assert [(r.state, r.attempts) for r in _rows(app)] == [("sent", 1), ("queued", 1)] + [("queued", 0)] * 2
    with app.app_context():  # the tasks of their own, with send_mail's retries
        for _, outbox_id, _ in requeued:
            mail_tasks.send_mail(outbox_id)
    assert len(smtp_server.wait_for(4)) == 4
    assert {r.state for r in _rows(app)} == {"sent"}
