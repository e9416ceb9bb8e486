"""The plain data a syllabus template prints, built once from a design, a revision and its rubric report.

Templates never see ORM objects or the raw document: only this dict of strings, numbers and lists,
so a template cannot lazy-load, and pack workers can be handed plain data. Computed figures (NLH,
credit points, ECTS, Bloom levels, the alignment matrix, the workload breakdown) come from the rubric
engine's report, so the PDF shows exactly what the committee scored.
"""

from datetime import datetime

from designer.designs.compare import Line, describe
from designer.designs.vocabulary import (
    ACTIVITY_KINDS,
    ASSESSMENT_KINDS,
    DELIVERY_MODES,
    LANGUAGES,
    PURPOSES,
    RECOGNITION,
    RESOURCE_KINDS,
    STACKABILITY,
    SUPERVISION,
    label,
)
from designer.exports.figures import syllabus_figures
from designer.exports.institution import institution
from designer.exports.languages import language_tag
from designer.models import Design, DesignRevision
from designer.review.approved import ApprovedArtefact
from designer.template_helpers import fmt_number
from designer.timezone import to_local

# What a design holds that the syllabus does not print (the committee still reads it on the review page).
UNPRINTED = ("need_evidence", "partners", "nsqf", "isced_f", "eqf_level", "awarding_body/aishe_code")

WATERMARK = "DRAFT - not approved"
UNSCHEDULED = "Any time"


def build_syllabus_context(design: Design, revision: DesignRevision, *, report: dict | None,
                           approval: dict | None = None, draft: bool = False, config=None) -> dict:
    """Everything the syllabus template prints, as plain data.

    Args:
        design: the design (for id, department and institution).
        revision: the revision to print: the approved one, or the latest for a draft preview.
        report: the rubric engine's report of this revision (`Report.to_dict()`), or None.
        approval: the approval record (see `approval_record`), None for drafts.
        draft: print the "DRAFT - not approved" watermark.
        config: the app config, for the institution's facts (name and web page).
    """
    doc = revision.document or {}
    figures = syllabus_figures(report, doc)
    per_credit = ((report or {}).get("figures") or {}).get("nlh_per_credit")
    languages = [language_tag(code) for code in doc.get("languages") or []] or ["en"]
    return {
        "lang": languages[0],
        "author": institution(config or {}, doc).name or design.institution,
        "keywords": ", ".join(doc.get("tags") or []),
        "created": (revision.created_at.strftime("%Y-%m-%dT%H:%M:%SZ") if revision.created_at else ""),
        "design_id": design.id,
        "revision": revision.number,
        "title": doc.get("title") or design.title or "Untitled design",
        "code": doc.get("code", ""),
        "summary": doc.get("summary", ""),
        "purpose": doc.get("purpose", ""),
        "target_learners": doc.get("target_learners", ""),
        "prerequisites": doc.get("prerequisites", ""),
        "tags": list(doc.get("tags") or []),
        "identity": _identity(design, doc, figures, per_credit),
        "outcomes": [{"id": o.get("id", ""), "text": o.get("text", ""),
                      "bloom": figures["bloom"].get(o.get("id"), "")} for o in doc.get("outcomes") or []],
        "weeks": _weeks(doc.get("activities") or []),
        "assessments": _assessments(doc.get("assessments") or []),
        "grading": doc.get("grading") or {},
        "matrix": figures["matrix"],
        "workload": figures["workload"],
        "resources": [_resource(r) for r in doc.get("resources") or []],
        "accessibility": doc.get("accessibility", ""),
        "integrity": doc.get("integrity", ""),
        "translations": _translations(doc),
        "approval": approval,
        "draft": draft,
        "watermark": WATERMARK if draft else "",
        # The institution's uploaded logo (a data: URL: the renderer fetches nothing else), else the app's.
        "logo_src": (config or {}).get("INSTITUTION_LOGO") or "static/print/logo.svg",
    }


def unprinted_lines(document: dict) -> list[Line]:
    """The labelled lines of the design that its syllabus leaves out (evidence of need, partners, NSQF
    alignment, ISCED-F and EQF codes), in editor order."""
    return [line for line in describe(document) if line.key.split(":")[0].startswith(UNPRINTED)]


def approval_record(artefact: ApprovedArtefact, report: dict, zone: str | None = None) -> dict:
    """The committee's record printed at the end of an approved syllabus (from the recorded decision)."""
    decision = artefact.decision
    if decision is None:
        rubric = report.get("rubric") or {}
        return {"revision": artefact.revision.number, "recorded": False,
                "rubric_id": rubric.get("id", ""), "rubric_version": rubric.get("version", ""),
                "score": fmt_number(report.get("score"), ""), "meets": bool(report.get("meets")),
                "pass_threshold": fmt_number(rubric.get("pass_threshold"), "")}
    return {
        "revision": artefact.revision.number,
        "recorded": True,
        "decided_by": decision.decided_by,
        "date": _date(decision.decided_at, zone),
        "round": decision.round,
        "rubric_id": decision.rubric_id,
        "rubric_version": decision.rubric_version,
        "score": fmt_number(decision.score, ""),
        "meets": decision.meets,
        "pass_threshold": fmt_number(decision.pass_threshold, ""),
        "comment": decision.comment,
        "stages": [{"name": name, "by": by, "date": _date(when, zone), "comment": comment}
                   for name, by, when, comment in decision.stages],
    }


