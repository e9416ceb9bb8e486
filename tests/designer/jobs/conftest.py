"""Fixtures of the background-job tests: the in-process queue (inline) with renders on approval."""

import pytest

from tests.conftest import example_document
from tests.designer.exports.conftest import approve_design
from tests.designer.jobs.workers import broker_url, start_worker  # noqa: F401 - fixtures the tests use
from tests.designer.review.conftest import Flow, make_person, people  # noqa: F401


@pytest.fixture
def jobs_app(app, tmp_path):
    """The session app with renders on approval, its own storage folder and the given limits."""
    keys = ("RENDER_ON_APPROVAL", "PDF_CACHE_DIR", "PACK_WORKERS", "PACK_LIMIT", "JOB_LEASE_SECONDS")
    saved = {key: app.config[key] for key in keys}
    app.config.update(RENDER_ON_APPROVAL=True, PDF_CACHE_DIR=str(tmp_path / "storage"), PACK_WORKERS=0,
                      PACK_LIMIT=2)
    yield app
    app.config.update(saved)


@pytest.fixture
def flow(jobs_app):
    return Flow(jobs_app)


@pytest.fixture
def approved(jobs_app, make_user, make_design):
    """approved(n, owner=None) -> ids of n designs approved directly (no render job)."""

    def make(count: int, owner=None):
        owner = owner or make_user("faculty")
        ids = []
        for i in range(count):
            document = example_document()
            document.update(title=f"Course {i:03d}", code=f"MC-T-{i:03d}")
            ids.append(make_design(owner, document))
        for design_id in ids:
            approve_design(jobs_app, design_id)
        return ids

    return make
