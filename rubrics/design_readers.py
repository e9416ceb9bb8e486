"""Reading a JSON-like mapping into a :class:`~rubrics.design.Design` (see that module for the rules).

Why two kinds of reader: most optional objects and short lists are read by generic readers derived
from the dataclass fields (each field's declared type picks the tolerant converter, so adding a
field to such a class is enough to have it parsed).  The four lists every design has many rows of
(outcomes, activities, assessments, resources) are read by plain functions instead: parsing was a
quarter of the scoring time, and the generic per-row comprehension and argument unpacking cost
about a fifth of that.  :func:`_check_fields` keeps the plain readers honest: a field added to one
of those classes without being read raises at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from .design import (
    Activity,
    Assessment,
    AwardingBody,
    Design,
    Grading,
    Level,
    NeedEvidence,
    Nos,
    Nsqf,
    Outcome,
    Partner,
    QualityAssurance,
    Resource,
    Stackability,
    Translation,
)
from .values import flag, number, obj, optional_obj, rows, strings, text

_T = TypeVar("_T")

_CONVERTERS: dict[str, Callable[[object], Any]] = {
    "str": text,
    "float | None": number,
    "tuple[str, ...]": strings,
    "bool | None": flag,
}


def _object_reader(cls: type[_T]) -> Callable[[object], _T | None]:
    """A reader for an optional JSON object: ``None`` when it is missing or not an object."""
    spec = [(f.name, _CONVERTERS[f.type]) for f in fields(cls)]  # type: ignore[index]

    def read(value: object) -> _T | None:
        data = optional_obj(value)
        return None if data is None else cls(*[convert(data.get(name)) for name, convert in spec])

    return read


def _rows_reader(cls: type[_T]) -> Callable[[object], tuple[_T, ...]]:
    """A reader for a JSON array of objects whose class starts with an ``index`` field."""
    spec = [(f.name, _CONVERTERS[f.type]) for f in fields(cls) if f.name != "index"]  # type: ignore[index]

    def read(value: object) -> tuple[_T, ...]:
        return tuple([cls(i, *[convert(row.get(name)) for name, convert in spec]) for i, row in rows(value)])

    return read


_AWARDING_BODY = _object_reader(AwardingBody)
_LEVEL = _object_reader(Level)
_GRADING = _object_reader(Grading)
_QUALITY_ASSURANCE = _object_reader(QualityAssurance)
_STACKABILITY = _object_reader(Stackability)
_PARTNERS = _rows_reader(Partner)
_NEED_EVIDENCE = _rows_reader(NeedEvidence)
_NOS = _rows_reader(Nos)


def _outcomes(value: object) -> tuple[Outcome, ...]:
    result = []
    for i, row in rows(value):
        get = row.get
        result.append(Outcome(i, text(get("id")), text(get("text")), strings(get("nos"))))
    return tuple(result)


def _activities(value: object) -> tuple[Activity, ...]:
    result = []
    for i, row in rows(value):
        get = row.get
        result.append(
            Activity(
                i,
                text(get("id")),
                text(get("title")),
                text(get("kind")),
                number(get("hours")),
                number(get("week")),
                strings(get("outcomes")),
            )
        )
    return tuple(result)


def _assessments(value: object) -> tuple[Assessment, ...]:
    result = []
    for i, row in rows(value):
        get = row.get
        result.append(
            Assessment(
                i,
                text(get("id")),
                text(get("title")),
                text(get("kind")),
                text(get("purpose")),
                number(get("weight")),
                number(get("hours")),
                text(get("criteria")),
                text(get("supervision")),
                strings(get("outcomes")),
            )
        )
    return tuple(result)


def _resources(value: object) -> tuple[Resource, ...]:
    result = []
    for i, row in rows(value):
        get = row.get
        result.append(
            Resource(
                i,
                text(get("title")),
                text(get("kind")),
                text(get("url")),
                text(get("licence")),
                flag(get("accessible")),
                strings(get("outcomes")),
            )
        )
    return tuple(result)


def _check_fields() -> None:
    """Fail at import when a plain reader above no longer matches its class's fields."""
    read = {
        Outcome: ("index", "id", "text", "nos"),
        Activity: ("index", "id", "title", "kind", "hours", "week", "outcomes"),
        Assessment: (
            "index",
            "id",
            "title",
            "kind",
            "purpose",
            "weight",
            "hours",
            "criteria",
            "supervision",
            "outcomes",
        ),
        Resource: ("index", "title", "kind", "url", "licence", "accessible", "outcomes"),
    }
    for cls, names in read.items():
        if tuple(f.name for f in fields(cls)) != names:
            raise RuntimeError(f"rubrics.design_readers reads {names} but {cls.__name__} has other fields")


_check_fields()


def _translations(value: object) -> tuple[Translation, ...]:
    result = []
    for lang, body in obj(value).items():
        if not isinstance(lang, str):
            continue
        t = obj(body)
        outcome_texts = tuple(
            (k, text(v)) for k, v in obj(t.get("outcomes")).items() if isinstance(k, str) and text(v)
        )
        result.append(Translation(lang, text(t.get("title")), text(t.get("summary")), outcome_texts))
    return tuple(result)


def read_design(data: object) -> Design:
    """Parse a JSON-like mapping without ever raising; a non-mapping gives an empty design."""
    d = obj(data)
    get = d.get
    nsqf = optional_obj(get("nsqf"))
    return Design(
        schema_version=text(get("schema_version")),
        title=text(get("title")),
        code=text(get("code")),
        summary=text(get("summary")),
        purpose=text(get("purpose")),
        target_learners=text(get("target_learners")),
        prerequisites=text(get("prerequisites")),
        field_of_study=text(get("field_of_study")),
        tags=strings(get("tags")),
        languages=strings(get("languages")),
        awarding_body=_AWARDING_BODY(get("awarding_body")),
        partners=_PARTNERS(get("partners")),
        need_evidence=_NEED_EVIDENCE(get("need_evidence")),
        level=_LEVEL(get("level")),
        nsqf=None if nsqf is None else Nsqf(text(nsqf.get("qp_code")), _NOS(nsqf.get("nos"))),
        credits=number(get("credits")),
        delivery_mode=text(get("delivery_mode")),
        duration_weeks=number(get("duration_weeks")),
        outcomes=_outcomes(get("outcomes")),
        activities=_activities(get("activities")),
        assessments=_assessments(get("assessments")),
        resources=_resources(get("resources")),
        grading=_GRADING(get("grading")),
        quality_assurance=_QUALITY_ASSURANCE(get("quality_assurance")),
        stackability=_STACKABILITY(get("stackability")),
        recognition=strings(get("recognition")),
        accessibility=text(get("accessibility")),
        integrity=text(get("integrity")),
        translations=_translations(get("translations")),
    )