def _date(when: datetime | None, zone: str | None = None) -> str:
    when = to_local(when, zone)  # the institution's calendar day (its profile's time zone), not UTC's
    return f"{when.day} {when:%B %Y}" if when else ""


def _identity(design: Design, doc: dict, figures: dict, per_credit) -> list[tuple[str, str]]:
    body = doc.get("awarding_body") or {}
    level = doc.get("level") or {}
    stack = doc.get("stackability") or {}
    qa = doc.get("quality_assurance") or {}
    rows = [
        ("Course code", doc.get("code", "")),
        ("Awarding body", _join(", ", body.get("name"), body.get("region"), body.get("country"))),
        ("ABC id", body.get("abc_id", "")),
        ("Department", design.department),
        ("Level and framework", f"{level.get('framework', '')} level {_num(level.get('value'))}"
         if level else ""),
        ("Credits", f"{_num(doc.get('credits'))} NCrF credits"
         + (f" (1 credit = {_num(per_credit)} notional learning hours)" if per_credit else "")
         if doc.get("credits") is not None else ""),
        ("Notional learning hours", figures["nlh"]),
        ("Credit points", figures["credit_points"]),
        ("ECTS equivalent", figures["ects"]),
        ("Delivery mode", label(DELIVERY_MODES, doc.get("delivery_mode"))),
        ("Duration", f"{doc['duration_weeks']} weeks" if doc.get("duration_weeks") else ""),
        ("Languages", ", ".join(label(LANGUAGES, code) for code in doc.get("languages") or [])),
        ("Field of study", doc.get("field_of_study", "")),
        ("Stackability", _join("; ", label(STACKABILITY, stack.get("mode")), stack.get("target"),
                               _counted(stack))),
        ("Recognition", ", ".join(label(RECOGNITION, r) for r in doc.get("recognition") or [])),
        ("Quality assurance", _join("; ", qa.get("approving_body"), qa.get("process"), _cycle(qa))),
    ]
    return [(name, value) for name, value in rows if value]


def _weeks(activities: list[dict]) -> list[dict]:
    """Activities grouped by week, in week order; activities without a week come last."""
    by_week: dict[int | None, list[dict]] = {}
    for a in activities:
        week = a.get("week") if isinstance(a.get("week"), int) else None
        by_week.setdefault(week, []).append({
            "id": a.get("id", ""), "title": a.get("title", ""), "kind": label(ACTIVITY_KINDS, a.get("kind")),
            "hours": _num(a.get("hours")), "outcomes": ", ".join(a.get("outcomes") or [])})
    keys = sorted(k for k in by_week if k is not None) + ([None] if None in by_week else [])
    return [{"week": f"Week {k}" if k is not None else UNSCHEDULED, "activities": by_week[k]} for k in keys]


def _assessments(assessments: list[dict]) -> list[dict]:
    return [{
        "id": a.get("id", ""), "title": a.get("title", ""), "kind": label(ASSESSMENT_KINDS, a.get("kind")),
        "purpose": label(PURPOSES, a.get("purpose")).split(" (")[0],
        "weight": f"{_num(a['weight'])}%" if a.get("weight") is not None else "-",
        "hours": _num(a.get("hours")),
        "supervision": label(SUPERVISION, a.get("supervision")) or "Not stated",
        "criteria": a.get("criteria", ""), "outcomes": ", ".join(a.get("outcomes") or []),
    } for a in assessments]


def _resource(r: dict) -> dict:
    return {"title": r.get("title", ""), "kind": label(RESOURCE_KINDS, r.get("kind")),
            "url": r.get("url", ""), "link": _is_web_url(r.get("url", "")), "licence": r.get("licence", ""),
            "accessible": r.get("accessible"),
            "outcomes": ", ".join(r.get("outcomes") or [])}


def _is_web_url(url: str) -> bool:
    """Only http(s) URLs become links: a `javascript:` or `file:` value stays printed text."""
    return url.lower().startswith(("https://", "http://"))


def _translations(doc: dict) -> list[dict]:
    result = []
    for lang, text in sorted((doc.get("translations") or {}).items()):
        if not isinstance(text, dict):
            continue
        outcomes = text.get("outcomes") or {}
        result.append({
            "lang": lang, "language": label(LANGUAGES, lang), "title": text.get("title", ""),
            "summary": text.get("summary", ""),
            "outcomes": [{"id": o.get("id", ""), "text": outcomes[o.get("id")]}
                         for o in doc.get("outcomes") or [] if outcomes.get(o.get("id"))],
        })
    return result


def _counted(stack: dict) -> str:
    counted = stack.get("credits_counted")
    return f"{_num(counted)} credits counted" if counted is not None else ""


def _join(separator: str, *parts) -> str:
    return separator.join(p for p in parts if p)


def _cycle(qa: dict) -> str:
    return f"reviewed every {qa['review_cycle_months']} months" if qa.get("review_cycle_months") else ""


def _num(value) -> str:
    return fmt_number(value, "")
