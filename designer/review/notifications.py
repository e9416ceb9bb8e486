"""In-app notifications: written by the workflow when a design's status changes, read in the header badge
and on the notifications page."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.models import Design, Notification, User, utcnow


def notify(session: Session, people: list[User], design: Design | None, message: str) -> None:
    """One unread notification per person (each person once, however often they are listed)."""
    seen = set()
    for person in people:
        if person is not None and person.id not in seen:
            seen.add(person.id)
            session.add(
                Notification(
                    user_id=person.id,
                    design_id=design.id if design else None,
                    message=message[:500],
                    created_at=utcnow(),
                )
            )
    session.flush()


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
