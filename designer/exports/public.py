"""The public, read-only catalogue of approved micro-credentials (/catalogue/public, PUBLIC_CATALOGUE=1).

No login: anyone may search the approved designs and read each one's page, syllabus PDF and credential
exports. Only a design's approved revision is ever shown (its page lives at a stable URL per revision);
drafts, reviews and working copies never are. Pages are plain HTML forms and links, so they work
without JavaScript; each design page carries schema.org `Course` JSON-LD for search engines.
"""

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from markupsafe import Markup

from designer.designs.vocabulary import DELIVERY_MODES, LANGUAGES, LEVELS, label
from designer.exports import formats, syllabus
from designer.exports.badge_image import badge_png, badge_svg
from designer.exports.forms import PublicFilterForm
from designer.exports.institution import institution
from designer.extensions import db
from designer.models import Design, DesignRevision
from designer.template_helpers import fmt_number

bp = Blueprint("public", __name__, url_prefix="/catalogue/public")
FILES = {  # file name on a revision's page -> (export format, language)
    "syllabus.pdf": ("pdf", None), "achievement.json": ("ob3", None), "achievement.hi.json": ("ob3", "hi"),
    "credential-template.json": ("ob3-credential", None), "ctdl.json": ("ctdl", None),
    "elm.jsonld": ("elm", None), "elm.ttl": ("elm", None),
}


@bp.before_request
def only_when_enabled():
    """The catalogue exists only when the institution turns it on."""
    if not current_app.config.get("PUBLIC_CATALOGUE"):
        abort(404)


@dataclass(frozen=True)
class Entry:
    """One approved micro-credential as the public pages list it (plain data from the approved revision)."""

    design_id: int
    revision: int
    title: str
    code: str
    summary: str
    level: str
    framework: str
    credits: str
    field: str
    isced_f: str
    languages: tuple[str, ...]
    department: str
    document: dict
    institution: str = ""

    @property
    def url(self) -> str:
        return url_for("public.design_page", design_id=self.design_id, revision=self.revision)


def approved_entries(session) -> list[Entry]:
    """Every design's approved revision, by title: one query for designs and revisions together."""
    rows = session.execute(sa.select(Design, DesignRevision).join(
        DesignRevision, DesignRevision.id == Design.approved_revision_id).order_by(Design.title, Design.id))
    return [_entry(design, revision) for design, revision in rows]


def _entry(design: Design, revision: DesignRevision) -> Entry:
    doc = revision.document or {}
    level = doc.get("level") or {}
    return Entry(design.id, revision.number, doc.get("title") or design.title, doc.get("code", ""),
                 doc.get("summary", ""), fmt_number(level.get("value"), ""), level.get("framework", ""),
                 fmt_number(doc.get("credits"), ""), doc.get("field_of_study", ""), doc.get("isced_f", ""),
                 tuple(doc.get("languages") or ()), design.department, doc, design.institution)


def matching(entries: list[Entry], args) -> list[Entry]:
    """The entries that pass every filter given in the query string."""
    q = (args.get("q") or "").strip().lower()
    wanted = {key: (args.get(key) or "").strip() for key in ("level", "credits", "field", "language",
                                                              "department", "tag")}
    result = []
    for e in entries:
        if q and q not in f"{e.title} {e.code} {e.summary}".lower():
            continue
        if wanted["level"] and e.level != wanted["level"]:
            continue
        if wanted["credits"] and e.credits != wanted["credits"]:
            continue
        if wanted["field"] and wanted["field"] not in (e.field, e.isced_f):
            continue
        if wanted["language"] and wanted["language"] not in e.languages:
            continue
        if wanted["department"] and e.department != wanted["department"]:
            continue
        if wanted["tag"] and wanted["tag"].lower() not in [t.lower() for t in e.document.get("tags") or []]:
            continue
        result.append(e)
    return result


def filter_options(entries: list[Entry]) -> dict[str, list[tuple[str, str]]]:
    """The choices of each filter: only values some approved design has."""
    levels = dict(LEVELS)

    def distinct(values):
        return sorted({v for v in values if v})

    return {
        "level": [(v, f"Level {levels.get(v, v)}") for v in distinct(e.level for e in entries)],
        "credits": [(v, f"{v} credits") for v in sorted(distinct(e.credits for e in entries), key=float)],
        "field": [(v, v) for v in distinct(e.field for e in entries)]
        + [(v, f"ISCED-F {v}") for v in distinct(e.isced_f for e in entries)],
        "language": [(v, label(LANGUAGES, v)) for v in distinct(c for e in entries for c in e.languages)],
        "department": [(v, v) for v in distinct(e.department for e in entries)],
    }


