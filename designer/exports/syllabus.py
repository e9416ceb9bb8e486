"""Syllabus PDFs of a design: the approved one (cached) and a watermarked preview of the working copy.

Services take the session and the config explicitly; rendering the Jinja template needs an app
context (templates live with the app), rendering the PDF does not (pack workers get HTML strings).
"""

import logging

from flask import render_template
from sqlalchemy.orm import Session

from designer.checking.services import score_document
from designer.designs.services import latest_revision
from designer.exports.cache import PdfCache, revision_key
from designer.exports.context import approval_record, build_syllabus_context
from designer.exports.institution import export_config
from designer.exports.pdf import ACCESSIBLE, render_pdf
from designer.models import Design, DesignRevision
from designer.review.approved import ApprovedArtefact, approved_artefact

log = logging.getLogger(__name__)


class NotApproved(Exception):
    """The design has no approved revision, so there is nothing to export."""

    def __init__(self, design: Design):
        self.design_id = design.id
        super().__init__(f"Design {design.id} ('{design.title}') has no approved revision yet: only approved "
                         "designs can be exported as a syllabus or a badge. Preview the draft instead.")


def approved(session: Session, design: Design) -> ApprovedArtefact:
    """The approved artefact (revision, frozen report, decision), or NotApproved."""
    artefact = approved_artefact(session, design)
    if artefact is None:
        raise NotApproved(design)
    return artefact


def approved_revision(session: Session, design: Design) -> DesignRevision:
    """The approved revision, or NotApproved."""
    return approved(session, design).revision


def artefact_report(artefact: ApprovedArtefact, config) -> dict:
    """The report the committee approved on; scored now only when no decision is on record."""
    if artefact.report:
        return artefact.report
    return score_document(config, artefact.revision.document, artefact.design.institution).to_dict()


def syllabus_html(session: Session, design: Design, revision: DesignRevision, config, *, draft: bool) -> str:
    """The syllabus of `revision` as an HTML string, ready for `render_pdf`.

    Not a draft: `revision` must be the approved one, printed with the committee's record.
    """
    config = export_config(session, config, revision.document, design.institution)  # time zone, logo
    if not draft:
        return approved_html(approved(session, design), config)
    report = score_document(config, revision.document, design.institution).to_dict()
    context = build_syllabus_context(design, revision, report=report, approval=None, draft=True,
                                     config=config)
    return render_template("exports/syllabus.html", s=context)


def approved_html(artefact: ApprovedArtefact, config) -> str:
    """The approved syllabus of an artefact as HTML (needs an app context for the template)."""
    report = artefact_report(artefact, config)
    approval = approval_record(artefact, report, config.get("TIMEZONE"))
    context = build_syllabus_context(artefact.design, artefact.revision, report=report, approval=approval,
                                     draft=False, config=config)
    return render_template("exports/syllabus.html", s=context)


def render_approved(artefact: ApprovedArtefact, config, variant: str = ACCESSIBLE) -> bytes:
    """One approved syllabus as PDF bytes: the seam background jobs call (render on approval).

    Uncached: `approved_pdf` adds the cache. Needs an app context (templates live with the app).
    """
    return render_pdf(approved_html(artefact, config), fail_on_errors=strict(config), variant=variant)


def approved_pdf(session: Session, design: Design, config, variant: str = ACCESSIBLE, *,
                 time_limit: float | None = None) -> bytes:
    """The approved syllabus (tagged PDF/UA-1, or ARCHIVAL PDF/A-3b), from the cache or rendered once.

    `time_limit`: render in a child process killed after that many seconds (limits.RenderTimeout); for
    background jobs without Celery, whose own time limits stop a render under a worker.
    """
    artefact = approved(session, design)
    cache = PdfCache(config["PDF_CACHE_DIR"], kind="revision" if variant == ACCESSIBLE else "archival")
    cached = cache.get(revision_key(artefact.revision))
    if cached is not None:
        return cached
    config = export_config(session, config, artefact.revision.document, design.institution)  # zone, logo
    if time_limit is not None and variant == ACCESSIBLE:
        from designer.exports.limits import render_within

        data = render_within(approved_html(artefact, config), strict(config), time_limit)
    else:
        data = render_approved(artefact, config, variant)
    try:
        cache.put(revision_key(artefact.revision), data)
    except OSError:  # a full disk or a read-only cache must not turn a rendered syllabus into a 500
        log.exception("could not write the PDF cache for revision %s", artefact.revision.id)
    return data


def preview_pdf(session: Session, design: Design, config) -> bytes:
    """The working copy with a "DRAFT - not approved" watermark; never cached (it keeps changing)."""
    revision = latest_revision(session, design)
    html = syllabus_html(session, design, revision, config, draft=True)
    return render_pdf(html, fail_on_errors=strict(config))


def strict(config) -> bool:
    """In tests a URL the fetcher refuses aborts the render instead of being left out silently."""
    return bool(config.get("TESTING"))


def pdf_filename(design: Design, revision: DesignRevision, *, draft: bool = False) -> str:
    """A download name such as MC-DMA-101-r3.pdf."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in (design.code or f"design-{design.id}"))
    return f"{stem}-r{revision.number}{'-draft' if draft else ''}.pdf"

