"""An approved design as a European Learning Model 3 `LearningOpportunity` with its
`LearningAchievementSpecification`, as RDF (JSON-LD, or Turtle), conforming to the SHACL shapes of the
Learning Opportunities and Qualifications (LOQ) application profile.

Built as an rdflib graph, so the same triples serialise to JSON-LD and Turtle and the tests validate them
with pyshacl against the official shapes. Controlled values use the EU vocabularies (languages, countries,
ISCED-F, EQF), typed as skos:Concept as the shapes require. The LOQ shapes are closed: only properties
they list are used.
"""

import uuid

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from designer.exports.institution import institution, public_url
from designer.exports.languages import language_tag
from designer.exports.ob3 import revision_path
from designer.review.approved import ApprovedArtefact

ELM = Namespace("http://data.europa.eu/snb/model/elm/")
ROV = Namespace("http://www.w3.org/ns/regorg#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
ISCED_F = "http://data.europa.eu/snb/isced-f/"
EQF = "http://data.europa.eu/snb/eqf/"
# ISO 639-1 -> the EU's (ISO 639-2/B based) language authority codes, for the schema's languages.
EU_LANGUAGES = {
    "en": "ENG",
    "hi": "HIN",
    "bn": "BEN",
    "mr": "MAR",
    "ta": "TAM",
    "te": "TEL",
    "kn": "KAN",
    "ml": "MAL",
    "gu": "GUJ",
    "pa": "PAN",
    "or": "ORI",
    "ur": "URD",
    "as": "ASM",
}
EU_COUNTRIES = {"IN": "IND"}
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mc-designer.invalid/elm")
CONTEXT = {
    "elm": str(ELM),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "rov": str(ROV),
    "adms": str(ADMS),
    "xsd": str(XSD),
}


def learning_opportunity(artefact: ApprovedArtefact, report: dict, config) -> Graph:
    """The ELM graph of an approved artefact: LearningOpportunity -> LearningAchievementSpecification."""
    doc = artefact.revision.document
    design, number = artefact.design, artefact.revision.number
    lang = language_tag((doc.get("languages") or ["en"])[0]).split("-")[0]
    page = public_url(config, revision_path(design.id, number))
    base = (page + "/elm#") if page else f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{design.id}/r{number}')}#"
    g = Graph()
    for prefix, iri in CONTEXT.items():
        g.bind(prefix, iri, override=True, replace=True)
    opportunity, spec = URIRef(base + "opportunity"), URIRef(base + "achievement")
    body = _organisation(g, URIRef(base + "awarding-body"), institution(config, doc), lang, config)

    g.add((opportunity, RDF.type, ELM.LearningOpportunity))
    _texts(g, opportunity, DCTERMS.title, doc, "title", lang)
    _texts(g, opportunity, DCTERMS.description, doc, "summary", lang)
    if page:
        g.add((opportunity, FOAF.homepage, _web_resource(g, page, "Public catalogue page", lang)))
    g.add((opportunity, ELM.defaultLanguage, _concept(g, LANGUAGE + _eu_language(lang))))
    g.add((opportunity, ELM.providedBy, body))
    if doc.get("duration_weeks"):
        g.add(
            (
                opportunity,
                ELM.duration,
                Literal(f"P{int(doc['duration_weeks'])}W", datatype=XSD.duration, normalize=False),
            )
        )
    g.add((opportunity, ELM.learningAchievementSpecification, spec))

    g.add((spec, RDF.type, ELM.LearningAchievementSpecification))
    _texts(g, spec, DCTERMS.title, doc, "title", lang)
    _texts(g, spec, DCTERMS.description, doc, "summary", lang)
    if page:
        g.add((spec, FOAF.homepage, _web_resource(g, page, "Public catalogue page", lang)))
    for code in doc.get("languages") or [lang]:
        g.add((spec, DCTERMS.language, _concept(g, LANGUAGE + _eu_language(code))))
    if doc.get("isced_f"):
        g.add((spec, ELM.ISCEDFCode, _concept(g, ISCED_F + str(doc["isced_f"]))))
    if doc.get("eqf_level"):
        g.add((spec, ELM.educationLevel, _concept(g, EQF + str(int(doc["eqf_level"])))))
    _level(g, spec, doc, lang)
    _credit_points(g, spec, doc, report)
    figures = (report or {}).get("figures") or {}
    if figures.get("nlh_total"):
        g.add(
            (
                spec,
                ELM.volumeOfLearning,
                Literal(f"PT{round(figures['nlh_total'])}H", datatype=XSD.duration, normalize=False),
            )
        )
    if doc.get("prerequisites"):
        g.add((spec, ELM.entryRequirement, _note(g, doc["prerequisites"], lang)))
    _outcomes(g, spec, doc, base, lang)
    awarding = URIRef(base + "awarding")
    g.add((awarding, RDF.type, ELM.AwardingOpportunity))
    g.add((awarding, ELM.awardingBody, body))
    g.add((awarding, ELM.learningAchievementSpecification, spec))
    g.add((spec, ELM.awardingOpportunity, awarding))
    return g


def _outcomes(g: Graph, spec, doc: dict, base: str, lang: str) -> None:
    """Each learning outcome, titled in the design's language and in each translation's."""
    for index, outcome in enumerate(doc.get("outcomes") or [], start=1):
        node = URIRef(f"{base}outcome-{outcome.get('id') or index}")
        g.add((node, RDF.type, ELM.LearningOutcome))
        g.add((node, DCTERMS.title, Literal(outcome.get("text", ""), lang=lang)))
        for code, translation in (doc.get("translations") or {}).items():
            text = (
                ((translation or {}).get("outcomes") or {}).get(outcome.get("id"))
                if isinstance(translation, dict)
                else None
            )
            if text:
                g.add((node, DCTERMS.title, Literal(text, lang=language_tag(code).split("-")[0])))
        g.add((spec, ELM.learningOutcome, node))


def serialise(graph: Graph, *, turtle: bool = False) -> bytes:
    """JSON-LD (compacted with the prefixes above) or Turtle, as UTF-8 bytes."""
    if turtle:
        return graph.serialize(format="turtle").encode("utf-8")
    return graph.serialize(format="json-ld", context=CONTEXT, indent=2, ensure_ascii=False).encode("utf-8")


def _eu_language(code: str) -> str:
    return EU_LANGUAGES.get(language_tag(code).split("-")[0], "MUL")  # MUL: multiple/other languages


def _texts(g: Graph, node, predicate, doc: dict, key: str, lang: str) -> None:
    if doc.get(key):
        g.add((node, predicate, Literal(doc[key], lang=lang)))
    for code, translation in sorted((doc.get("translations") or {}).items()):
        if isinstance(translation, dict) and translation.get(key):
            g.add((node, predicate, Literal(translation[key], lang=language_tag(code).split("-")[0])))


def _concept(g: Graph, iri: str, label: str | None = None, lang: str = "en"):
    node = URIRef(iri)
    g.add((node, RDF.type, SKOS.Concept))
    if label:
        g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    return node


def _note(g: Graph, text: str, lang: str) -> BNode:
    node = BNode()
    g.add((node, RDF.type, ELM.Note))
    g.add((node, ELM.noteLiteral, Literal(text, lang=lang)))
    return node


def _web_resource(g: Graph, url: str, title: str, lang: str) -> BNode:
    node = BNode()
    g.add((node, RDF.type, ELM.WebResource))
    g.add((node, ELM.contentUrl, Literal(url, datatype=XSD.anyURI)))
    g.add((node, DCTERMS.title, Literal(title, lang=lang)))
    return node


def _organisation(g: Graph, node: URIRef, body, lang: str, config) -> URIRef:
    g.add((node, RDF.type, ELM.Organisation))
    g.add((node, ROV.legalName, Literal(body.name, lang=lang)))
    if body.website:
        g.add((node, FOAF.homepage, _web_resource(g, body.website, body.name, lang)))
    for scheme, value in (("Academic Bank of Credits id", body.abc_id), ("AISHE code", body.aishe_code)):
        if value:
            identifier = BNode()
            g.add((identifier, RDF.type, ELM.Identifier))
            g.add((identifier, SKOS.notation, Literal(value)))
            g.add((identifier, ELM.schemeName, Literal(scheme)))
            g.add((node, ADMS.identifier, identifier))
    location, address = BNode(), BNode()
    g.add((location, RDF.type, DCTERMS.Location))
    g.add((address, RDF.type, ELM.Address))
    g.add((address, ELM.countryCode, _concept(g, COUNTRY + EU_COUNTRIES.get(body.country, body.country))))
    g.add((location, ELM.address, address))
    g.add((node, ELM.location, location))
    return node


def _level(g: Graph, spec, doc: dict, lang: str) -> None:
    """The NCrF/NSQF level as an education level concept (a national framework's level, with its label)."""
    level = doc.get("level") or {}
    if level.get("framework") and level.get("value") is not None:
        value = f"{float(level['value']):g}"
        concept = BNode()
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.prefLabel, Literal(f"{level['framework']} level {value}", lang="en")))
        g.add((concept, SKOS.notation, Literal(value)))
        g.add((spec, ELM.educationLevel, concept))


def _credit_points(g: Graph, spec, doc: dict, report: dict) -> None:
    figures = (report or {}).get("figures") or {}
    points = [
        ("National Credit Framework (India) credit", doc.get("credits")),
        ("ECTS (estimate from the notional learning hours)", figures.get("ects")),
    ]
    for label, value in points:
        if value is None:
            continue
        framework, node = BNode(), BNode()
        g.add((framework, RDF.type, SKOS.Concept))
        g.add((framework, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((node, RDF.type, ELM.CreditPoint))
        g.add((node, ELM.framework, framework))
        g.add((node, ELM.point, Literal(f"{float(value):g}", datatype=XSD.string)))
        g.add((spec, ELM.creditPoint, node))
