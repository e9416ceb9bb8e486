"""The one commit-or-rollback point of a request (designer.transaction): views only flush; the request
commits when the view's answer is below 400 and throws everything away otherwise."""

import pytest
import sqlalchemy as sa
from flask import abort, flash, get_flashed_messages, redirect

from designer.auth.services import AccountError, create_user
from designer.extensions import db
from designer.models import User
from designer.transaction import after_commit, attempt
from tests.conftest import INSTITUTION, PASSWORD


def _add(email: str) -> User:
    """A service that flushes a row (an account) and commits nothing."""
    return create_user(db.session, email=email, password=PASSWORD, role="faculty", institution=INSTITUTION)


def _emails(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(sa.select(User.email)))


@pytest.fixture
def probe(make_app, app):
    """An app of its own with a few routes that write and then answer in different ways, run as in
    production (an exception becomes the 500 page instead of reaching the test)."""
    probe = make_app(PROPAGATE_EXCEPTIONS=False, TESTING=False)
    calls = []

    @probe.post("/probe/ok")
    def ok():
        _add("ok@test.example")
        after_commit(calls.append, "after commit")
        flash("Saved.", "success")
        return "stored"

    @probe.post("/probe/raises")
    def raises():
        _add("raises@test.example")
        after_commit(calls.append, "after commit")
        raise RuntimeError("a bug after the service flushed")

    @probe.post("/probe/refused-form")
    def refused_form():
        _add("refused@test.example")
        return "the form again, with its errors", 400

    @probe.post("/probe/forbidden")
    def forbidden():
        _add("forbidden@test.example")
        abort(403)

    @probe.post("/probe/refused-then-redirect")
    def refused_then_redirect():
        with attempt(AccountError):
            _add("partial@test.example")
            raise AccountError("The service refused after writing a row.")
        return redirect("/designs")

    @probe.post("/probe/commit-fails")
    def commit_fails():
        _add("twice@test.example")
        db.session.add(User(email="twice@test.example", name="x", role="faculty", institution=INSTITUTION,
                            department="", password_hash="x"))
        db.session.autoflush = False  # the duplicate surfaces at the commit, after the view returned
        after_commit(calls.append, "after commit")
        flash("Saved.", "success")
        return "stored?"

    probe.calls = calls
    return probe


def test_a_view_that_returns_normally_commits_once_after_it(probe):
    client = probe.test_client()
    response = client.post("/probe/ok")
    assert response.status_code == 200
    assert "ok@test.example" in _emails(probe)
    assert probe.calls == ["after commit"]


def test_a_view_that_raises_after_a_service_flushed_leaves_nothing(probe):
    response = probe.test_client().post("/probe/raises")
    assert response.status_code == 500
    assert "raises@test.example" not in _emails(probe)
    assert probe.calls == []  # nothing that waits for the commit runs


@pytest.mark.parametrize("path", ["/probe/refused-form", "/probe/forbidden"])
def test_an_error_response_writes_nothing(probe, path):
    response = probe.test_client().post(path)
    assert response.status_code in (400, 403)
    assert _emails(probe) == set()


def test_a_refusal_inside_attempt_throws_away_what_the_call_wrote_and_is_flashed(probe):
    client = probe.test_client()
    response = client.post("/probe/refused-then-redirect")
    assert response.status_code == 302  # a redirect commits: the refused write must already be gone
    assert "partial@test.example" not in _emails(probe)
    with client.session_transaction() as session:
        assert session["_flashes"] == [("error", "The service refused after writing a row.")]


def test_a_failed_commit_is_an_error_page_without_the_success_flash(probe):
    client = probe.test_client()
    response = client.post("/probe/commit-fails")
    assert response.status_code == 500
    assert "twice@test.example" not in _emails(probe)
    assert probe.calls == []
    with client.session_transaction() as session:
        assert not session.get("_flashes")


def test_attempt_puts_the_refusal_on_the_field(app):
    class Field:
        errors = ()

    field = Field()
    with app.test_request_context():
        with attempt(AccountError, field=field) as outcome:
            raise AccountError("Taken.")
        assert outcome.refused and field.errors == ["Taken."]
        assert get_flashed_messages() == []


def test_views_and_their_helpers_never_commit_or_roll_back_themselves():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "designer"
    views = [p for p in root.rglob("*.py") if p.name == "views.py" or p.name.endswith("_views.py")]
    offenders = [str(p.relative_to(root)) for p in views
                 if "session.commit(" in p.read_text() or "session.rollback(" in p.read_text()]
    assert views and offenders == []
