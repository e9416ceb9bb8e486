"""Shared fixtures: one real database per test session (SQLite file, or PostgreSQL via DATABASE_URL),
built by the real migrations, emptied after every test; apps, clients, users and designs.
"""

import json
import os
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from designer import create_app
from designer.auth.services import create_user
from designer.designs.services import create_design
from designer.extensions import db
from designer.models import Base, Role

ROOT = Path(__file__).resolve().parent.parent
# The shared contract sits beside the project (../shared); from a git worktree nested one level deeper,
# the nearest ancestor that has it.
SHARED = next(
    (d / "shared" for d in ROOT.parents if (d / "shared" / "spec").is_dir()), ROOT.parent / "shared"
)
STANDARDS = SHARED / "reference" / "credential-standards"
EXAMPLE_PATH = ROOT / "designer" / "demo" / "digital-marketing-analytics.json"
PASSWORD = "correct-horse-42"
INSTITUTION = "Test University"


def example_document() -> dict:
    """A fresh copy of the complete, valid example design."""
    return json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """PostgreSQL when DATABASE_URL is set (CI), else a SQLite file for this session."""
    return os.environ.get("DATABASE_URL") or "sqlite:///" + str(
        tmp_path_factory.mktemp("db") / "test.sqlite3"
    )


@pytest.fixture(scope="session")
def make_app(database_url, tmp_path_factory):
    """Build an app on the session database; keyword arguments override the config."""

    def make(**overrides):
        config = {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "INSTITUTION_NAME": INSTITUTION,
            "PDF_CACHE_DIR": str(tmp_path_factory.mktemp("pdf-cache")),
            "RUBRICS_STORE_DIR": str(tmp_path_factory.mktemp("rubric-store")),
            # Background jobs run right after the commit that queues them, in the test's own thread;
            # approvals render their PDF only in the tests that ask (it costs a second each).
            "JOBS_IN_PROCESS": "inline",
            "RENDER_ON_APPROVAL": False,
            "PACK_STAMP_BLOCK": 40,  # the renders on approval prepare 40 stamps, not 500 (2.7 s each test)
            # No housekeeping thread in live servers (browser tests): digests and reminders of its own
            # would race the tests' emptying of the database. tests/designer/jobs/test_periodic runs it.
            "HOUSEKEEPING_SECONDS": 0,
        }
        config.update(overrides)
        return create_app(config)

    return make


@pytest.fixture(scope="session")
def app(make_app):
    """The app, with the schema built by running every migration once."""
    app = make_app()
    with app.app_context():
        with db.engine.begin() as conn:  # a previous aborted run may have left tables behind
            if sa.inspect(conn).has_table("alembic_version"):
                Base.metadata.drop_all(conn)
                conn.execute(sa.text("DROP TABLE alembic_version"))
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Empty every table after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        _empty_tables_after(attempts=5)


def _empty_tables_after(attempts: int) -> None:
    for attempt in range(attempts):
        try:
            _empty_tables()
            return
        except sa.exc.OperationalError as exc:
            # A browser test's last request (a live check, an autosave) may still be running in the live
            # server's thread: PostgreSQL then picks TRUNCATE as a deadlock's victim. That request ends
            # soon; try again rather than leave rows behind to break the next test.
            if "deadlock" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _empty_tables() -> None:
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture(scope="session")
def smtp_session_server():
    """One real SMTP server (aiosmtpd on loopback) for the whole test session."""
    from tests.smtp import SMTPServer

    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_session_server, app):
    """The session's SMTP server, emptied, with `app` sending to it for this test (sending is suppressed in
    tests otherwise)."""
    from designer.extensions import mail

    smtp_session_server.clear()
    saved_config = {key: app.config.get(key) for key in smtp_session_server.config}
    saved_state = app.extensions["mail"]
    app.config.update(smtp_session_server.config)
    app.extensions["mail"] = mail.init_mail(app.config, app.debug, testing=False)
    yield smtp_session_server
    app.config.update(saved_config)
    app.extensions["mail"] = saved_state


@pytest.fixture
def ctx(app):
    """An app context for service-level tests."""
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create a committed user: make_user("faculty", email=..., institution=...)."""
    counter = {"n": 0}

    def make(
        role: str = "faculty",
        *,
        email: str | None = None,
        institution: str = INSTITUTION,
        department: str = "School of Testing",
        name: str | None = None,
    ):
        counter["n"] += 1
        email = email or f"{role}{counter['n']}@test.example"
        with app.app_context():
            user = create_user(
                db.session,
                email=email,
                password=PASSWORD,
                role=role,
                name=name or email,
                institution=institution,
                department=department,
            )
            db.session.commit()
            return db.session.get(type(user), user.id).id

    return make


@pytest.fixture
def make_design(app):
    """Create a committed design owned by user id `owner_id`; returns the design id."""

    def make(owner_id: int, document: dict | None = None, **kwargs):
        from designer.models import User

        with app.app_context():
            owner = db.session.get(User, owner_id)
            design = create_design(db.session, owner, document or example_document(), **kwargs)
            db.session.commit()
            return design.id

    return make


def login(client, user_id: int) -> None:
    """Log a test client in as `user_id` (the login form itself is tested in tests/designer/auth).

    A session holds the login token of designer.auth.sessions (id, auth version, login time).
    """
    from designer.auth.sessions import session_token
    from designer.models import User

    with client.application.app_context():
        token = session_token(db.session.get(User, user_id))
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True


@pytest.fixture(autouse=True)
def _reset_throttling():
    """Failed logins of one test must not throttle the next (the limiter counts in memory)."""
    yield
    from designer.auth.throttle import limiter

    try:
        limiter.reset()
    except Exception:  # noqa: BLE001 - no app was ever built in this test session
        pass


@pytest.fixture
def login_as(client):
    """login_as(user_id) logs the default client in."""
    return lambda user_id: login(client, user_id)


__all__ = ["Role", "PASSWORD", "SHARED", "STANDARDS", "example_document", "login"]


@pytest.fixture
def count_queries(app):
    """count_queries() -> a context manager counting the SQL statements run inside it (as Indico's
    query-count fixture): `with count_queries() as counted: client.get(...)`, then `counted.n`.
    Budgets in tests catch N+1 queries before a page with 50 rows is slow."""
    import contextlib

    from sqlalchemy import event

    class Counted:
        n = 0
        statements: list

    @contextlib.contextmanager
    def counting():
        counted = Counted()
        counted.statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            counted.n += 1
            counted.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counted
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
