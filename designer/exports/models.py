"""Organisers' saved selections; pack jobs are rows of designer.jobs (kind "pack")."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from designer.jobs.models import Job, JobStatus
from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime

# Pack builds are background jobs like any other (designer.jobs); these names stay for the pack pages.
PackJob = Job
PackStatus = JobStatus


class SavedSelection(Base):
    """A named list of designs an organiser reuses for several packs (e.g. one workshop's modules)."""

    __tablename__ = "saved_selections"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    design_ids: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
