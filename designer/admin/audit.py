"""The admin audit log: every administrative action is one AdminEvent (who, what, to whom, when)."""

import csv
import io

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.admin.models import AdminEvent
from designer.csv_cells import safe_row
from designer.models import User


def record(
    session: Session, actor: User | None, action: str, target: str = "", detail: str = ""
) -> AdminEvent:
    """Append one event (only flushes: it commits with the action it describes, or not at all)."""
    event = AdminEvent(
        actor_id=actor.id if actor else None,
        actor_name=(actor.name if actor else "system"),
        action=action,
        target=target[:300],
        detail=detail,
    )
    session.add(event)
    session.flush()
    return event


def events(session: Session, *, limit: int | None = None, offset: int = 0) -> list[AdminEvent]:
    """Newest first."""
    query = sa.select(AdminEvent).order_by(AdminEvent.created_at.desc(), AdminEvent.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def count(session: Session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(AdminEvent))


def events_csv(rows: list[AdminEvent]) -> str:
    """The log as CSV (UTC ISO timestamps); cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["when_utc", "who", "action", "target", "detail"])
    for e in rows:
        writer.writerow(
            safe_row([e.created_at.isoformat(timespec="seconds"), e.actor_name, e.action, e.target, e.detail])
        )
    return out.getvalue()
