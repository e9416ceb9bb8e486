"""An approved design as an Open Badges 3.0 `Achievement` (1EdTech OB 3.0 data model, B.1.1), meeting
the edubadges micro-credential profile, and an unsigned `OpenBadgeCredential` template for issuers.

The Achievement describes what a badge certifies; issuing platforms wrap it in an OpenBadgeCredential
per learner. NCrF credits are not US credit hours, so besides `creditsAvailable` the credit value is
given with a machine-readable unit (schema.org `numberOfCredits` as QuantitativeValue: NCrF credits,
and the ECTS estimate), the unit is stated in the description and the narrative, and the level is an
`alignment` to the framework (standards.md section 8.1). Every term used is defined by a context in
`@context` (tests expand it with JSON-LD and check that nothing is dropped).
"""

import uuid

from designer.designs.vocabulary import ASSESSMENT_KINDS, SUPERVISION, label
from designer.exports.badge_image import png_data_url
from designer.exports.institution import institution, public_url
from designer.exports.languages import language_tag
from designer.template_helpers import fmt_number

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
GLOSSARY = "https://edubadges.nl/static/obv3-glossary.html#"
# The edubadges terms, with the IRIs of edubadges' own context. That context cannot be referenced: as
# published it is not valid JSON-LD (supervisionType has "context" for "@context", which JSON-LD 1.1
# processors reject), so a consumer that expands the credential would fail; see docs/credentials.md.
EDUBADGES_TERMS = {
    "EducredentialAchievement": {
        "@id": GLOSSARY + "EducredentialAchievement",
        "@context": {
            "assessmentType": GLOSSARY + "assessmentType",
            "participationType": GLOSSARY + "participationType",
            "supervisionType": GLOSSARY + "supervisionType",
            "identityChecked": {"@id": GLOSSARY + "identityChecked", "@type": XSD + "boolean"},
            "ECTS": {"@id": GLOSSARY + "ects", "@type": XSD + "decimal"},
            "timeInvestment": {"@id": GLOSSARY + "timeInvestment", "@type": XSD + "integer"},
        },
    }
}
# Our one extension: the credit value with its unit, in schema.org terms (a property-scoped context).
CREDITS_CONTEXT = {
    "numberOfCredits": {
        "@id": SCHEMA + "numberOfCredits",
        "@context": {
            "QuantitativeValue": SCHEMA + "QuantitativeValue",
            "value": SCHEMA + "value",
            "unitText": SCHEMA + "unitText",
            "description": SCHEMA + "description",
        },
    }
}
OB3_CONTEXT = [VC_CONTEXT, OB3_CONTEXT_URL, {**EDUBADGES_TERMS, **CREDITS_CONTEXT}]
OB3_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
FRAMEWORKS = {  # framework -> (name, the body that publishes it: only used without PUBLIC_BASE_URL)
    "NCrF": ("National Credit Framework (India)", "https://www.ugc.gov.in/"),
    "NSQF": ("National Skills Qualifications Framework (India)", "https://www.ncvet.gov.in/"),
}
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mc-designer.invalid/achievements")
# edubadges vocabularies (edubadges-microcredential.json) from the design's own values.
ASSESSMENT_TYPES = {
    "quiz": "testing",
    "mcq_exam": "testing",
    "written_exam": "testing",
    "viva": "testing",
    "portfolio": "portfolio",
    "rpl": "recognition of prior learning",
}
PARTICIPATION = {"online": "online", "work_based": "work experience"}  # others: onsite or blended


def revision_path(design_id: int, revision_number: int) -> str:
    """The stable public path of one approved revision (its public catalogue page)."""
    return f"/catalogue/public/designs/{int(design_id)}/r{int(revision_number)}"


