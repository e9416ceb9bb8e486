"""Validators built from the official definitions in ../shared/reference/credential-standards (not copied)."""

import json
from functools import cache

import jsonschema
from referencing import Registry, Resource

from tests.conftest import STANDARDS

OB3_SCHEMA_FILE = STANDARDS / "ob_v3p0_achievementcredential_schema.json"


def _load(name: str) -> dict:
    return json.loads((STANDARDS / name).read_text(encoding="utf-8"))


@cache
def ob3_schema() -> dict:
    return _load(OB3_SCHEMA_FILE.name)


def ob3_validator(definition: str | None = None) -> jsonschema.Draft201909Validator:
    """The AchievementCredential schema, or one of its $defs (e.g. "Achievement")."""
    schema = ob3_schema()
    if definition:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft201909Validator(schema, format_checker=jsonschema.FormatChecker())


def edubadges_validators() -> list[jsonschema.Draft201909Validator]:
    """The edubadges micro-credential profile (a credential-level schema) and its ECTS variant."""
    return [
        jsonschema.Draft201909Validator(
            _load(name), registry=Registry().with_resource(name, Resource.from_contents(_load(name)))
        )
        for name in ("edubadges-microcredential.json", "edubadges-microcredential_ects.json")
    ]


def errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


CONTEXTS = {"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob_v3p0_context-3.0.3.json"}


def expand_offline(data: dict) -> list:
    """JSON-LD expansion with the official contexts from disk (the VC v2 context is not in the folder:
    it is left out, so terms must be defined by OB 3.0, edubadges or the document's own context)."""
    from pyld import jsonld

    def loader(url, options=None):
        if url not in CONTEXTS:
            raise jsonld.JsonLdError(f"no offline copy of {url}", "loading document failed")
        return {"contextUrl": None, "documentUrl": url, "document": _load(CONTEXTS[url])}

    document = {
        **data,
        "@context": [c for c in data["@context"] if c != "https://www.w3.org/ns/credentials/v2"],
    }
    return jsonld.expand(document, {"documentLoader": loader})


def leaf_count(node) -> int:
    """Scalar values of a compact document (outside @context), or of its JSON-LD expansion.

    Expansion drops every value of an undefined term, so equal counts mean nothing was dropped. In
    the expansion a value object ({"@value": ...}) is one value, and @id and each @type are one each.
    """
    if isinstance(node, list):
        return sum(leaf_count(item) for item in node)
    if isinstance(node, dict):
        if "@value" in node:
            return 1
        total = 0
        for key, value in node.items():
            if key == "@context":
                continue
            if key in ("@id", "@type"):
                total += len(value) if isinstance(value, list) else 1
            else:
                total += leaf_count(value)
        return total
    return 1
