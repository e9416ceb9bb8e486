"""Single-use, expiring links for invitations and password resets.

The secret goes only into the emailed link; the database keeps its SHA-256. Using a link marks it used,
and issuing a new link of the same purpose retires the older ones, so only the latest email works.
"""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.admin.models import AccountToken
from designer.models import User, utcnow

INVITE = "invite"
RESET = "reset"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(session: Session, user: User, purpose: str, lifetime: timedelta) -> str:
    """A new link secret for `user`; earlier unused links of the same purpose stop working."""
    now = utcnow()
    session.execute(
        sa.update(AccountToken)
        .where(
            AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    secret = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_digest(secret),
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return secret


def find_valid(session: Session, secret: str, purpose: str) -> AccountToken | None:
    """The unused, unexpired token for `secret`, or None."""
    if not secret or len(secret) > 100:
        return None
    token = session.scalar(
        sa.select(AccountToken).where(
            AccountToken.token_hash == _digest(secret), AccountToken.purpose == purpose
        )
    )
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    return token


def consume(session: Session, token: AccountToken) -> bool:
    """Mark the token used; False when a concurrent request used it first (compare-and-set)."""
    result = session.execute(
        sa.update(AccountToken)
        .where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(token)
    return result.rowcount == 1
