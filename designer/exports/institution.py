"""The facts about the institution that credential exports print, read through one function.

They come from the design's own awarding body, then the institution's stored profile (web page, ABC id,
AISHE code: `export_config` lays it over the configuration), then configuration (INSTITUTION_NAME,
INSTITUTION_WEBSITE, PUBLIC_BASE_URL).
"""

from collections import ChainMap
from dataclasses import dataclass


@dataclass(frozen=True)
class Institution:
    name: str
    website: str  # the institution's own home page, "" when not configured
    public_base_url: str  # where this app's public pages live, "" when not configured
    abc_id: str = ""  # Academic Bank of Credits id
    aishe_code: str = ""  # All India Survey on Higher Education code
    country: str = "IN"
    region: str = ""


def institution(config, document: dict | None = None) -> Institution:
    """The awarding institution of `document` (its awarding_body), completed from configuration."""
    body = (document or {}).get("awarding_body") or {}
    return Institution(
        name=body.get("name") or config.get("INSTITUTION_NAME", ""),
        website=(config.get("INSTITUTION_WEBSITE") or "").strip(),
        public_base_url=(config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/"),
        abc_id=body.get("abc_id") or config.get("INSTITUTION_ABC_ID", ""),
        aishe_code=body.get("aishe_code") or config.get("INSTITUTION_AISHE_CODE", ""),
        country=body.get("country") or "IN",
        region=body.get("region", ""),
    )


def public_url(config, path: str) -> str:
    """The absolute public URL of an app path (e.g. /catalogue/public/...), or "" without PUBLIC_BASE_URL."""
    base = (config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
    return f"{base}/{path.lstrip('/')}" if base else ""


def export_config(session, config, document: dict | None = None, institution: str = ""):
    """`config` with the stored institution profile's facts laid over it (when there is a profile): web
    page, ABC id, AISHE code, time zone (TIMEZONE) and logo (INSTITUTION_LOGO, a data: URL)."""
    import sqlalchemy as sa

    from designer.institution.display import logo_data_url
    from designer.institution.models import InstitutionProfile

    # The awarding body names the institution by its key or its legal name (new designs carry the legal name);
    # without one, the design's own institution.
    name = (((document or {}).get("awarding_body") or {}).get("name") or institution
            or config.get("INSTITUTION_NAME", ""))
    named = sa.or_(InstitutionProfile.name == name, InstitutionProfile.legal_name == name)
    profile = session.scalar(sa.select(InstitutionProfile).where(named).limit(1)) if name else None
    if profile is None and institution and institution != name:
        profile = session.scalar(sa.select(InstitutionProfile).where(InstitutionProfile.name == institution))
    if profile is None:  # no stored profile: configuration only
        return config
    overrides = {key: value for key, value in (("INSTITUTION_WEBSITE", profile.website),
                                               ("INSTITUTION_ABC_ID", profile.abc_id),
                                               ("INSTITUTION_AISHE_CODE", profile.aishe_code),
                                               ("TIMEZONE", profile.time_zone),
                                               ("INSTITUTION_LOGO", logo_data_url(profile))) if value}
    return ChainMap(overrides, config)
