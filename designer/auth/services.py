"""Account operations. They take explicit arguments and only flush; the caller commits."""

import functools

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.auth.hashing import hash_password, needs_rehash, verify_password
from designer.auth.passwords import MIN_PASSWORD_LENGTH, password_problem  # noqa: F401 - part of the API
from designer.auth.sessions import end_all_sessions
from designer.models import Role, User


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
        AccountError: unknown role, a password the rule refuses, or an email already taken.
    """
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError(f"'{email}' is not an email address.")
    if role not in {r.value for r in Role}:
        raise AccountError(f"Unknown role '{role}'. Choose one of: {', '.join(r.value for r in Role)}.")
    problem = password_problem(password, email=email)
    if problem:
        raise AccountError(problem)
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


def change_password(session: Session, user: User, new_password: str) -> None:
    """Set a new password and end every session and remember-me cookie of the account.

    Raises:
        AccountError: the password rule refuses the new password.
    """
    problem = password_problem(new_password, email=user.email)
    if problem:
        raise AccountError(problem)
    user.set_password(new_password)
    session.flush()
    end_all_sessions(session, user)


def find_user(session: Session, email: str) -> User | None:
    """The account with this email (case-insensitive), if any."""
    return session.scalar(sa.select(User).where(User.email == email.strip().lower()))


@functools.cache
def _dummy_hash() -> str:
    # Same method and cost as real hashes, so checking it takes as long as checking a real one.
    return hash_password("not-a-real-password-only-for-timing")


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active account matching email and password, or None.

    Unknown emails and inactive accounts cost one password hash too, so response times do not tell
    which addresses have accounts.
    """
    user = find_user(session, email)
    if user is None:
        verify_password(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    if needs_rehash(user.password_hash):  # an older method: stored anew now that the password is known
        user.set_password(password)
    return user
