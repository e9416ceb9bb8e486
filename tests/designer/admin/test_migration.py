"""Upgrading a database with data from the previous head keeps every account, design, review and audit row,
and every account keeps its role (now one of its roles). On SQLite, and on PostgreSQL too when DATABASE_URL
is set (in a schema of its own, so the session's database is not touched)."""

import os
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from designer.config import database_url_for_sqlalchemy
from designer.extensions import db

PREVIOUS_HEAD = "0004_security_auth_version"  # the head before this feature's migrations
NOW = "2026-01-05 10:00:00+00:00"

ROWS = [
    "INSERT INTO users (id, email, name, role, institution, department, password_hash, active, created_at) "
    f"VALUES (1, 'f@x.example', 'F', 'faculty', 'U', 'D', 'h', true, '{NOW}'), "
    f"(2, 'r@x.example', 'R', 'reviewer', 'U', 'D', 'h', true, '{NOW}'), "
    f"(3, 'o@x.example', 'O', 'organiser', 'U', 'D', 'h', false, '{NOW}'), "
    f"(4, 'a@x.example', 'A', 'admin', 'U', 'D', 'h', true, '{NOW}')",
    "INSERT INTO designs (id, owner_id, institution, department, title, code, status, latest_revision, "
    f"created_at, updated_at) VALUES (1, 1, 'U', 'D', 'T', 'C1', 'in_review', 1, '{NOW}', '{NOW}')",
    "INSERT INTO design_revisions (id, design_id, number, document, note, created_at) "
    f"VALUES (1, 1, 1, '{{\"title\": \"T\"}}', 'Created', '{NOW}')",
    "INSERT INTO submissions (id, design_id, revision_id, round, submitted_at, rubric_id, rubric_version, "
    "report, meets, manual_criteria, outcome, decision_comment) "
    f"VALUES (1, 1, 1, 1, '{NOW}', 'r', '1', '{{}}', true, '[]', 'open', '')",
    f"INSERT INTO reviews (id, submission_id, reviewer_id, private_note, created_at, updated_at) "
    f"VALUES (1, 1, 2, 'note', '{NOW}', '{NOW}')",
    "INSERT INTO review_ratings (review_id, criterion_id, rating, comment) VALUES (1, 'M01', 3, 'good')",
    "INSERT INTO audit_events (id, design_id, actor_name, action, from_status, to_status, comment, "
    f"created_at) VALUES (1, 1, 'F', 'submit', 'draft', 'submitted', '', '{NOW}')",
]
COUNTED = ("users", "designs", "design_revisions", "submissions", "reviews", "review_ratings", "audit_events")


def _counts(conn) -> dict:
    return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in COUNTED}  # noqa: S608


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """The URL of an empty database: a SQLite file, or a fresh schema of the PostgreSQL of DATABASE_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/old.sqlite3"
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        pytest.skip("PostgreSQL: set DATABASE_URL")
    url = database_url_for_sqlalchemy(url)
    schema = f"migration_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_upgrade_from_previous_head_keeps_data_and_roles(make_app, empty_database):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=PREVIOUS_HEAD)
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # really the fresh schema, not the session's tables
                assert conn.execute(sa.text("SELECT current_schema()")).scalar().startswith("migration_")
            for statement in ROWS:
                conn.execute(sa.text(statement))
            before = _counts(conn)
        upgrade()
        with db.engine.connect() as conn:
            assert _counts(conn) == before
            roles = dict(conn.execute(sa.text("SELECT email, roles FROM users")).all())
            assert conn.execute(sa.text("SELECT active FROM users WHERE id = 3")).scalar() in (0, False)
            # Departments in use become the managed list.
            assert conn.execute(sa.text("SELECT institution, name FROM departments")).all() == [("U", "D")]
        assert roles == {
            "f@x.example": "faculty",
            "r@x.example": "reviewer",
            "o@x.example": "organiser",
            "a@x.example": "admin",
        }
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE users SET roles = 'faculty,reviewer' WHERE id = 1"))
        downgrade(revision=PREVIOUS_HEAD)
        with db.engine.connect() as conn:
            assert _counts(conn) == before
            assert conn.execute(sa.text("SELECT role FROM users WHERE id = 1")).scalar() == "reviewer"
        db.engine.dispose()  # before the fixture drops the schema


def test_free_text_departments_map_to_managed_ones(make_app, empty_database):
    """0015: a design's department typed before the managed list takes the managed spelling, or becomes a
    new department; every row survives and each changed value is in the admin log."""
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=PREVIOUS_HEAD)
        with db.engine.begin() as conn:
            for statement in ROWS:
                conn.execute(sa.text(statement))
        upgrade(revision="0014_revise_response")
        with db.engine.begin() as conn:  # typed after 0006 made the list: a variant and a new name
            conn.execute(sa.text("UPDATE designs SET department = ' d ' WHERE id = 1"))
            conn.execute(sa.text("UPDATE users SET department = 'Physics  Dept' WHERE id = 2"))
            before = _counts(conn)
        upgrade()
        with db.engine.connect() as conn:
            assert _counts(conn) == before
            assert conn.execute(sa.text("SELECT department FROM designs WHERE id = 1")).scalar() == "D"
            user = conn.execute(sa.text("SELECT department FROM users WHERE id = 2")).scalar()
            assert user == "Physics Dept"
            assert sorted(conn.execute(sa.text("SELECT institution, name FROM departments")).all()) == [
                ("U", "D"), ("U", "Physics Dept")]
            logged = sorted(conn.execute(sa.text(
                "SELECT target, detail FROM admin_events WHERE action = 'map department'")).all())
            assert logged == [("account 2", "'Physics  Dept' -> 'Physics Dept'"),
                              ("design 1", "' d ' -> 'D'")]
        db.engine.dispose()
