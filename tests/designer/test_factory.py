"""The app factory and its configuration."""

import pytest

from designer import create_app
from designer.config import from_environment

LONG_KEY = "k" * 40


def test_testing_config(app):
    """The test app is in testing mode on the session database."""
    assert app.testing


def test_production_refuses_a_missing_secret(monkeypatch, tmp_path):
    """A production app without SECRET_KEY does not start."""
    monkeypatch.setenv("DESIGNER_PRODUCTION", "1")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_production_with_secret_starts(monkeypatch, tmp_path):
    monkeypatch.setenv("DESIGNER_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", LONG_KEY)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SECRET_KEY"] == LONG_KEY


def test_database_url_defaults_to_instance_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert (
        from_environment(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/designer.sqlite3"
    )


def test_postgres_url_uses_psycopg(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@localhost/db")
    assert from_environment(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@localhost/db"


def test_migrations_match_models(app):
    """The committed migrations build exactly the tables the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from designer.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
    assert diff == []


def test_duration_words():
    """Waiting times read as days, hours or minutes."""
    from datetime import timedelta

    from designer.template_helpers import fmt_duration

    assert fmt_duration(timedelta(days=3, hours=12)) == "3.5 days"
    assert fmt_duration(1) == "1 day"
    assert fmt_duration(timedelta(hours=5, minutes=10)) == "5 hours"
    assert fmt_duration(0.0) == "0 minutes"
    assert fmt_duration(None) == ""
