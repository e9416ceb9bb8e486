"""The daily email digest: one message per person who chose "digest", listing every notification they got
since the last digest. A plain function of the session and the time, so any scheduler can run it: Celery
beat or the in-process housekeeping at DIGEST_TIMES (designer.jobs.periodic), or the CLI command
`flask notifications send-digests`.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from designer.institution.display import display
from designer.mail import send_email
from designer.models import EmailPreference, Notification, User
from designer.review.notifications import absolute_url, target
from designer.timezone import format_datetime


def send_digests(session: Session, now: datetime) -> int:
    """Email each digest reader the notifications created up to `now` that were not emailed yet, and mark
    them emailed (so a second run, or one racing this one, sends nothing twice). Flushes only; returns how
    many emails were sent.

    Notifications of people who chose no email are never emailed; those of people who chose immediate email
    were emailed when they were written.
    """
    rows = session.execute(
        sa.select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(User.email_preference == EmailPreference.DIGEST.value, User.active.is_(True),
               Notification.emailed_at.is_(None), Notification.created_at <= now)
        .order_by(User.id, Notification.created_at, Notification.id)
    ).all()
    by_person: dict[int, tuple[User, list[Notification]]] = {}
    for notification, person in rows:
        by_person.setdefault(person.id, (person, []))[1].append(notification)
    sent = 0
    for person, items in by_person.values():
        # Marked with a compare-and-set first: a run racing this one (a second scheduler, the CLI)
        # takes only what this one did not, so nobody gets the same notification twice.
        taken = set(session.scalars(
            sa.update(Notification)
            .where(Notification.id.in_([n.id for n in items]), Notification.emailed_at.is_(None))
            .values(emailed_at=now).returning(Notification.id),
            execution_options={"synchronize_session": False}))
        items = [n for n in items if n.id in taken]
        if not items:
            continue
        zone = display(session, person.institution).time_zone  # the reader's institution's clock
        lines = [f"- {format_datetime(n.created_at, zone)}: {n.message}\n  {absolute_url(target(n))}"
                 for n in items]
        text = (f"Hello {person.name},\n\n{len(items)} notification{'s' if len(items) != 1 else ''} since "
                "your last digest:\n\n" + "\n".join(lines)
                + f"\n\nChange how you get these: {absolute_url('/account/notifications')}\n")
        send_email(person.email,
                   f"Micro-credential designer: your daily digest ({len(items)} notification"
                   f"{'s' if len(items) != 1 else ''})", text)
        for n in items:
            set_committed_value(n, "emailed_at", now)  # what the UPDATE wrote
        sent += 1
    session.flush()
    return sent