def achievement(
    document: dict,
    *,
    design_id: int,
    revision_number: int,
    report: dict | None,
    config,
    lang: str | None = None,
) -> dict:
    """The OB 3.0 Achievement of an approved revision (plain JSON-ready dict).

    Args:
        report: the rubric report the revision was approved on (figures: NLH, ECTS, hours per credit).
        config: the app config (PUBLIC_BASE_URL for resolvable ids, the institution's facts).
        lang: a translation's language (e.g. "hi"): the same Achievement in that language, its
            `related` pointing back at the original; None for the design's own language.
    """
    figures = (report or {}).get("figures") or {}
    own_lang = language_tag((document.get("languages") or ["en"])[0])
    text = _texts(document, lang)
    result = {
        "@context": OB3_CONTEXT,
        "id": achievement_id(document, design_id, revision_number, config, lang),
        "type": ["Achievement", "EducredentialAchievement"],
        "achievementType": "MicroCredential",
        "name": text["title"],
        "description": _description(document, figures, text["summary"]),
        "criteria": {"narrative": criteria_narrative(document, figures, text["outcomes"])},
        "image": {
            "id": png_data_url(document),
            "type": "Image",
            "caption": f"Badge of {document.get('title', 'the micro-credential')}",
        },
        "alignment": _alignments(document, config),
        "inLanguage": language_tag(lang) if lang else own_lang,
        "tag": list(document.get("tags") or []),
        "version": str(revision_number),
        "resultDescription": _result_descriptions(document, design_id, revision_number, config),
        **_edubadges(document, figures),
    }
    related = [lang_code for lang_code in _translation_langs(document) if lang_code != lang]
    if lang:
        related = [None] + related  # None: the original
    if related:
        result["related"] = [
            {
                "id": achievement_id(document, design_id, revision_number, config, code),
                "type": ["Related"],
                "inLanguage": language_tag(code) if code else own_lang,
                "version": str(revision_number),
            }
            for code in related
        ]
    body = institution(config, document)
    if body.name:
        result["creator"] = profile(body, config)
    if isinstance(document.get("credits"), int | float):
        result["creditsAvailable"] = float(document["credits"])
        result["numberOfCredits"] = _credit_values(document, figures)
    for key, field in (("humanCode", "code"), ("fieldOfStudy", "field_of_study")):
        if document.get(field):
            result[key] = document[field]
    if not result["alignment"]:
        del result["alignment"]
    return result


def achievement_id(document: dict, design_id: int, revision_number: int, config, lang: str | None) -> str:
    """A resolvable https id under PUBLIC_BASE_URL, else a stable urn:uuid."""
    suffix = f"achievement.{lang}.json" if lang else "achievement.json"
    url = public_url(config, f"{revision_path(design_id, revision_number)}/{suffix}")
    if url:
        return url
    body = (document.get("awarding_body") or {}).get("name", "")
    return _urn(f"{body}/design/{design_id}/revision/{revision_number}" + (f"/{lang}" if lang else ""))


def profile(body, config) -> dict:
    """The institution as an OB 3.0 Profile, with its ABC and AISHE ids when known."""
    url = public_url(config, "/catalogue/public")
    result = {
        "id": body.website or url or _urn(f"{body.name}/profile"),
        "type": ["Profile"],
        "name": body.name,
    }
    if body.website:
        result["url"] = body.website
    identifiers = [("ext:ABCId", body.abc_id), ("ext:AISHECode", body.aishe_code)]
    entries = [
        {"type": "IdentifierEntry", "identifier": value, "identifierType": kind}
        for kind, value in identifiers
        if value
    ]
    if entries:
        result["otherIdentifier"] = entries
    address = {"type": ["Address"], "addressCountryCode": body.country}
    if body.region:
        address["addressRegion"] = body.region
    result["address"] = address
    return result


def criteria_narrative(document: dict, figures: dict | None = None, outcomes: dict | None = None) -> str:
    """Markdown: the outcomes to achieve and how each is assessed, with the credit unit stated."""
    outcomes = outcomes or {}
    lines = ["Achieve every learning outcome below. On completion, learners are able to:", ""]
    lines += [
        f"- **{o.get('id', '')}** {outcomes.get(o.get('id')) or o.get('text', '')}"
        for o in document.get("outcomes") or []
    ]
    summative = _summative(document)
    if summative:
        lines += ["", "The outcomes are assessed by:", ""]
        for a in summative:
            weight = f", {_num(a['weight'])}% of the grade" if a.get("weight") is not None else ""
            supervision = f", {label(SUPERVISION, a['supervision']).lower()}" if a.get("supervision") else ""
            covers = f" (outcomes {', '.join(a['outcomes'])})" if a.get("outcomes") else ""
            criteria = f" Criteria: {a['criteria']}" if a.get("criteria") else ""
            lines.append(
                f"- **{a.get('title', '')}**: {label(ASSESSMENT_KINDS, a.get('kind')).lower()}"
                f"{weight}{supervision}{covers}.{criteria}"
            )
    grading = document.get("grading") or {}
    if grading.get("pass_mark") is not None:
        lines += [
            "",
            f"Pass mark: {_num(grading['pass_mark'])}% overall"
            f"{' (' + grading['scheme'] + ')' if grading.get('scheme') else ''}.",
        ]
    if document.get("credits") is not None:
        lines += ["", f"Credit: {_num(document['credits'])} {_credit_unit(figures or {})}."]
    return "\n".join(lines)


