"""Jinja filters and globals shared by all templates."""

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from flask import Flask


def humanize_age(when: datetime | None, now: datetime | None = None) -> str:
    """'3 days ago' style text for a timestamp."""
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - when).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def fmt_duration(value) -> str:
    """A waiting time in words a committee reads at a glance: '3.5 days', '5 hours', '12 minutes'.

    Accepts a timedelta or a number of days.
    """
    if value is None:
        return ""
    days = value.total_seconds() / 86400 if hasattr(value, "total_seconds") else float(value)
    if days >= 1:
        return f"{fmt_number(round(days, 1))} day{'s' if days != 1 else ''}"
    hours = days * 24
    if hours >= 1:
        return f"{round(hours)} hour{'s' if round(hours) != 1 else ''}"
    minutes = round(hours * 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def fmt_number(value, missing: str = "-") -> str:
    """2.0 -> '2', 2.5 -> '2.5', 2.125 -> '2.13', None -> `missing`: the one number format of pages and
    exports."""
    if value is None or value == "":
        return missing
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    # Half up from the written digits (2.125 -> 2.13), as a person rounds: float formatting rounds the
    # binary value half-to-even and printed 2.12.
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".rstrip("0").rstrip(".") if rounded else "0"  # never "-0"


def hours_per_credit() -> str:
    """Notional learning hours per credit of the institution's rubric (NCrF: 30), as the pages write it."""
    from flask import current_app

    from designer.checking.services import app_rubric

    return fmt_number(app_rubric(current_app.config).params["nlh_per_credit"])


def init_app(app: Flask) -> None:
    """Register the filters and the navigation."""
    from designer import navigation
    from designer.designs.catalogue import field_id, field_label
    from designer.designs.compare import compare_documents

    navigation.init_app(app)
    app.jinja_env.globals["compare_documents"] = compare_documents
    app.jinja_env.globals["field_id"] = field_id
    app.jinja_env.globals["field_label"] = field_label
    app.jinja_env.globals["hours_per_credit"] = hours_per_credit
    app.jinja_env.filters["age"] = humanize_age
    app.jinja_env.filters["num"] = fmt_number
    app.jinja_env.filters["duration"] = fmt_duration
    # Every date and time on a page goes through these two filters: in the time zone of the institution's
    # profile (of the logged-in person; TIMEZONE without a profile).
    from designer.institution.display import for_request, local_clock, local_date, local_datetime

    app.jinja_env.filters["datetime"] = local_datetime
    app.jinja_env.filters["date"] = local_date
    app.jinja_env.filters["clock"] = local_clock  # "17:30" today, "01 Dec, 17:30" another day
    app.jinja_env.globals["institution_display"] = for_request
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
