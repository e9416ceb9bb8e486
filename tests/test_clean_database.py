"""The per-test clean-up itself: a request still running when a browser test ends must not make it fail."""

import threading

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.models import User
from tests.conftest import _empty_tables_after


def test_the_clean_up_outlasts_a_deadlock_with_a_request_still_running(app, make_user):
    """A late request reads `users` then `departments` while TRUNCATE locks `departments` then waits for
    `users`: PostgreSQL aborts the TRUNCATE (CI: 'deadlock detected' at teardown, the next test then met
    the left-over rows). The clean-up tries again once the request is over."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("TRUNCATE and its locks are PostgreSQL's")
        make_user(email="late@test.example")
        reading, done = threading.Event(), threading.Event()
        engine = db.engine  # the thread has no app context, as the live server's request has its own

        def late_request():
            with engine.connect() as conn, conn.begin():
                conn.execute(sa.text("SELECT count(*) FROM users"))
                reading.set()
                # until the TRUNCATE holds `departments` and waits for `users`
                conn.execute(sa.text("SELECT pg_sleep(0.5)"))
                conn.execute(sa.text("SELECT count(*) FROM departments"))
            done.set()

        thread = threading.Thread(target=late_request)
        thread.start()
        reading.wait(5)
        db.session.remove()
        _empty_tables_after(attempts=5)
        thread.join(10)
        assert done.is_set()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
