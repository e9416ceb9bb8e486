"""All models, imported here so Alembic and the app see one metadata."""

# Exports keep their models beside their code; they only need models.base and models.types, so no cycle.
import designer.admin.models  # noqa: F401
import designer.approval.models  # noqa: F401
import designer.exports.models  # noqa: F401
import designer.institution.models  # noqa: F401
import designer.storage  # noqa: F401 - stored_files (STORAGE_BACKEND=database)
from designer.models.autosave import EditorAutosave, EditorNewAutosave, EditorStash
from designer.models.base import Base, utcnow
from designer.models.design import (
    Design,
    DesignRevision,
    DesignTag,
    Status,
    design_coauthors,
    design_contributors,
)
from designer.models.review import AuditEvent, Notification, Review, ReviewDraft, ReviewRating, Submission
from designer.models.user import EmailPreference, Role, User

__all__ = [
    "Base", "utcnow", "Design", "DesignRevision", "DesignTag", "Status",
    "design_coauthors", "design_contributors", "Role", "User", "EmailPreference", "ReviewDraft",
    "AuditEvent", "Notification", "Review", "ReviewRating", "Submission", "EditorAutosave",
    "EditorNewAutosave", "EditorStash",
]
