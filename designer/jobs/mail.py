"""Email as a background task when a broker is configured: a slow or unreachable SMTP server then
delays the message, not the request that caused it, and failed sends are retried with back-off."""

import logging
import smtplib

from flask import current_app

from designer import mail
from designer.jobs import queue

TASK = "designer.send_mail"
logger = logging.getLogger(__name__)


def dispatch_mail(payload: dict) -> None:
    """`designer.mail`'s dispatcher: through the broker when this app has one, else deliver now."""
    if queue.uses_broker(current_app):
        try:
            queue.dispatch(TASK, payload)
            return
        except Exception:  # broker down: better a slow request than a lost message
            logger.exception("could not queue an email; sending it now instead")
    mail.deliver(payload)


@queue.task(TASK, autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=5, retry_backoff_max=600,
            max_retries=8)
def send_mail(payload: dict) -> None:
    mail.deliver(payload)
