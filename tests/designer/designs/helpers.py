"""Small helpers the functional tests share: counting rows, reading flashes and stored documents."""

import sqlalchemy as sa

from designer.extensions import db
from designer.models import Design, DesignRevision


def count(app, model=Design) -> int:
    """Rows of `model` in the database now."""
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def revisions(app) -> int:
    """All stored revisions."""
    return count(app, DesignRevision)


def flashes(client) -> list[tuple[str, str]]:
    """The (category, message) pairs waiting to be shown on the next page."""
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


def flashed_text(client) -> str:
    """All waiting flash messages as one string."""
    return " ".join(message for _, message in flashes(client))


def latest_document(app, design_id: int) -> dict:
    """The document of a design's latest revision."""
    from designer.designs import services

    with app.app_context():
        return services.latest_revision(db.session, db.session.get(Design, design_id)).document


def design_row(app, design_id: int) -> Design | None:
    """The design, detached (for reading its columns), or None."""
    with app.app_context():
        design = db.session.get(Design, design_id)
        if design is not None:
            db.session.expunge(design)
        return design
