"""The facts about the institution that credential exports print, read through one function.

Today they come from configuration (INSTITUTION_NAME, INSTITUTION_WEBSITE, PUBLIC_BASE_URL) and the
design's own awarding body; an institution profile stored in the database can replace `institution()`
without touching the exporters.
"""

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
        abc_id=body.get("abc_id", ""),
        aishe_code=body.get("aishe_code", ""),
        country=body.get("country") or "IN",
        region=body.get("region", ""),
    )


def public_url(config, path: str) -> str:
    """The absolute public URL of an app path (e.g. /catalogue/public/...), or "" without PUBLIC_BASE_URL."""
    base = (config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
    return f"{base}/{path.lstrip('/')}" if base else ""
