"""All models, imported here so Alembic and the app see one metadata."""

from designer.models.base import Base, utcnow
from designer.models.design import (
    EDITABLE_STATUSES,
    Design,
    DesignRevision,
    DesignTag,
    Status,
    design_coauthors,
)
from designer.models.user import Role, User

__all__ = [
    "Base", "utcnow", "Design", "DesignRevision", "DesignTag", "Status", "EDITABLE_STATUSES",
    "design_coauthors", "Role", "User",
]
