"""One commit-or-rollback point per request (Indico's `RH.process` idea).

Services only flush; views never commit or roll back. When the view's response is below 400 the request
commits once, right after the view (`after_request`); an error response (a refused form's 400, 403, 404,
an edit conflict's 409, a 500) or an exception rolls everything back, so a refused request leaves nothing
half-written. What must happen only once the change is stored (an email with a one-time link, files
written from the database) is handed to `after_commit`.

A view that calls a service which may refuse wraps the call in `attempt(...)`: a refusal throws away
what the call wrote at once (the page rendered next must not show it, and later writes of the request
must not carry it into the commit) and is said where the person looks: on a form field or as a flash.

CLI commands and background tasks are not requests: each keeps its own single, explicit commit.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, Response, flash, g, session

from designer.extensions import db

_AFTER_COMMIT = "transaction_after_commit"
_KEEP = "transaction_keep_on_error"


@dataclass
class Outcome:
    """What `attempt` saw: the refusal, or None when the call went through."""

    error: Exception | None = None

    @property
    def refused(self) -> bool:
        return self.error is not None


@contextmanager
def attempt(*errors: type[Exception], field=None, say: bool = True) -> Iterator[Outcome]:
    """Run the block; if it raises one of `errors`, throw away what the request wrote so far and carry on
    after the block with `outcome.error` set. The refusal is appended to `field`'s errors, or flashed as
    an error when there is no field, or left to the view (`say=False`) when it answers in its own way."""
    outcome = Outcome()
    try:
        yield outcome
    except errors as exc:
        db.session.rollback()
        outcome.error = exc
        if field is not None:
            field.errors = [*field.errors, str(exc)]
        elif say:
            flash(str(exc), "error")


def after_commit(function: Callable, *args, **kwargs) -> None:
    """Call `function(*args, **kwargs)` once this request has committed; never if it rolls back."""
    g.setdefault(_AFTER_COMMIT, []).append((function, args, kwargs))


def keep_on_error() -> None:
    """Commit what the request wrote even though its response is an error page: for the one request
    that stores one thing (a review typed on the page) and is refused the next (the decision)."""
    g.setdefault(_KEEP, True)


def finish(response: Response) -> Response:
    """The commit-or-rollback point: commit below 400 (or when asked to keep), roll back otherwise."""
    if response.status_code >= 400 and not g.get(_KEEP):
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        session.pop("_flashes", None)  # a "Saved" flash must not outlive the commit that failed
        raise
    for function, args, kwargs in g.pop(_AFTER_COMMIT, []):
        function(*args, **kwargs)
    return response


def init_app(app: Flask) -> None:
    app.after_request(finish)
