"""What a valid login is: the account id, its auth version and when the login happened.

Flask-Login keeps one string per login, in the session cookie and in the remember-me cookie (both
signed with SECRET_KEY, so it cannot be forged). We make that string "<id>:<auth version>:<login
time>": raising the account's auth version (end_all_sessions: logout, a password change, and later
deactivation) makes every cookie of that account worthless at once, and a login older than
LOGIN_MAX_AGE is refused by the server even if the browser still sends the cookie.
"""

import time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.models import User


def session_token(user: User, *, now: float | None = None) -> str:
    """The login string stored for `user` (Flask-Login's id attribute)."""
    return f"{user.id}:{user.auth_version}:{int(now if now is not None else time.time())}"


def user_for_token(session: Session, token: str, *, max_age: float, now: float | None = None) -> User | None:
    """The account a login string belongs to, or None when it was ended, has expired or is malformed."""
    parts = str(token).split(":")
    if len(parts) != 3 or not all(p.isdigit() and len(p) <= 20 for p in parts):
        return None  # e.g. a cookie from before sessions carried a version
    user_id, version, issued = (int(p) for p in parts)
    if not 0 <= (now if now is not None else time.time()) - issued <= max_age:
        return None
    user = session.get(User, user_id)
    if user is None or user.auth_version != version or not user.active:
        return None
    return user


def end_all_sessions(session: Session, user: User) -> None:
    """Log the account out everywhere: every session and remember-me cookie stops working.

    One UPDATE (auth_version = auth_version + 1), so two simultaneous calls both count. Only flushes.
    """
    session.execute(
        sa.update(User).where(User.id == user.id).values(auth_version=User.auth_version + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["auth_version"])
