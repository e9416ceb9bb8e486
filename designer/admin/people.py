"""People administration: invite, accept an invitation, roles, deactivate and reactivate, password reset.

Services take the session and the acting user and only flush; they return link secrets instead of
sending mail, so the view commits first and only then emails a link that is sure to work.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy.orm import Session

from designer.admin import audit, tokens
from designer.auth.passwords import password_problem
from designer.auth.services import AccountError, change_password, find_user
from designer.auth.sessions import end_all_sessions
from designer.models import Role, User

ROLE_VALUES = frozenset(r.value for r in Role)


def end_sessions(session: Session, user: User) -> None:
    """Log the account out everywhere (the auth package's service; one call site here)."""
    end_all_sessions(session, user)


def _clean_roles(roles) -> frozenset[str]:
    chosen = frozenset(str(r).strip().lower() for r in roles if str(r).strip())
    unknown = chosen - ROLE_VALUES
    if unknown:
        raise AccountError(
            f"Unknown role '{sorted(unknown)[0]}'. Choose from: {', '.join(sorted(ROLE_VALUES))}."
        )
    if not chosen:
        raise AccountError("Choose at least one role.")
    return chosen


def _lifetime(key: str, default_hours: float) -> timedelta:
    return timedelta(hours=float(current_app.config.get(key, default_hours)))


def invite(
    session: Session,
    actor: User,
    *,
    email: str,
    name: str = "",
    department: str = "",
    roles=(Role.FACULTY.value,),
    institution: str,
) -> tuple[User, str]:
    """Create an account without a password (or renew a pending invitation) and a single-use link secret.

    Raises:
        AccountError: not an email address, unknown or no roles, or the person already has an account.
    """
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise AccountError(f"'{email}' is not an email address.")
    chosen = _clean_roles(roles)
    user = find_user(session, email)
    if user is not None and user.has_password:
        raise AccountError(f"{email} already has an account.")
    if user is None:
        user = User(
            email=email,
            name=(name or "").strip() or email.split("@")[0],
            roles=chosen,
            institution=institution,
            department=(department or "").strip(),
            password_hash="",
        )
        session.add(user)
        session.flush()
        action = "invite"
    else:
        action = "invite again"
    secret = tokens.issue(session, user, tokens.INVITE, _lifetime("INVITE_LINK_HOURS", 168))
    audit.record(session, actor, action, user.email, f"roles: {user.role}")
    return user, secret


def accept_invitation(session: Session, secret: str, password: str) -> User:
    """Set the invitee's first password and use up the link.

    Raises:
        AccountError: the link is unknown, used or expired, or the password is refused.
    """
    token = tokens.find_valid(session, secret, tokens.INVITE)
    if token is None:
        raise AccountError(
            "This invitation link has expired or was already used. Ask an administrator for a new one."
        )
    user = session.get(User, token.user_id)
    problem = password_problem(password, email=user.email)
    if problem:
        raise AccountError(problem)
    if not tokens.consume(session, token):
        raise AccountError("This invitation link was already used.")
    user.set_password(password)
    session.flush()
    audit.record(session, user, "accept invitation", user.email)
    return user


def request_reset(session: Session, email: str) -> tuple[User, str] | None:
    """A reset link secret for an active account with a password, else None (the page says the same)."""
    user = find_user(session, email or "")
    if user is None or not user.active or not user.has_password:
        return None
    secret = tokens.issue(session, user, tokens.RESET, _lifetime("RESET_LINK_HOURS", 1))
    audit.record(session, user, "request password reset", user.email)
    return user, secret


def reset_password(session: Session, secret: str, password: str) -> User:
    """Set a new password from a reset link; every other session of the account ends.

    Raises:
        AccountError: the link is unknown, used or expired, or the password is refused.
    """
    token = tokens.find_valid(session, secret, tokens.RESET)
    user = session.get(User, token.user_id) if token else None
    if user is None or not user.active:
        raise AccountError("This reset link has expired or was already used. Ask for a new one.")
    problem = password_problem(password, email=user.email)
    if problem:
        raise AccountError(problem)
    if not tokens.consume(session, token):
        raise AccountError("This reset link was already used.")
    change_password(session, user, password)  # also ends every session of the account
    audit.record(session, user, "reset password", user.email)
    return user


def set_roles(session: Session, actor: User, user: User, roles) -> None:
    """Give `user` exactly `roles`.

    Raises:
        AccountError: unknown or no roles, or an admin taking away their own admin role (a lock-out).
    """
    chosen = _clean_roles(roles)
    if user.id == actor.id and Role.ADMIN.value not in chosen:
        raise AccountError("You cannot take away your own administrator role; ask another administrator.")
    before = user.role
    user.roles = chosen
    session.flush()
    if user.role != before:
        audit.record(session, actor, "change roles", user.email, f"{before} -> {user.role}")


def set_active(session: Session, actor: User, user: User, active: bool) -> None:
    """Deactivate (cannot log in, every session ends; designs and reviews stay) or reactivate an account.

    Raises:
        AccountError: an admin deactivating their own account.
    """
    if user.id == actor.id and not active:
        raise AccountError("You cannot deactivate your own account.")
    if user.active == active:
        return
    user.active = active
    session.flush()
    if not active:
        end_sessions(session, user)
    audit.record(session, actor, "reactivate" if active else "deactivate", user.email)