@bp.get("")
def catalogue():
    """Search and filter the approved micro-credentials."""
    entries = approved_entries(db.session)
    filters = PublicFilterForm(request.args)
    filters.fill(filter_options(entries))
    found = matching(entries, request.args) if filters.validate() else []
    filtered = any(request.args.get(k) for k in ("q", "level", "credits", "field", "language", "department"))
    status = 200 if not filters.errors else 400
    return render_template("exports/public_catalogue.html", entries=found, filters=filters,
                           filtered=filtered, total=len(entries),
                           institution=institution(current_app.config)), status


def _approved(design_id: int, revision: int) -> tuple[Design, syllabus.ApprovedArtefact]:
    """The design and its approved artefact, if `revision` is the approved one; else 404."""
    design = db.get_or_404(Design, design_id)
    try:
        artefact = syllabus.approved(db.session, design)
    except syllabus.NotApproved:
        abort(404)
    if artefact.revision.number != revision:
        abort(404)
    return design, artefact


@bp.get("/designs/<int:design_id>/r<int:revision>")
def design_page(design_id: int, revision: int):
    """One approved revision: the syllabus as a page, the files, and schema.org Course JSON-LD."""
    design, artefact = _approved(design_id, revision)
    entry = _entry(design, artefact.revision)
    files = [(name, FILES[name][0]) for name in FILES
             if name != "achievement.hi.json" or "hi" in (entry.document.get("translations") or {})]
    return render_template("exports/public_design.html", e=entry, artefact=artefact, files=files,
                           delivery=label(DELIVERY_MODES, entry.document.get("delivery_mode")),
                           languages=[label(LANGUAGES, c) for c in entry.languages],
                           json_ld=course_json_ld(entry, artefact, current_app.config))


@bp.get("/designs/<int:design_id>/r<int:revision>/<name>")
def design_file(design_id: int, revision: int, name: str):
    """The approved revision's syllabus PDF, badge images and credential exports."""
    design, artefact = _approved(design_id, revision)
    if name in ("badge.png", "badge.svg"):
        document = artefact.revision.document
        return (Response(badge_png(document), mimetype="image/png") if name == "badge.png"
                else Response(badge_svg(document), mimetype="image/svg+xml"))
    if name not in FILES:
        abort(404)
    fmt, lang = FILES[name]
    if lang and lang not in (artefact.revision.document.get("translations") or {}):
        abort(404)
    data = formats.export_bytes(db.session, design, fmt, current_app.config, turtle=name.endswith(".ttl"),
                                lang=lang)
    mimetype = "text/turtle" if name.endswith(".ttl") else formats.FORMATS[fmt].mimetype
    return Response(data, mimetype=mimetype)


@bp.get("/levels/<framework>/<value>")
def level_page(framework: str, value: str):
    """A framework level (the target of the OB 3.0 and CTDL level alignments) and its approved designs."""
    entries = [e for e in approved_entries(db.session) if e.framework == framework and e.level == value]
    if framework not in ("NCrF", "NSQF"):
        abort(404)
    return render_template("exports/public_level.html", framework=framework, value=value, entries=entries)


def course_json_ld(entry: Entry, artefact, config) -> Markup:
    """schema.org Course of the approved revision, safe to put inside <script type="application/ld+json">."""
    body = institution(config, entry.document)
    page = url_for("public.design_page", design_id=entry.design_id, revision=entry.revision, _external=True)
    data = {
        "@context": "https://schema.org", "@type": "Course", "@id": page, "url": page,
        "name": entry.title, "description": entry.summary, "courseCode": entry.code or None,
        "inLanguage": list(entry.languages) or None,
        "provider": {"@type": "CollegeOrUniversity", "name": body.name, "url": body.website or None},
        "educationalCredentialAwarded": "Micro-credential",
        "numberOfCredits": {"@type": "StructuredValue", "value": float(entry.credits),
                            "unitText": "NCrF credit"} if entry.credits else None,
        "educationalLevel": f"{entry.framework} level {entry.level}" if entry.level else None,
        "teaches": [o.get("text", "") for o in entry.document.get("outcomes") or []],
        "timeRequired": f"P{int(entry.document['duration_weeks'])}W" if entry.document.get("duration_weeks")
        else None,
        "hasCourseInstance": {"@type": "CourseInstance", "courseMode": entry.document.get("delivery_mode")}
        if entry.document.get("delivery_mode") else None,
        "version": str(entry.revision),
    }
    text = json.dumps({k: v for k, v in data.items() if v not in (None, [], "")}, ensure_ascii=False)
    # "</" cannot end the script element early; the JSON stays valid.
    return Markup(text.replace("</", "<\\/"))