def _credit_unit(figures: dict) -> str:
    per_credit = figures.get("nlh_per_credit")
    return (
        f"NCrF credits; 1 credit = {_num(per_credit)} notional learning hours"
        if per_credit
        else "NCrF credits"
    )


def _description(document: dict, figures: dict, summary: str) -> str:
    level = document.get("level") or {}
    parts = [summary.strip()]
    if level:
        parts.append(f"{level.get('framework')} level {_num(level.get('value'))} micro-credential.")
    if document.get("credits") is not None:
        hours = figures.get("nlh_total")
        nlh = f"{_num(hours)} notional learning hours" if hours else ""
        per = figures.get("nlh_per_credit")
        rule = f"1 credit = {_num(per)} notional learning hours" if per else ""
        detail = "; ".join(p for p in (nlh, rule) if p)
        parts.append(f"{_num(document['credits'])} NCrF credits{f' ({detail})' if detail else ''}.")
    return " ".join(p for p in parts if p)


def _texts(document: dict, lang: str | None) -> dict:
    """Title, summary and outcome texts in `lang` (a translation), or the design's own."""
    translation = (document.get("translations") or {}).get(lang or "") if lang else None
    if lang and not isinstance(translation, dict):
        raise ValueError(f"The design has no {lang} translation.")
    translation = translation or {}
    return {
        "title": translation.get("title") or document.get("title", ""),
        "summary": translation.get("summary") or document.get("summary", ""),
        "outcomes": translation.get("outcomes") or {},
    }


def _translation_langs(document: dict) -> list[str]:
    return sorted(k for k, v in (document.get("translations") or {}).items() if isinstance(v, dict))


def _summative(document: dict) -> list[dict]:
    return [a for a in document.get("assessments") or [] if a.get("purpose") == "summative"]


def _edubadges(document: dict, figures: dict) -> dict:
    """The edubadges micro-credential profile's fields, from what the design already holds."""
    summative = _summative(document) or list(document.get("assessments") or [])
    main = max(summative, key=lambda a: a.get("weight") or 0, default={})
    verified = any(a.get("supervision") == "supervised_id_verified" for a in summative)
    supervised = any(a.get("supervision") in ("supervised", "supervised_id_verified") for a in summative)
    mode = document.get("delivery_mode")
    if verified:
        supervision = "supervised online" if mode == "online" else "onsite with identity verification"
    elif supervised:
        supervision = "supervised with no identity verification"
    else:
        supervision = "unsupervised with no identity verification"
    result = {
        "assessmentType": ASSESSMENT_TYPES.get(main.get("kind"), "application of a skill"),
        "identityChecked": verified,
        "participationType": PARTICIPATION.get(mode, "onsite or blended"),
        "supervisionType": supervision,
    }
    if figures.get("nlh_total"):
        result["timeInvestment"] = max(1, round(figures["nlh_total"]))
    if figures.get("ects") is not None:
        result["ECTS"] = max(0.5, round(figures["ects"] * 2) / 2)  # the profile wants steps of 0.5
    return result


def _credit_values(document: dict, figures: dict) -> list[dict]:
    values = [
        {
            "type": "QuantitativeValue",
            "value": float(document["credits"]),
            "unitText": "NCrF credit",
            "description": _credit_unit(figures),
        }
    ]
    if figures.get("ects") is not None:
        values.append(
            {
                "type": "QuantitativeValue",
                "value": figures["ects"],
                "unitText": "ECTS credit",
                "description": "Estimate from the notional learning hours, not an awarded ECTS value",
            }
        )
    return values


