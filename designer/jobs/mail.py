"""Email as a background task when a broker is configured: a slow or unreachable SMTP server then
delays the message, not the request that caused it, and failed sends are retried with back-off."""

import smtplib

from flask import current_app

from designer import mail
from designer.jobs import queue

TASK = "designer.send_mail"


def dispatch_mail(payload: dict) -> None:
    """`designer.mail`'s dispatcher: through the broker when this app has one, else deliver now."""
    if queue.uses_broker(current_app):
        queue.dispatch(TASK, payload)
    else:
        mail.deliver(payload)


@queue.task(TASK, autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=5, retry_backoff_max=600,
            max_retries=8)
def send_mail(payload: dict) -> None:
    mail.deliver(payload)
