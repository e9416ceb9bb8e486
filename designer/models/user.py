"""People who use the app and their roles."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from designer.auth.hashing import hash_password, verify_password
from designer.models.base import Base, utcnow
from designer.models.types import StringSet, UTCDateTime


class Role(enum.StrEnum):
    """What a person may do. An account holds one or more roles and may do what any of them allows."""

    FACULTY = "faculty"
    REVIEWER = "reviewer"
    ORGANISER = "organiser"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"faculty": "Faculty", "reviewer": "Quality committee reviewer",
                "organiser": "Workshop organiser", "admin": "Administrator"}[self.value]


class EmailPreference(enum.StrEnum):
    """How a person wants to hear about notifications by email (they always see them in the app)."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"immediate": "An email for each notification", "digest": "One email a day with all of them",
                "none": "No email (only in the app)"}[self.value]


class User(UserMixin, Base):
    """An account. Passwords are stored only as salted hashes."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # A set: a professor can also sit on the committee. Read and written as a frozenset of role values.
    roles: Mapped[frozenset] = mapped_column(StringSet, default="")
    institution: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of every session and remember-me cookie (designer.auth.sessions): raising it ends them all.
    auth_version: Mapped[int] = mapped_column(default=1, server_default="1")
    email_preference: Mapped[str] = mapped_column(String(20), default=EmailPreference.IMMEDIATE.value,
                                                  server_default=EmailPreference.IMMEDIATE.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "<issuer>|<subject>" of the OpenID provider's account this one is linked to (single sign-on).
    sso_subject: Mapped[str | None] = mapped_column(String(300), unique=True, index=True)

    def login_token(self) -> str:
        """What Flask-Login stores for this login (see designer.auth.sessions)."""
        from designer.auth.sessions import session_token

        return session_token(self)

    @property
    def role(self) -> str:
        """The roles as one readable string in a fixed order, e.g. "faculty, reviewer"."""
        return ", ".join(r.value for r in Role if r.value in (self.roles or ()))

    @role.setter
    def role(self, value: str) -> None:  # `User(role="faculty")` gives an account that one role
        self.roles = frozenset({str(value)})

    @property
    def role_labels(self) -> list[str]:
        return [r.label for r in Role if r.value in (self.roles or ())]

    @property
    def has_password(self) -> bool:
        """False for an invited person who has not yet chosen a password (or an SSO-only account)."""
        return bool(self.password_hash)

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return self.has_password and verify_password(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: Role) -> bool:
        """Does the account hold any of `roles`? (The union of its roles' rights.)"""
        return not frozenset(self.roles or ()).isdisjoint(r.value for r in roles)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
