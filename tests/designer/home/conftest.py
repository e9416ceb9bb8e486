"""The review tests' committee and workflow helpers, reused here."""

from tests.designer.review.conftest import flow, make_person, people  # noqa: F401
