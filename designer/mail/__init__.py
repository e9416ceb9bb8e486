"""Email: one function the features call to send a plain-text (optionally HTML) message.

Why a seam of our own over Flask-Mail: features must not care whether a message goes out now over SMTP or is
queued as a background task (see `set_dispatcher`), and a development machine with no MAIL_SERVER must log
the message instead of failing the request that caused it.
"""

import logging
from collections.abc import Callable, Iterable

from flask import current_app
from flask_mail import Message

from designer.extensions import mail

log = logging.getLogger(__name__)

# Replaced by the task queue when one is configured: takes payloads of `send_email` and delivers them later.
# A list, so that a request notifying fifty reviewers writes their outbox rows in one transaction.
Dispatcher = Callable[[list[dict]], None]
_dispatcher: Dispatcher | None = None


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    """Route `send_email` through `dispatcher` (the outbox and a Celery task); None delivers in-process."""
    global _dispatcher
    _dispatcher = dispatcher


def send_email(to: str | Iterable[str], subject: str, text: str, html: str | None = None) -> None:
    """Send one message to each recipient in `to` (they do not see each other)."""
    send_emails([{"to": to, "subject": subject, "text": text, "html": html}])


def send_emails(payloads: Iterable[dict]) -> None:
    """Send several messages at once (`send_email`'s arguments as dicts: to, subject, text, html)."""
    payloads = [payload | {"to": [r for r in _listed(payload["to"]) if r]} for payload in payloads]
    payloads = [payload for payload in payloads if payload["to"]]
    if not payloads:
        return
    if _dispatcher is not None:
        _dispatcher(payloads)
    else:
        deliver_each(payloads)


def _listed(to: str | Iterable[str]) -> list[str]:
    return [to] if isinstance(to, str) else list(to)


def deliver_each(payloads: list[dict]) -> None:
    """Deliver every payload now; one that fails does not stop the others (its error is raised after)."""
    failure = None
    for payload in payloads:
        try:
            deliver(payload)
        except Exception as exc:
            log.exception("Could not email %s about %r", ", ".join(payload["to"]), payload["subject"])
            failure = failure or exc
    if failure is not None:
        raise failure


def deliver(payload: dict) -> int:
    """Deliver a payload now over SMTP (inside an app context); returns how many messages went out."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        # No SMTP server configured (the embedded default): say what would have been sent, never the body.
        log.info("Email not sent (MAIL_SERVER unset): %r to %s", payload["subject"], ", ".join(payload["to"]))
        return 0
    with mail.connect() as connection:
        for recipient in payload["to"]:
            message = Message(
                subject=payload["subject"],
                recipients=[recipient],
                body=payload["text"],
                html=payload.get("html"),
                sender=config["MAIL_DEFAULT_SENDER"],
            )
            if payload.get("message_id"):  # the outbox's own, so a message keeps one id across retries
                message.msgId = payload["message_id"]
            connection.send(message)
    return len(payload["to"])
