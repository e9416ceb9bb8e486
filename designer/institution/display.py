"""What every page shows of the institution's profile: its time zone and its logo, read once per request.

The institution is the logged-in person's (else INSTITUTION_NAME); without a stored profile, the
configuration's TIMEZONE and no logo.
"""

import base64
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g, has_request_context
from flask_login import current_user
from sqlalchemy.orm import Session

from designer.institution.models import InstitutionProfile


@dataclass(frozen=True)
class Display:
    time_zone: str
    logo_url: str  # "" without a logo
    logo_alt: str


def display(session: Session, institution: str) -> Display:
    """The time zone and logo of `institution` (one query)."""
    row = session.execute(
        sa.select(InstitutionProfile.id, InstitutionProfile.time_zone, InstitutionProfile.short_name,
                  InstitutionProfile.legal_name, InstitutionProfile.logo_mime,
                  InstitutionProfile.logo.is_not(None))
        .where(InstitutionProfile.name == institution)
    ).one_or_none()
    configured = current_app.config.get("TIMEZONE") or "Asia/Kolkata"
    if row is None:
        return Display(configured, "", "")
    profile_id, time_zone, short_name, legal_name, mime, has_logo = row
    name = short_name or legal_name or institution
    url = f"/institution/{profile_id}/logo" if has_logo and mime else ""
    return Display(time_zone or configured, url, f"{name} logo" if url else "")


def for_request() -> Display:
    """`display` of the logged-in person's institution (else INSTITUTION_NAME), once per request."""
    if has_request_context() and "institution_display" in g:
        return g.institution_display
    institution = (current_user.institution if has_request_context() and current_user.is_authenticated
                   else current_app.config.get("INSTITUTION_NAME", ""))
    from designer.extensions import db

    shown = display(db.session, institution)
    if has_request_context():
        g.institution_display = shown
    return shown


def request_zone() -> str:
    """The time zone pages show times in."""
    return for_request().time_zone


def logo_data_url(profile: InstitutionProfile) -> str:
    """The profile's logo as a data: URL (the PDF renderer fetches nothing else), or ""."""
    if not profile.logo or not profile.logo_mime:
        return ""
    return f"data:{profile.logo_mime};base64,{base64.b64encode(profile.logo).decode('ascii')}"


def local_datetime(when) -> str:
    """`when` as pages show it: in the request's institution's time zone (timezone.format_datetime)."""
    from designer.timezone import format_datetime

    return format_datetime(when, request_zone())


def local_date(when) -> str:
    from designer.timezone import format_date

    return format_date(when, request_zone())


def local_clock(when) -> str:
    """`when` as a short time ("17:30" today) in the request's institution's time zone."""
    from designer.timezone import format_clock

    return format_clock(when, request_zone())
