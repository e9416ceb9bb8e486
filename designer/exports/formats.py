"""The export formats of an approved design, in one table that the CLI, the pages and the public
catalogue share. Adding a format: write its builder (approved artefact -> bytes) and add a row here.

Builders are imported when called, so that `flask designs ...` does not load WeasyPrint or rdflib.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Format:
    name: str
    mimetype: str
    suffix: str
    help: str


FORMATS = {
    f.name: f
    for f in (
        Format("pdf", "application/pdf", ".pdf", "the syllabus PDF (tagged PDF/UA-1)"),
    Format("pdf-a", "application/pdf", ".pdf", "the syllabus as archival PDF/A-3b"),
        Format("ob3", "application/ld+json", ".json", "Open Badges 3.0 Achievement"),
        Format(
            "ob3-credential",
            "application/ld+json",
            ".json",
            "unsigned OpenBadgeCredential template for issuers",
        ),
        Format("ctdl", "application/ld+json", ".json", "Credential Engine CTDL JSON-LD"),
        Format(
            "elm", "application/ld+json", ".jsonld", "European Learning Model 3 JSON-LD (Turtle: -o FILE.ttl)"
        ),
    )
}
APPROVED_FORMATS = tuple(FORMATS)


def export_bytes(
    session, design, fmt: str, config, *, turtle: bool = False, lang: str | None = None
) -> bytes:
    """The approved revision of `design` in format `fmt` (NotApproved when there is none)."""
    from designer.exports import ctdl, elm, ob3, syllabus
    from designer.exports.institution import export_config
    from designer.exports.pdf import ARCHIVAL

    if fmt == "pdf":
        return syllabus.approved_pdf(session, design, config)
    if fmt == "pdf-a":
        return syllabus.approved_pdf(session, design, config, variant=ARCHIVAL)
    artefact = syllabus.approved(session, design)
    report = syllabus.artefact_report(artefact, config)
    config = export_config(session, config, artefact.revision.document)
    revision = artefact.revision
    ids = {"design_id": design.id, "revision_number": revision.number, "report": report, "config": config}
    if fmt == "ob3":
        data = ob3.achievement(revision.document, lang=lang, **ids)
    elif fmt == "ob3-credential":
        valid_from = (artefact.approved_on or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        data = ob3.credential_template(revision.document, valid_from=valid_from, **ids)
    elif fmt == "ctdl":
        data = ctdl.credential(artefact, report, config)
    elif fmt == "elm":
        graph = elm.learning_opportunity(artefact, report, config)
        return elm.serialise(graph, turtle=turtle)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
