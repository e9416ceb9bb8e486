"""Notifications: written by the workflow when something needs a person (a decision, a new submission),
shown in the header badge and on the notifications page, and emailed as each person chose: at once, in a
daily digest (`digest.send_digests`) or not at all.

Why emails wait for the commit: a request that fails after `notify` rolls back its notifications, and must
not have sent email about them. `notify` puts the messages in the session's outbox; they go out (through
`designer.mail.send_email`, which a task queue may take over) only once the transaction is committed.
"""

import logging

import sqlalchemy as sa
from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from designer.mail import send_emails
from designer.models import Design, EmailPreference, Notification, User, utcnow

log = logging.getLogger(__name__)
OUTBOX = "designer.outbox"


def notify(session: Session, people: list[User], design: Design | None, message: str, *,
           link: str = "") -> None:
    """One unread notification per person (each person once, however often they are listed).

    Args:
        link: the app path the notification leads to (e.g. the comments); empty: the design's page.
    """
    seen = set()
    now = utcnow()
    for person in people:
        if person is None or person.id in seen:
            continue
        seen.add(person.id)
        immediate = person.email_preference == EmailPreference.IMMEDIATE.value and person.active
        session.add(Notification(user_id=person.id, design_id=design.id if design else None,
                                 message=message[:500], link=link[:300], created_at=now,
                                 emailed_at=now if immediate else None))
        if immediate:
            session.info.setdefault(OUTBOX, []).append(_email(person, message, link or _design_path(design)))
    session.flush()


def target(notification: Notification) -> str:
    """Where clicking a notification goes."""
    if notification.link:
        return notification.link
    return f"/designs/{notification.design_id}" if notification.design_id else "/notifications"


def absolute_url(path: str) -> str:
    """`path` as a full address for an email: the request's host, or BASE_URL outside requests."""
    base = request.host_url if has_request_context() else current_app.config.get("BASE_URL", "")
    return base.rstrip("/") + path if base else path


def _design_path(design: Design | None) -> str:
    return f"/designs/{design.id}" if design is not None else "/notifications"


def _email(person: User, message: str, path: str) -> dict:
    text = (f"Hello {person.name},\n\n{message}\n\nOpen it: {absolute_url(path)}\n\n"
            f"You get one email per notification. To get a daily digest or no email, change your "
            f"notification settings: {absolute_url('/account/notifications')}\n")
    return {"to": person.email, "subject": f"Micro-credential designer: {message[:120]}", "text": text}


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    payloads = session.info.pop(OUTBOX, [])
    if not payloads:
        return
    try:  # all at once: one outbox transaction for a submission that notifies the whole committee
        send_emails(payloads)
    except Exception:  # the change is committed; a mail server outage must not turn it into an error page
        log.exception("Could not email %s", ", ".join(to for p in payloads for to in p["to"]))


@event.listens_for(Session, "after_rollback")
def _drop_outbox(session: Session) -> None:
    session.info.pop(OUTBOX, None)


def unread_count(session: Session, user: User) -> int:
    """How many notifications `user` has not seen yet."""
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def recent(session: Session, user: User, limit: int = 100) -> list[Notification]:
    """The newest notifications of `user`, unread and read."""
    return list(
        session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(session: Session, user: User) -> int:
    """Mark every unread notification of `user` as read; returns how many there were."""
    result = session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return result.rowcount


def set_preference(session: Session, user: User, preference: str) -> None:
    """Choose immediate, digest or no email. Raises ValueError for anything else."""
    user.email_preference = EmailPreference(preference).value
    session.flush()
