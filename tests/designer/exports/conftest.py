"""Fixtures of the exports tests: approving designs directly, a fresh PDF cache per test, PDF reading."""

import io

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from designer.extensions import db
from designer.models import Design, DesignRevision, Status


def approve_design(app, design_id: int) -> int:
    """Mark the latest revision approved, as the review workflow does; returns the revision id."""
    with app.app_context():
        revision_id = db.session.scalar(
            sa.select(DesignRevision.id)
            .where(DesignRevision.design_id == design_id)
            .order_by(DesignRevision.number.desc())
            .limit(1)
        )
        design = db.session.get(Design, design_id)
        design.approved_revision_id = revision_id
        design.status = Status.APPROVED.value
        db.session.commit()
        return revision_id


@pytest.fixture
def approve(app):
    return lambda design_id: approve_design(app, design_id)


@pytest.fixture(autouse=True)
def pdf_cache(app, tmp_path):
    """Each test renders into its own cache and builds packs in-process (no worker start-up)."""
    saved = {key: app.config[key] for key in ("PDF_CACHE_DIR", "PACK_WORKERS")}
    app.config.update(PDF_CACHE_DIR=str(tmp_path / "pdf-cache"), PACK_WORKERS=0)
    yield tmp_path / "pdf-cache"
    app.config.update(saved)


def pdf_text(data: bytes) -> list[str]:
    """The text of every page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))
