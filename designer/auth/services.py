"""Account operations. They take explicit arguments and only flush; the caller commits."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.models import Role, User

MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A user-facing reason why an account could not be created."""


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: str,
    name: str = "",
    institution: str,
    department: str = "",
) -> User:
    """Create an account with a hashed password.

    Raises:
        AccountError: unknown role, short password, or an email already taken.
    """
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError(f"'{email}' is not an email address.")
    if role not in {r.value for r in Role}:
        raise AccountError(f"Unknown role '{role}'. Choose one of: {', '.join(r.value for r in Role)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if find_user(session, email) is not None:
        raise AccountError(f"An account for {email} already exists.")
    user = User(
        email=email,
        name=name or email.split("@")[0],
        role=role,
        institution=institution,
        department=department,
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, email: str) -> User | None:
    """The account with this email (case-insensitive), if any."""
    return session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active account matching email and password, or None."""
    user = find_user(session, email)
    if user is None or not user.active or not user.check_password(password):
        return None
    return user
