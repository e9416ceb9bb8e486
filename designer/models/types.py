"""Column types shared by the models."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite drops the zone and PostgreSQL keeps it; this makes both give back the same kind of value,
    so comparisons and "waited for 3 days" arithmetic behave the same on both databases.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class StringSet(TypeDecorator):
    """A small set of short names (e.g. roles) stored as one sorted, comma-separated string.

    One column instead of a join table: the account (with its roles) is loaded on every request, and this
    keeps that a single-row read.
    """

    impl = String(200)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return ",".join(sorted({str(v) for v in value}))

    def process_result_value(self, value, dialect):
        return frozenset(v for v in (value or "").split(",") if v)
