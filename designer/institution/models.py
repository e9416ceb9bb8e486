"""The institution profile and its managed list of departments.

Keyed by the institution's name, the value accounts and designs already carry in their `institution` column,
so several institutions can share one installation.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import JSON, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime


class InstitutionProfile(Base):
    """What every design and export of the institution starts from; edited by its admins."""

    __tablename__ = "institution_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    legal_name: Mapped[str] = mapped_column(String(300), default="")
    short_name: Mapped[str] = mapped_column(String(60), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str] = mapped_column(String(2), default="IN")
    region: Mapped[str] = mapped_column(String(100), default="")
    abc_id: Mapped[str] = mapped_column(String(60), default="")
    aishe_code: Mapped[str] = mapped_column(String(30), default="")
    grading_scheme: Mapped[str] = mapped_column(String(300), default="")
    pass_mark: Mapped[float | None]
    approving_bodies: Mapped[list] = mapped_column(JSON, default=list)
    qa_process: Mapped[str] = mapped_column(Text, default="")
    review_cycle_months: Mapped[int | None]
    time_zone: Mapped[str] = mapped_column(String(60), default="Asia/Kolkata")
    default_rubric: Mapped[str] = mapped_column(String(100), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str] = mapped_column(String(40), default="")
    # The values a design carried before the latest change of each default, by document path, so the
    # profile page can list the designs that still carry them.
    previous_values: Mapped[dict] = mapped_column(JSON, default=dict)
    # Off: people log in only through single sign-on (possible only when it is configured).
    password_login: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # After "request changes", the resubmission starts again at the first stage ("first") or at the stage
    # that asked ("asking").
    changes_restart: Mapped[str] = mapped_column(String(10), default="first", server_default="first")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Department(Base):
    """One department of an institution: the list filters, packs and the dashboard choose from."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("institution", "name", name="uq_departments_institution_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RubricUpload(Base):
    """One uploaded version of an institution rubric (TOML source kept verbatim, never overwritten).

    The newest upload of an id is the one in use; older versions stay for re-audits of past decisions.
    """

    __tablename__ = "rubric_uploads"
    __table_args__ = (UniqueConstraint("rubric_id", "version", name="uq_rubric_uploads_rubric_id_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text)
    uploaded_by_name: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
