"""From the provider's verified claims to an account: find or create it, refuse what is not allowed,
and let roles follow the IdP's groups when that is configured. Only flushes; the view commits."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.admin import audit
from designer.models import User
from designer.sso.settings import SSOSettings


class SSORefused(Exception):
    """Why this person may not log in with single sign-on (shown on the login page)."""


def _roles_from_groups(sso: SSOSettings, claims: dict) -> frozenset[str] | None:
    """The roles the groups give, the default role when none maps; None when roles do not follow groups."""
    if not sso.group_claim or not sso.group_roles:
        return None
    groups = claims.get(sso.group_claim) or []
    groups = [groups] if isinstance(groups, str) else list(groups)
    mapped = frozenset(sso.group_roles[g] for g in groups if g in sso.group_roles)
    return mapped or frozenset({sso.default_role})


def account_for_claims(session: Session, sso: SSOSettings, claims: dict, *, institution: str) -> User:
    """The account of the person the provider vouches for (created on the first login).

    Raises:
        SSORefused: no verified email, an email domain that is not allowed, or a deactivated account.
    """
    email = (claims.get("email") or "").strip().lower()
    if not email or "@" not in email or claims.get("email_verified") is False:
        raise SSORefused(
            "Your university account did not give a verified email address, so you cannot "
            "log in with it. Ask the IT service, or log in with a password."
        )
    domain = email.rsplit("@", 1)[1]
    if domain not in sso.allowed_domains:
        raise SSORefused(
            f"Accounts of {domain} cannot log in here. Use your account of "
            f"{', '.join(sorted(sso.allowed_domains)) or 'the institution'}."
        )
    subject = f"{sso.issuer}|{claims['sub']}"[:300]
    user = session.scalar(sa.select(User).where(User.sso_subject == subject))
    if user is None:
        user = session.scalar(sa.select(User).where(User.email == email))
    roles = _roles_from_groups(sso, claims)
    if user is None:
        user = User(
            email=email,
            name=(claims.get("name") or "").strip()[:200] or email.split("@")[0],
            roles=roles or frozenset({sso.default_role}),
            institution=institution,
            department="",
            password_hash="",
            sso_subject=subject,
        )
        session.add(user)
        session.flush()
        audit.record(session, None, "create account (single sign-on)", email, f"roles: {user.role}")
        return user
    if not user.active:
        raise SSORefused("This account is deactivated. Ask an administrator if you need it again.")
    if user.sso_subject is None:
        user.sso_subject = subject  # the first single sign-on of an existing (e.g. invited) account
    if roles is not None and roles != user.roles:
        before = user.role
        user.roles = roles
        audit.record(session, None, "change roles (single sign-on groups)", email, f"{before} -> {user.role}")
    session.flush()
    return user
