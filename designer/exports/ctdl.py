"""An approved design as Credential Engine CTDL JSON-LD: a `ceterms:MicroCredential`.

The shape follows the Credential Registry's graph format (ceterms: terms, language maps,
CredentialAlignmentObjects
for controlled values). What the Registry Assistant requires of a credential is all here: the credential
type, name, a description of at least 15 characters, the CTID (ce- plus a UUID, stable per revision),
the subject web page, the owning/offering organisation with its own web page, the language(s) and the
status. Beyond them: credit value, level, learning outcomes (as competencies required), assessment,
delivery, duration and keywords.
"""

import uuid

from designer.exports.institution import institution, public_url
from designer.exports.languages import language_tag
from designer.exports.ob3 import FRAMEWORKS, revision_path
from designer.review.approved import ApprovedArtefact

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mc-designer.invalid/ctdl")
DELIVERY = {
    "online": "deliveryType:OnlineOnly",
    "onsite": "deliveryType:InPerson",
    "hybrid": "deliveryType:BlendedDelivery",
    "blended": "deliveryType:BlendedDelivery",
    "work_based": "deliveryType:InPerson",
}
MIN_DESCRIPTION = 15


def ctid(design_id: int, revision_number: int, institution_name: str) -> str:
    """The CTID of one approved revision: ce- and a UUID derived from institution, design and revision."""
    return f"ce-{uuid.uuid5(NAMESPACE, f'{institution_name}/design/{design_id}/r{revision_number}')}"


