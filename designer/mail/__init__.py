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

# Replaced by the task queue when one is configured: takes the payload of `send_email` and delivers it later.
Dispatcher = Callable[[dict], None]
_dispatcher: Dispatcher | None = None


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    """Route `send_email` through `dispatcher` (e.g. a Celery task's delay); None delivers in-process."""
    global _dispatcher
    _dispatcher = dispatcher


def send_email(to: str | Iterable[str], subject: str, text: str, html: str | None = None) -> None:
    """Send one message to each recipient in `to` (they do not see each other)."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    payload = {"to": recipients, "subject": subject, "text": text, "html": html}
    if _dispatcher is not None:
        _dispatcher(payload)
    else:
        deliver(payload)


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
