"""An approved design as an Open Badges 3.0 `Achievement` (1EdTech OB 3.0 data model, B.1.1).

The Achievement describes what a badge certifies; issuing platforms wrap it in an
OpenBadgeCredential per learner. NCrF credits are not US credit hours, so the unit is stated in the
description and the criteria narrative, and the level is an `alignment` to the framework
(standards.md section 8.1).
"""

import uuid

from designer.designs.vocabulary import ASSESSMENT_KINDS, SUPERVISION, label

OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
FRAMEWORKS = {  # framework -> (name, the body that publishes it)
    "NCrF": ("National Credit Framework (India)", "https://www.ugc.gov.in/"),
    "NSQF": ("National Skills Qualifications Framework (India)", "https://www.ncvet.gov.in/"),
}
CREDIT_UNIT = "NCrF credits; 1 credit = 30 notional learning hours"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mc-designer.invalid/achievements")


def achievement(document: dict, *, design_id: int, revision_number: int, report: dict | None) -> dict:
    """The OB 3.0 Achievement of an approved revision (plain JSON-ready dict)."""
    figures = (report or {}).get("figures") or {}
    body = (document.get("awarding_body") or {}).get("name", "")
    result = {
        "@context": OB3_CONTEXT,
        "id": _urn(f"{body}/design/{design_id}/revision/{revision_number}"),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": document.get("title", ""),
        "description": _description(document, figures),
        "criteria": {"narrative": criteria_narrative(document)},
        "alignment": _alignments(document),
        "inLanguage": (document.get("languages") or ["en"])[0],
        "tag": list(document.get("tags") or []),
        "version": str(revision_number),
    }
    if body:
        result["creator"] = {"id": _urn(f"{body}/profile"), "type": ["Profile"], "name": body}
    if isinstance(document.get("credits"), int | float):
        result["creditsAvailable"] = float(document["credits"])
    for key, field in (("humanCode", "code"), ("fieldOfStudy", "field_of_study")):
        if document.get(field):
            result[key] = document[field]
    if not result["alignment"]:
        del result["alignment"]
    return result


def criteria_narrative(document: dict) -> str:
    """Markdown: the outcomes to achieve and how each is assessed, with the credit unit stated."""
    lines = ["Achieve every learning outcome below. On completion, learners are able to:", ""]
    lines += [f"- **{o.get('id', '')}** {o.get('text', '')}" for o in document.get("outcomes") or []]
    summative = [a for a in document.get("assessments") or [] if a.get("purpose") == "summative"]
    if summative:
        lines += ["", "The outcomes are assessed by:", ""]
        for a in summative:
            weight = f", {_num(a['weight'])}% of the grade" if a.get("weight") is not None else ""
            supervision = f", {label(SUPERVISION, a['supervision']).lower()}" if a.get("supervision") else ""
            covers = f" (outcomes {', '.join(a['outcomes'])})" if a.get("outcomes") else ""
            criteria = f" Criteria: {a['criteria']}" if a.get("criteria") else ""
            lines.append(f"- **{a.get('title', '')}**: {label(ASSESSMENT_KINDS, a.get('kind')).lower()}"
                         f"{weight}{supervision}{covers}.{criteria}")
    grading = document.get("grading") or {}
    if grading.get("pass_mark") is not None:
        lines += ["", f"Pass mark: {_num(grading['pass_mark'])}% overall"
                      f"{' (' + grading['scheme'] + ')' if grading.get('scheme') else ''}."]
    if document.get("credits") is not None:
        lines += ["", f"Credit: {_num(document['credits'])} {CREDIT_UNIT}."]
    return "\n".join(lines)


def _description(document: dict, figures: dict) -> str:
    level = document.get("level") or {}
    parts = [document.get("summary", "").strip()]
    if level:
        parts.append(f"{level.get('framework')} level {_num(level.get('value'))} micro-credential.")
    if document.get("credits") is not None:
        hours = figures.get("nlh_total")
        nlh = f"{_num(hours)} notional learning hours; " if hours else ""
        parts.append(f"{_num(document['credits'])} NCrF credits ({nlh}1 credit = 30 notional learning "
                     "hours).")
    return " ".join(p for p in parts if p)


def _alignments(document: dict) -> list[dict]:
    level = document.get("level") or {}
    result = []
    if level.get("framework") in FRAMEWORKS:
        name, url = FRAMEWORKS[level["framework"]]
        value = _num(level.get("value"))
        result.append({"type": ["Alignment"], "targetName": f"{level['framework']} level {value}",
                       "targetUrl": url, "targetFramework": name, "targetCode": value,
                       "targetDescription": f"Level {value} of the {name}."})
    nsqf = document.get("nsqf") or {}
    _, ncvet = FRAMEWORKS["NSQF"]
    if nsqf.get("qp_code"):
        result.append({"type": ["Alignment"], "targetName": f"Qualification Pack {nsqf['qp_code']}",
                       "targetUrl": ncvet, "targetFramework": "NSQF Qualification Packs",
                       "targetCode": nsqf["qp_code"], "targetType": "ceterms:Credential"})
    for nos in nsqf.get("nos") or []:
        result.append({"type": ["Alignment"], "targetName": nos.get("title") or f"NOS {nos.get('code')}",
                       "targetUrl": ncvet, "targetFramework": "National Occupational Standards (NSQF)",
                       "targetCode": nos.get("code", ""), "targetType": "ceasn:Competency"})
    return result


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def _num(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
