"""Email as a background task when a broker is configured: a slow or unreachable SMTP server then
delays the message, not the request that caused it, and failed sends are retried with back-off.

Each message is first an `outbox` row (one per recipient, with its Message-ID), committed on its own
connection, then its id is queued. The task claims the row with a compare-and-set from queued to
sending: the broker redelivering the task (late acknowledgement, a worker killed after the SMTP
server took the message) finds it sending or sent and sends nothing. A failed send puts it back to
queued for the retry. The price is at most once for the one case nobody can decide: a worker that
died between the claim and "sent" leaves the row in sending, which the housekeeping reports instead
of sending it again.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from designer import mail
from designer.extensions import db
from designer.jobs import queue
from designer.jobs.models import OutboxMessage, OutboxState
from designer.models import utcnow

TASK = "designer.send_mail"
# Emails of one event per task: a submission that notifies fifty reviewers queued fifty tasks, which cost
# the submitting request about 75 ms of CPU in publishing alone (bench_stack, PostgreSQL and Redis);
# ten per task keep both worker processes busy when a committee is large.
BATCH = 10
RESEND_QUEUED_AFTER = timedelta(minutes=10)  # queued this long: its task was lost (broker down)
KEEP_SENT = timedelta(days=30)
RETRY_AFTER = 5  # seconds, as the task's own first retry (retry_backoff)
MAX_ATTEMPTS = 9  # the task's own retries included; then it fails (visibly in the outbox and the log)
logger = logging.getLogger(__name__)


def dispatch_mail(payloads: list[dict]) -> None:
    """`designer.mail`'s dispatcher: through the outbox and the broker when this app has one, else now."""
    if not queue.uses_broker(current_app):
        mail.deliver_each(payloads)
        return
    ids, queued = write_outbox(*payloads), 0
    try:
        with queue.producer() as producer:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                queue.dispatch(TASK, batch if len(batch) > 1 else batch[0], producer=producer)
                queued += len(batch)
    except Exception:  # broker down: better a slow request than a lost message
        logger.exception("could not queue emails %s; sending them now instead", ids[queued:])
        for outbox_id in ids[queued:]:
            send_outbox(outbox_id)


def write_outbox(*payloads: dict) -> list[int]:
    """One outbox row per recipient of each payload, all committed together on a connection of its own
    (the caller's transaction may be over, e.g. after its commit, or may still roll back); their ids."""
    domain = (current_app.config["MAIL_DEFAULT_SENDER"].rpartition("@")[2].strip("> ") or "localhost")
    with Session(db.engine) as session:
        rows = [OutboxMessage(message_id=make_msgid("designer", domain=domain)[:200], recipient=recipient,
                              subject=payload["subject"][:500],
                              payload={"text": payload["text"], "html": payload.get("html")})
                for payload in payloads for recipient in payload["to"]]
        session.add_all(rows)
        session.flush()  # the ids now: after the commit each one would be read back on its own
        ids = [row.id for row in rows]
        session.commit()
        return ids


def _claim(outbox_id: int) -> OutboxMessage | None:
    session = db.session
    claimed = session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, OutboxMessage.state == OutboxState.QUEUED.value)
        .values(state=OutboxState.SENDING.value, claimed_at=utcnow(), attempts=OutboxMessage.attempts + 1)
    ).rowcount == 1
    session.commit()
    return session.get(OutboxMessage, outbox_id) if claimed else None


def send_outbox(outbox_id: int) -> bool:
    """Send outbox row `outbox_id` unless another run has claimed it; True if this run sent it."""
    row = _claim(outbox_id)
    if row is None:
        logger.info("email %s is sent or being sent already: not sending it again", outbox_id)
        return False
    try:
        mail.deliver({"to": [row.recipient], "subject": row.subject, "text": row.payload["text"],
                      "html": row.payload.get("html"), "message_id": row.message_id})
    except Exception as exc:  # back to the queue for the retry (the SMTP server took nothing)
        db.session.rollback()
        _set(outbox_id, state=OutboxState.QUEUED.value, error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    _set(outbox_id, state=OutboxState.SENT.value, sent_at=utcnow(), error="")
    return True


def _set(outbox_id: int, **values) -> None:
    db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id == outbox_id).values(**values))
    db.session.commit()


@queue.task(TASK, autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=5, retry_backoff_max=600,
            max_retries=8)
def send_mail(message: int | list[int] | dict) -> None:
    """Send outbox row `message`, or each row of a batch of them (`dispatch_mail`)."""
    if isinstance(message, dict):  # a task queued before the outbox existed: its payload itself
        mail.deliver(message)
        return
    if isinstance(message, int):
        send_outbox(message)
        return
    for done, outbox_id in enumerate(message):
        try:
            send_outbox(outbox_id)
        except Exception:  # the server refused or is down: each row left gets a task with its own retries
            logger.warning("email %s not sent; it and %d more go back to the queue one by one",
                           outbox_id, len(message) - done - 1, exc_info=True)
            with queue.producer() as producer:
                for rest in message[done:]:
                    queue.dispatch(TASK, rest, producer=producer, countdown=RETRY_AFTER)
            return


def tidy_outbox(session: Session) -> None:
    """Housekeeping: queue again what lost its task, report what a dead worker left sending, forget old
    sent rows. Commits."""
    now = utcnow()
    session.execute(sa.update(OutboxMessage).where(OutboxMessage.state == OutboxState.QUEUED.value,
                                                   OutboxMessage.attempts >= MAX_ATTEMPTS)
                    .values(state=OutboxState.FAILED.value))
    lost = list(session.scalars(sa.select(OutboxMessage.id).where(
        OutboxMessage.state == OutboxState.QUEUED.value, OutboxMessage.created_at < now - RESEND_QUEUED_AFTER,
        sa.or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - RESEND_QUEUED_AFTER))))
    for outbox_id in lost:
        queue.enqueue(session, TASK, outbox_id)
    stuck = session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.state == OutboxState.SENDING.value,
               OutboxMessage.claimed_at < now - timedelta(seconds=current_app.config["JOB_LEASE_SECONDS"]))
        .values(state=OutboxState.FAILED.value,
                error="The worker stopped while sending it; not sent again, so nobody gets it twice.")
    ).rowcount
    if stuck:
        logger.error("%d email(s) were being sent when their worker stopped; not sent again (outbox)", stuck)
    session.execute(sa.delete(OutboxMessage).where(OutboxMessage.state == OutboxState.SENT.value,
                                                   OutboxMessage.sent_at < now - KEEP_SENT))
    session.commit()