def credential(artefact: ApprovedArtefact, report: dict, config) -> dict:
    """The CTDL JSON-LD of an approved artefact (plain JSON-ready dict)."""
    doc = artefact.revision.document
    design, number = artefact.design, artefact.revision.number
    body = institution(config, doc)
    lang = language_tag((doc.get("languages") or ["en"])[0])
    page = public_url(config, revision_path(design.id, number))
    organisation = _organisation(body, config, lang)
    result = {
        "@context": CONTEXT,
        "@type": "ceterms:MicroCredential",
        "ceterms:ctid": ctid(design.id, number, body.name),
        "ceterms:name": _text(doc, "title", lang),
        "ceterms:description": _description(doc, lang),
        "ceterms:subjectWebpage": page,
        "ceterms:inLanguage": [language_tag(code) for code in doc.get("languages") or ["en"]],
        "ceterms:credentialStatusType": _concept(
            "https://credreg.net/ctdl/terms/CredentialStatus", "credentialStat:Active", "Active", lang
        ),
        "ceterms:ownedBy": [organisation],
        "ceterms:offeredBy": [organisation],
        "ceterms:dateEffective": artefact.approved_on.date().isoformat() if artefact.approved_on else None,
        "ceterms:versionIdentifier": [
            {
                "@type": "ceterms:IdentifierValue",
                "ceterms:identifierValueCode": str(number),
                "ceterms:identifierTypeName": {lang: "Approved revision"},
            }
        ],
        "ceterms:codedNotation": doc.get("code") or None,
        "ceterms:keyword": {lang: list(doc.get("tags") or [])} if doc.get("tags") else None,
        "ceterms:learningDeliveryType": (
            [
                _concept(
                    "https://credreg.net/ctdl/terms/Delivery",
                    DELIVERY[doc["delivery_mode"]],
                    doc["delivery_mode"],
                    lang,
                )
            ]
            if doc.get("delivery_mode") in DELIVERY
            else None
        ),
        "ceterms:estimatedDuration": (
            [{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": f"P{int(doc['duration_weeks'])}W"}]
            if doc.get("duration_weeks")
            else None
        ),
        "ceterms:creditValue": _credit_values(doc, report, lang),
        "ceterms:audienceLevelType": _level(doc, config, lang),
        "ceterms:requires": [c for c in (_requirements(doc, lang), _entry(doc, lang)) if c],
    }
    if page:
        result["@id"] = page + "/ctdl.json"
    return {k: v for k, v in result.items() if v not in (None, [], {})}


def _organisation(body, config, lang: str) -> dict:
    org = {
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": {lang: body.name},
        "ceterms:subjectWebpage": body.website or public_url(config, "/catalogue/public"),
    }
    identifiers = [
        (name, value)
        for name, value in (("Academic Bank of Credits id", body.abc_id), ("AISHE code", body.aishe_code))
        if value
    ]
    if identifiers:
        org["ceterms:identifier"] = [
            {
                "@type": "ceterms:IdentifierValue",
                "ceterms:identifierTypeName": {lang: name},
                "ceterms:identifierValueCode": value,
            }
            for name, value in identifiers
        ]
    return org


def _text(doc: dict, key: str, lang: str) -> dict:
    """A language map: the design's own text, plus each translation's."""
    result = {lang: doc.get(key, "")}
    for code, translation in sorted((doc.get("translations") or {}).items()):
        if isinstance(translation, dict) and translation.get(key):
            result[language_tag(code)] = translation[key]
    return result


def _description(doc: dict, lang: str) -> dict:
    result = _text(doc, "summary", lang)
    if len(result[lang].strip()) < MIN_DESCRIPTION:  # the Registry refuses shorter descriptions
        result[lang] = f"{doc.get('title', '')}: {result[lang]}".strip(": ") + " (micro-credential)"
    return result


def _concept(framework: str, node: str, name: str, lang: str) -> dict:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": framework,
        "ceterms:targetNode": node,
        "ceterms:targetNodeName": {lang: name},
    }


def _credit_values(doc: dict, report: dict, lang: str) -> list[dict]:
    figures = (report or {}).get("figures") or {}
    if doc.get("credits") is None:
        return []
    values = [
        {
            "@type": "ceterms:ValueProfile",
            "schema:value": float(doc["credits"]),
            "ceterms:creditUnitType": [
                _concept(
                    "https://credreg.net/ctdl/terms/CreditUnit",
                    "creditUnit:DegreeCredit",
                    "NCrF credit",
                    lang,
                )
            ],
            "ceterms:description": {
                lang: f"National Credit Framework (India) credits; 1 credit = "
                f"{figures.get('nlh_per_credit', '')} notional learning hours"
            },
        }
    ]
    if figures.get("ects") is not None:
        values.append(
            {
                "@type": "ceterms:ValueProfile",
                "schema:value": figures["ects"],
                "ceterms:creditUnitType": [
                    _concept("https://credreg.net/ctdl/terms/CreditUnit", "creditUnit:ECTS", "ECTS", lang)
                ],
                "ceterms:description": {lang: "ECTS estimate from the notional learning hours"},
            }
        )
    return values


def _level(doc: dict, config, lang: str) -> list[dict]:
    level = doc.get("level") or {}
    if level.get("framework") not in FRAMEWORKS:
        return []
    name, regulator = FRAMEWORKS[level["framework"]]
    value = f"{float(level['value']):g}"
    return [
        {
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:framework": public_url(config, f"/catalogue/public/levels/{level['framework']}/{value}")
            or regulator,
            "ceterms:frameworkName": {lang: name},
            "ceterms:codedNotation": value,
            "ceterms:targetNodeName": {lang: f"{level['framework']} level {value}"},
        }
    ]


def _requirements(doc: dict, lang: str) -> dict:
    """What earning it requires: the outcomes (as competencies), the summative assessments, the entry."""
    translations = {
        language_tag(code): (t.get("outcomes") or {})
        for code, t in (doc.get("translations") or {}).items()
        if isinstance(t, dict)
    }
    competencies = []
    for outcome in doc.get("outcomes") or []:
        text = {lang: outcome.get("text", "")}
        text.update(
            {
                code: outs[outcome.get("id")]
                for code, outs in translations.items()
                if outs.get(outcome.get("id"))
            }
        )
        competencies.append(
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:codedNotation": outcome.get("id", ""),
                "ceterms:targetNodeName": text,
            }
        )
    assessments = [a for a in doc.get("assessments") or [] if a.get("purpose") == "summative"]
    condition = {
        "@type": "ceterms:ConditionProfile",
        "ceterms:description": {
            lang: "Achieve every learning outcome, shown in the summative assessments" + _pass_mark(doc) + "."
        },
        "ceterms:targetCompetency": competencies,
    }
    if assessments:
        condition["ceterms:condition"] = {
            lang: [
                f"{a.get('title', '')} ({a.get('kind', '')}"
                + (f", {a['weight']}% of the grade" if a.get("weight") else "")
                + ")"
                for a in assessments
            ]
        }
    return condition


def _entry(doc: dict, lang: str) -> dict | None:
    if not doc.get("prerequisites"):
        return None
    return {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": {lang: "Entry requirement"},
        "ceterms:description": {lang: doc["prerequisites"]},
    }


def _pass_mark(doc: dict) -> str:
    mark = (doc.get("grading") or {}).get("pass_mark")
    return f", with at least {mark}% overall" if mark is not None else ""