def _result_descriptions(document: dict, design_id: int, revision_number: int, config) -> list[dict]:
    base = achievement_id(document, design_id, revision_number, config, None)
    grading = document.get("grading") or {}
    overall = {
        "id": f"{base}#result-overall",
        "type": ["ResultDescription"],
        "resultType": "Percent",
        "name": "Overall result (percent)",
        "valueMin": "0",
        "valueMax": "100",
    }
    if grading.get("pass_mark") is not None:
        overall["requiredValue"] = _num(grading["pass_mark"])
        overall["name"] = f"Overall result (percent; pass mark {_num(grading['pass_mark'])}%)"
    result = [overall]
    if grading.get("scheme"):
        result.append(
            {
                "id": f"{base}#result-grade",
                "type": ["ResultDescription"],
                "resultType": "LetterGrade",
                "name": f"Grade ({grading['scheme']})",
            }
        )
    return result


def _alignments(document: dict, config) -> list[dict]:
    level = document.get("level") or {}
    result = []
    if level.get("framework") in FRAMEWORKS:
        name, regulator = FRAMEWORKS[level["framework"]]
        value = _num(level.get("value"))
        url = public_url(config, f"/catalogue/public/levels/{level['framework']}/{value}") or regulator
        result.append(
            {
                "type": ["Alignment"],
                "targetName": f"{level['framework']} level {value}",
                "targetUrl": url,
                "targetFramework": name,
                "targetCode": value,
                "targetType": f"ext:{level['framework']}Level",
                "targetDescription": f"Level {value} of the {name}.",
            }
        )
    for code in (document.get("eqf_level"),):
        if code:
            result.append(
                {
                    "type": ["Alignment"],
                    "targetName": f"EQF level {code}",
                    "targetType": "ext:EQF",
                    "targetUrl": "https://europass.europa.eu/en/description-eight-eqf-levels",
                    "targetFramework": "European Qualifications Framework",
                    "targetCode": str(code),
                }
            )
    nsqf = document.get("nsqf") or {}
    _, ncvet = FRAMEWORKS["NSQF"]
    if nsqf.get("qp_code"):
        result.append(
            {
                "type": ["Alignment"],
                "targetName": f"Qualification Pack {nsqf['qp_code']}",
                "targetUrl": public_url(config, f"/catalogue/public/standards/{nsqf['qp_code']}") or ncvet,
                "targetFramework": "NSQF Qualification Packs",
                "targetCode": nsqf["qp_code"],
                "targetType": "ceterms:Credential",
            }
        )
    for nos in nsqf.get("nos") or []:
        result.append(
            {
                "type": ["Alignment"],
                "targetName": nos.get("title") or f"NOS {nos.get('code')}",
                "targetUrl": public_url(config, f"/catalogue/public/standards/{nos.get('code', '')}")
                or ncvet,
                "targetFramework": "National Occupational Standards (NSQF)",
                "targetCode": nos.get("code", ""),
                "targetType": "ceasn:Competency",
            }
        )
    return result


def credential_template(
    document: dict, *, design_id: int, revision_number: int, report: dict | None, config, valid_from: str
) -> dict:
    """An unsigned OpenBadgeCredential for issuers: the Achievement, the issuer, placeholders for the learner.

    `proof` is left out for the issuer to add when signing (see docs/credentials.md); the learner's id,
    name and result are `{{...}}` placeholders to replace per learner.
    """
    ach = achievement(
        document, design_id=design_id, revision_number=revision_number, report=report, config=config
    )
    body = institution(config, document)
    overall = ach["resultDescription"][0]["id"]
    return {
        "@context": OB3_CONTEXT,
        "id": "urn:uuid:{{CREDENTIAL_UUID}}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": ach["name"],
        "description": ach["description"],
        "issuer": profile(body, config),
        "validFrom": valid_from,
        "credentialSubject": {
            "id": "{{LEARNER_ID}}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "{{LEARNER_EMAIL_SHA256}}",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "{{SALT}}",
                }
            ],
            "achievement": ach,
            "result": [{"type": ["Result"], "resultDescription": overall, "value": "{{PERCENT}}"}],
            **({"creditsEarned": ach["creditsAvailable"]} if "creditsAvailable" in ach else {}),
        },
        "credentialSchema": [{"id": OB3_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def _num(value) -> str:
    return fmt_number(value, "")
