"""Validation of design documents against the interchange schema plus the cross-references it cannot express.

Two strengths: `complete=True` (import, submission) enforces everything; `complete=False` (drafts) ignores
missing required fields but still refuses values that are wrong (a negative hour, level 9, an unknown
outcome reference), so a draft can be half-finished but never invalid.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("design.schema.json")
MAX_PROBLEMS = 100  # listed per document; the rest are counted (up to MAX_COUNTED) and summarised
MAX_COUNTED = 10_000
MAX_DEPTH = 32  # a design nests 4 levels deep; anything far deeper is an attack or a broken file
MAX_INTEGER = 10**15  # far above any hour, credit or weight; keeps ids and numbers in SQL range
MAX_REVISION = 2**31 - 1
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
    """The problems of `document`, schema problems first, in a stable order.

    Values no JSON file or database can hold (NaN, Infinity, lone surrogates, NUL characters, huge
    integers, absurd nesting) are refused first, before the schema sees them. At most MAX_PROBLEMS are
    listed; a last Problem says how many more there were, so a huge invalid file costs seconds, not minutes.
    """
    problems = value_problems(document)
    if problems:
        return _capped(problems, len(problems))
    extra = 0
    for error in _validator().iter_errors(document):
        if not complete and error.validator == "required":
            continue
        if len(problems) >= MAX_PROBLEMS:
            extra += 1
            if extra >= MAX_COUNTED:
                break
            continue
        path = "/".join(str(p) for p in error.absolute_path)
        problems.append(Problem(path, error.message))
    problems.sort(key=lambda p: (p.path, p.message))
    if isinstance(document, dict) and len(problems) < MAX_PROBLEMS:
        problems.extend(_cross_reference_problems(document))
    return _capped(problems, len(problems) + extra, more_than=extra >= MAX_COUNTED)


def _capped(problems: list[Problem], total: int, *, more_than: bool = False) -> list[Problem]:
    if total <= MAX_PROBLEMS:
        return problems
    more = total - MAX_PROBLEMS
    count = f"more than {more:,}" if more_than else f"{more:,}"
    return problems[:MAX_PROBLEMS] + [Problem("", f"... and {count} more problem{'s' if more != 1 else ''} "
                                                  "not listed; fix these first, then check again.")]


def value_problems(document: object) -> list[Problem]:
    """Values that no JSON export or database column can hold, by JSON path (iterative: no recursion)."""
    problems: list[Problem] = []
    stack: list[tuple[object, str, int]] = [(document, "", 0)]
    while stack and len(problems) <= MAX_PROBLEMS:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(Problem(path, f"nested more than {MAX_DEPTH} levels deep"))
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                key_problem = text_problem(key) if isinstance(key, str) else None
                if key_problem:
                    problems.append(Problem(path, f"a key {key_problem}"))
                    continue
                stack.append((item, f"{path}/{key}" if path else str(key), depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}/{i}" if path else str(i), depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            message = text_problem(value)
            if message:
                problems.append(Problem(path, message))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(path, "must be a finite number (NaN and Infinity are not numbers)"))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            problems.append(Problem(path, f"is too large a number (at most {MAX_INTEGER:,})"))
    problems.sort(key=lambda p: (p.path, p.message))
    return problems


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a NUL, or a lone surrogate that is not valid Unicode), or None."""
    if "\x00" in text:
        return "contains a NUL character; remove it"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a character that is not valid text (a lone surrogate); retype it"
    return None


def parse_json(text: str):
    """json.loads that refuses NaN, Infinity and integers longer than 20 digits with a ValueError, and
    turns absurd nesting (a RecursionError) into a ValueError too."""
    def no_constant(name: str):
        raise ValueError(f"{name} is not a number JSON allows")

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > 20:
            raise ValueError(f"a {len(digits)}-digit number is too large")
        return int(digits)

    try:
        return json.loads(text, parse_constant=no_constant, parse_int=bounded_int)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None


def revision_number(value) -> int | None:
    """A revision number from a form or query string ("3"), or None when it is not one."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10 or int(text) > MAX_REVISION:
        return None
    return int(text)


def _items(document: dict, key: str) -> list[dict]:
    value = document.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _duplicate_ids(document: dict) -> list[Problem]:
    problems = []
    for key in ID_LISTS:
        seen: set[str] = set()
        for index, item in enumerate(_items(document, key)):
            ident = item.get("id")
            if not isinstance(ident, str):  # the schema reports it; a list or object is not hashable
                continue
            if ident in seen:
                problems.append(Problem(f"{key}/{index}/id", f"the id '{ident}' is used twice in {key}"))
            seen.add(ident)
    return problems


def _cross_reference_problems(document: dict) -> list[Problem]:
    problems = _duplicate_ids(document)
    outcome_ids = {o.get("id") for o in _items(document, "outcomes") if isinstance(o.get("id"), str)}
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
                if ref not in outcome_ids:  # keys of a JSON object are always strings
                    problems.append(Problem(f"translations/{lang}/outcomes/{ref}",
                                            f"'{ref}' is not the id of any outcome of this design"))
    return problems
