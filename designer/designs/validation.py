"""Validation of design documents against the interchange schema plus the cross-references it cannot express.

Two strengths: `complete=True` (import, submission) enforces everything; `complete=False` (drafts) ignores
missing required fields but still refuses values that are wrong (a negative hour, level 9, an unknown
outcome reference), so a draft can be half-finished but never invalid.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("design.schema.json")
REFERENCING_LISTS = ("activities", "assessments", "resources")
ID_LISTS = ("outcomes", "activities", "assessments")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, located by a JSON path like `assessments/1/weight`."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@cache
def schema() -> dict:
    """The design schema (a copy of shared/spec/design.schema.json; a test keeps them equal)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def validate_document(document: object, *, complete: bool = True) -> list[Problem]:
    """All problems of `document`, schema problems first, in a stable order."""
    problems = []
    for error in _validator().iter_errors(document):
        if not complete and error.validator == "required":
            continue
        path = "/".join(str(p) for p in error.absolute_path)
        problems.append(Problem(path, error.message))
    problems.sort(key=lambda p: (p.path, p.message))
    if isinstance(document, dict):
        problems.extend(_cross_reference_problems(document))
    return problems


def _items(document: dict, key: str) -> list[dict]:
    value = document.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _cross_reference_problems(document: dict) -> list[Problem]:
    problems = []
    for key in ID_LISTS:
        seen: set[str] = set()
        for index, item in enumerate(_items(document, key)):
            ident = item.get("id")
            if isinstance(ident, str) and ident in seen:
                problems.append(Problem(f"{key}/{index}/id", f"the id '{ident}' is used twice in {key}"))
            seen.add(ident)
    outcome_ids = {o.get("id") for o in _items(document, "outcomes")}
    for key in REFERENCING_LISTS:
        for index, item in enumerate(_items(document, key)):
            refs = item.get("outcomes")
            for ref_index, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str) and ref not in outcome_ids:
                    problems.append(Problem(f"{key}/{index}/outcomes/{ref_index}",
                                            f"'{ref}' is not the id of any outcome of this design"))
    translations = document.get("translations")
    if isinstance(translations, dict):
        for lang, text in translations.items():
            outcomes = text.get("outcomes") if isinstance(text, dict) else None
            for ref in outcomes if isinstance(outcomes, dict) else {}:
                if ref not in outcome_ids:
                    problems.append(Problem(f"translations/{lang}/outcomes/{ref}",
                                            f"'{ref}' is not the id of any outcome of this design"))
    return problems
