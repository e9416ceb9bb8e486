"""Syllabus PDFs of a design: the approved one (cached) and a watermarked preview of the working copy.

Services take the session and the config explicitly; rendering the Jinja template needs an app
context (templates live with the app), rendering the PDF does not (pack workers get HTML strings).
"""

from datetime import datetime

import sqlalchemy as sa
from flask import render_template
from sqlalchemy.orm import Session

from designer.checking.services import score_document
from designer.designs.services import latest_revision
from designer.exports.cache import PdfCache, revision_key
from designer.exports.context import approval_record, build_syllabus_context
from designer.exports.pdf import render_pdf
from designer.models import Design, DesignRevision, Submission


class NotApproved(Exception):
    """The design has no approved revision, so there is nothing to export."""

    def __init__(self, design: Design):
        self.design_id = design.id
        super().__init__(f"Design {design.id} ('{design.title}') has no approved revision yet: only approved "
                         "designs can be exported as a syllabus or a badge. Preview the draft instead.")


def approved_revision(session: Session, design: Design) -> DesignRevision:
    """The approved revision, or NotApproved."""
    revision_id = design.approved_revision_id
    revision = session.get(DesignRevision, revision_id) if revision_id else None
    if revision is None:
        raise NotApproved(design)
    return revision


def revision_report(session: Session, revision: DesignRevision, config) -> tuple[dict, datetime | None]:
    """The rubric report of a revision and the date it was approved.

    The committee's approving submission stored the report it decided on (with the rubric version of
    that day): prefer it. Without one (approved before the workflow, or a draft), score it now.
    """
    submission = session.scalar(sa.select(Submission).where(
        Submission.revision_id == revision.id, Submission.outcome == "approved")
        .order_by(Submission.closed_at.desc()).limit(1))
    if submission is not None and submission.report:
        return submission.report, submission.closed_at
    report = score_document(config, revision.document).to_dict()
    return report, None


def syllabus_html(session: Session, design: Design, revision: DesignRevision, config, *, draft: bool) -> str:
    """The syllabus of `revision` as an HTML string, ready for `render_pdf`."""
    report, decided_at = revision_report(session, revision, config)
    approval = None if draft else approval_record(revision, revision.document, report, decided_at)
    context = build_syllabus_context(design, revision, report=report, approval=approval, draft=draft)
    return render_template("exports/syllabus.html", s=context)


def approved_pdf(session: Session, design: Design, config) -> bytes:
    """The approved syllabus, from the cache or rendered once and cached."""
    revision = approved_revision(session, design)
    cache = PdfCache(config["PDF_CACHE_DIR"])
    cached = cache.get(revision_key(revision))
    if cached is not None:
        return cached
    html = syllabus_html(session, design, revision, config, draft=False)
    data = render_pdf(html, fail_on_errors=strict(config))
    cache.put(revision_key(revision), data)
    return data


def preview_pdf(session: Session, design: Design, config) -> bytes:
    """The working copy with a "DRAFT - not approved" watermark; never cached (it keeps changing)."""
    html = syllabus_html(session, design, latest_revision(session, design), config, draft=True)
    return render_pdf(html, fail_on_errors=strict(config))


def strict(config) -> bool:
    """In tests a URL the fetcher refuses aborts the render instead of being left out silently."""
    return bool(config.get("TESTING"))


def pdf_filename(design: Design, revision: DesignRevision, *, draft: bool = False) -> str:
    """A download name such as MC-DMA-101-r3.pdf."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in (design.code or f"design-{design.id}"))
    return f"{stem}-r{revision.number}{'-draft' if draft else ''}.pdf"
