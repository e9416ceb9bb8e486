"""The institution's time zone: every date and time a person reads is shown in it. Storage stays UTC
(models.types.UTCDateTime); only display converts, here, in one place.

This module reads configuration only (TIMEZONE, default Asia/Kolkata): callers that know the institution
pass the zone of its profile as `name` (designer.institution.display reads it once per request)."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Kolkata"


def zone(name: str | None = None) -> ZoneInfo:
    """The configured zone (or `name`). Raises ValueError for an unknown zone name."""
    if name is None:
        name = current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"TIMEZONE={name!r} is not a time zone name such as Asia/Kolkata.") from exc


def to_local(when: datetime | None, name: str | None = None) -> datetime | None:
    """`when` (aware, any zone) in the zone `name` (default: TIMEZONE)."""
    return when.astimezone(zone(name)) if when is not None else None


def format_datetime(when: datetime | None, name: str | None = None) -> str:
    """'01 Dec 2026, 17:30 IST': date, time and the zone's abbreviation, so nobody wonders which clock."""
    local = to_local(when, name)
    return f"{local:%d %b %Y, %H:%M} {local.tzname()}" if local else ""


def format_date(when: datetime | None, name: str | None = None) -> str:
    """'01 Dec 2026' in the institution's zone (a late-evening UTC time is already tomorrow in India)."""
    local = to_local(when, name)
    return f"{local:%d %b %Y}" if local else ""


def format_clock(when: datetime | None, name: str | None = None, *, now: datetime | None = None) -> str:
    """'17:30' for a time today in the institution's zone, '01 Dec, 17:30' for another day: short
    enough for a button ("saved 17:30"), never ambiguous about the day."""
    local = to_local(when, name)
    if local is None:
        return ""
    today = to_local(now or datetime.now(local.tzinfo)).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%d %b, %H:%M}"
