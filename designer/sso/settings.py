"""Single sign-on settings (from the environment, see designer.config) and whether password login is on."""

from dataclasses import dataclass

import sqlalchemy as sa

from designer.models import Role


@dataclass(frozen=True)
class SSOSettings:
    issuer: str
    client_id: str
    client_secret: str
    allowed_domains: frozenset[str]
    group_claim: str
    group_roles: dict  # IdP group -> role value
    default_role: str
    label: str

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _group_roles(text: str) -> dict:
    """ "mc-reviewers=reviewer; mc-admins=admin" -> {"mc-reviewers": "reviewer", "mc-admins": "admin"}."""
    pairs = [part.split("=", 1) for part in (text or "").replace(",", ";").split(";") if "=" in part]
    mapping = {group.strip(): role.strip().lower() for group, role in pairs if group.strip()}
    unknown = set(mapping.values()) - {r.value for r in Role}
    if unknown:
        raise ValueError(f"OIDC_GROUP_ROLES names unknown roles: {', '.join(sorted(unknown))}")
    return mapping


def settings(config) -> SSOSettings | None:
    """The configured provider, or None when single sign-on is not configured."""
    issuer, client_id = (
        (config.get("OIDC_ISSUER") or "").strip(),
        (config.get("OIDC_CLIENT_ID") or "").strip(),
    )
    if not issuer or not client_id:
        return None
    domains = frozenset(
        d.strip().lower().lstrip("@")
        for d in (config.get("OIDC_ALLOWED_DOMAINS") or "").split(",")
        if d.strip()
    )
    return SSOSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=config.get("OIDC_CLIENT_SECRET") or "",
        allowed_domains=domains,
        group_claim=(config.get("OIDC_GROUP_CLAIM") or "").strip(),
        group_roles=_group_roles(config.get("OIDC_GROUP_ROLES") or ""),
        default_role=(config.get("OIDC_DEFAULT_ROLE") or Role.FACULTY.value).strip().lower(),
        label=config.get("OIDC_LABEL") or "Log in with your university account",
    )


def password_login_enabled(session, config) -> bool:
    """Password login is on unless an admin turned it off (possible only with single sign-on set up)."""
    if settings(config) is None:
        return True
    from designer.institution.models import InstitutionProfile

    enabled = session.scalar(
        sa.select(InstitutionProfile.password_login).where(
            InstitutionProfile.name == config.get("INSTITUTION_NAME", "")
        )
    )
    return enabled is None or bool(enabled)
