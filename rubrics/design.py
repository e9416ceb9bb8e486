"""The design document (shared/spec/design.schema.json) as frozen, typed dataclasses.

Why a tolerant parser: the engine scores drafts while faculty are still typing, so a design may
miss keys, hold ``None``, empty lists or even values of the wrong type.  Parsing never raises;
anything unusable becomes "missing" (an empty string, ``None`` or an empty tuple), and the checks
then report it as missing.  Numbers are floats (booleans are not numbers; non-finite values are
missing; huge values are clamped so sums stay finite).  Every list item remembers its position
in the original list (``index``) so that findings can point at ``outcomes[2].text`` even when
earlier rows were unusable.  A list item that is not an object parses as an empty item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from .records import record
from .values import flag, number, obj, optional_obj, rows, strings, text

_T = TypeVar("_T")


@record
class AwardingBody:
    """The institution that awards the credential."""

    name: str = ""
    country: str = ""
    region: str = ""
    abc_id: str = ""
    aishe_code: str = ""


@record
class Partner:
    """A co-designing or co-delivering organisation."""

    index: int
    name: str = ""
    kind: str = ""
    role: str = ""
    agreement: str = ""


@record
class NeedEvidence:
    """One piece of evidence that the credential answers a need."""

    index: int
    kind: str = ""
    description: str = ""
    source: str = ""


@record
class Level:
    """Framework (NCrF or NSQF) and level value; ``value`` is None when missing or not a number."""

    framework: str = ""
    value: float | None = None


@record
class Nos:
    """A National Occupational Standard covered by an NSQF-aligned design."""

    index: int
    code: str = ""
    title: str = ""


@record
class Nsqf:
    """NSQF alignment: the Qualification Pack and its NOS."""

    qp_code: str = ""
    nos: tuple[Nos, ...] = ()


@record
class Outcome:
    """One learning outcome."""

    index: int
    id: str = ""
    text: str = ""
    nos: tuple[str, ...] = ()


@record
class Activity:
    """One learning activity and its notional hours."""

    index: int
    id: str = ""
    title: str = ""
    kind: str = ""
    hours: float | None = None
    week: float | None = None
    outcomes: tuple[str, ...] = ()


@record
class Assessment:
    """One assessment task."""

    index: int
    id: str = ""
    title: str = ""
    kind: str = ""
    purpose: str = ""
    weight: float | None = None
    hours: float | None = None
    criteria: str = ""
    supervision: str = ""
    outcomes: tuple[str, ...] = ()

    @property
    def summative(self) -> bool:
        """True for a summative (graded, credit-bearing) assessment."""
        return self.purpose == "summative"


@record
class Resource:
    """One learning resource; resources have no id, so they are named by index and title."""

    index: int
    title: str = ""
    kind: str = ""
    url: str = ""
    licence: str = ""
    accessible: bool | None = None
    outcomes: tuple[str, ...] = ()


@record
class Grading:
    """Grading scheme and pass mark."""

    scheme: str = ""
    pass_mark: float | None = None


@record
class QualityAssurance:
    """Who approves the design, how, and how often it is reviewed."""

    approving_body: str = ""
    process: str = ""
    review_cycle_months: float | None = None


@record
class Stackability:
    """Standalone or stackable, and towards what."""

    mode: str = ""
    target: str = ""
    credits_counted: float | None = None


@record
class Translation:
    """Other-language text of the design for bilingual syllabi."""

    lang: str
    title: str = ""
    summary: str = ""
    outcomes: tuple[tuple[str, str], ...] = ()  # (outcome id, text) pairs with non-blank text


@record
class Design:
    """A whole design; optional objects are ``None`` when the key is missing or not an object."""

    schema_version: str = ""
    title: str = ""
    code: str = ""
    summary: str = ""
    purpose: str = ""
    target_learners: str = ""
    prerequisites: str = ""
    field_of_study: str = ""
    tags: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    awarding_body: AwardingBody | None = None
    partners: tuple[Partner, ...] = ()
    need_evidence: tuple[NeedEvidence, ...] = ()
    level: Level | None = None
    nsqf: Nsqf | None = None
    credits: float | None = None
    delivery_mode: str = ""
    duration_weeks: float | None = None
    outcomes: tuple[Outcome, ...] = ()
    activities: tuple[Activity, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    resources: tuple[Resource, ...] = ()
    grading: Grading | None = None
    quality_assurance: QualityAssurance | None = None
    stackability: Stackability | None = None
    recognition: tuple[str, ...] = ()
    accessibility: str = ""
    integrity: str = ""
    translations: tuple[Translation, ...] = ()

    @property
    def framework(self) -> str:
        """``"NCrF"``, ``"NSQF"`` or ``""`` when the level is missing."""
        return self.level.framework if self.level else ""

    @property
    def is_nsqf(self) -> bool:
        """True when the design is aligned to the NSQF (skills) rather than the NCrF."""
        return self.framework == "NSQF"

    @classmethod
    def from_mapping(cls, data: object) -> Design:
        """Parse a JSON-like mapping without ever raising; a non-mapping gives an empty design."""
        d = obj(data)
        nsqf = optional_obj(d.get("nsqf"))
        return cls(
            schema_version=text(d.get("schema_version")),
            title=text(d.get("title")),
            code=text(d.get("code")),
            summary=text(d.get("summary")),
            purpose=text(d.get("purpose")),
            target_learners=text(d.get("target_learners")),
            prerequisites=text(d.get("prerequisites")),
            field_of_study=text(d.get("field_of_study")),
            tags=strings(d.get("tags")),
            languages=strings(d.get("languages")),
            awarding_body=_AWARDING_BODY(d.get("awarding_body")),
            partners=_PARTNERS(d.get("partners")),
            need_evidence=_NEED_EVIDENCE(d.get("need_evidence")),
            level=_LEVEL(d.get("level")),
            nsqf=None if nsqf is None else Nsqf(text(nsqf.get("qp_code")), _NOS(nsqf.get("nos"))),
            credits=number(d.get("credits")),
            delivery_mode=text(d.get("delivery_mode")),
            duration_weeks=number(d.get("duration_weeks")),
            outcomes=_OUTCOMES(d.get("outcomes")),
            activities=_ACTIVITIES(d.get("activities")),
            assessments=_ASSESSMENTS(d.get("assessments")),
            resources=_RESOURCES(d.get("resources")),
            grading=_GRADING(d.get("grading")),
            quality_assurance=_QUALITY_ASSURANCE(d.get("quality_assurance")),
            stackability=_STACKABILITY(d.get("stackability")),
            recognition=strings(d.get("recognition")),
            accessibility=text(d.get("accessibility")),
            integrity=text(d.get("integrity")),
            translations=_translations(d.get("translations")),
        )


# Readers are derived from the dataclass fields: each field's declared type picks the tolerant
# converter, so adding a field to a row class is enough to have it parsed.
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
        return tuple(cls(i, *[convert(row.get(name)) for name, convert in spec]) for i, row in rows(value))

    return read


_AWARDING_BODY = _object_reader(AwardingBody)
_LEVEL = _object_reader(Level)
_GRADING = _object_reader(Grading)
_QUALITY_ASSURANCE = _object_reader(QualityAssurance)
_STACKABILITY = _object_reader(Stackability)
_PARTNERS = _rows_reader(Partner)
_NEED_EVIDENCE = _rows_reader(NeedEvidence)
_NOS = _rows_reader(Nos)
_OUTCOMES = _rows_reader(Outcome)
_ACTIVITIES = _rows_reader(Activity)
_ASSESSMENTS = _rows_reader(Assessment)
_RESOURCES = _rows_reader(Resource)


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
