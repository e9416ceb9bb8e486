"""Who is on the committee of a design: the one place that answers it, so the rules can change (several
roles per person, multi-stage approval) without touching the workflow or the notifications."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.designs import permissions
from designer.models import Design, Role, User


def committee_members(session: Session, design: Design) -> list[User]:
    """The active reviewers of the design's institution who may review it (never its own authors)."""
    candidates = session.scalars(
        sa.select(User).where(User.institution == design.institution, User.active.is_(True))
        .order_by(User.id))
    return [person for person in candidates
            if person.has_role(Role.REVIEWER) and permissions.is_committee_for(person, design)]
