"""Why a design cannot be submitted, in sentences a person reads, each linked to the editor field it is
about (the schema's own words, "'awarding_body' is a required property", mean nothing to faculty)."""

import re
from dataclasses import dataclass

from wtforms import FieldList, FormField

from designer.designs.catalogue import field_id
from designer.designs.validation import Problem

_REQUIRED = re.compile(r"^'(\w+)' is a required property$")
# A missing list or object is fixed in its first field.
_FIRST_FIELD = {"outcomes": "outcomes/0/text", "activities": "activities/0/title",
                "assessments": "assessments/0/title"}


@dataclass(frozen=True)
class PlainProblem:
    anchor: str  # the editor field's id
    label: str
    sentence: str


def plain_problems(problems: list[Problem], form) -> list[PlainProblem]:
    """Each problem as (field id, field label, sentence), in the order of the schema's report."""
    labels = dict(_labels(form))
    out = []
    for problem in problems:
        missing = _REQUIRED.match(problem.message)
        if missing:
            name = missing.group(1)
            inner = f"{problem.path}/{name}" if problem.path else name
            anchor = field_id(_FIRST_FIELD.get(inner, inner))
            label = labels.get(anchor, name.replace("_", " ").capitalize())
            out.append(PlainProblem(anchor, label, f"{label} is missing: fill it in before submitting."))
        else:
            anchor = field_id(problem.path)
            label = labels.get(anchor, problem.path.replace("_", " ").capitalize() or "The design")
            message = problem.message[0].upper() + problem.message[1:]
            out.append(PlainProblem(anchor, label, message + ("" if message.endswith(".") else ".")))
    return out


def _labels(form):
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                yield from _labels(entry.form)
        elif isinstance(field, FormField):
            yield from _labels(field.form)
        else:
            yield field.id, field.label.text
