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

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Values beyond any schema maximum; clamping keeps sums and ratios finite for wild drafts.
_CLAMP = 1e9

_EMPTY: Mapping[str, Any] = {}


def text(value: object) -> str:
    """A stripped string, or ``""`` when the value is not a string."""
    return value.strip() if isinstance(value, str) else ""


def number(value: object) -> float | None:
    """A finite float (clamped to +-1e9), or ``None`` for non-numbers, booleans, NaN and infinities."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    result = float(value)
    if not math.isfinite(result):
        return None
    return max(-_CLAMP, min(_CLAMP, result))


def obj(value: object) -> Mapping[str, Any]:
    """The value when it is a JSON object, else an empty mapping."""
    return value if isinstance(value, Mapping) else _EMPTY


def rows(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    """``(index, row)`` pairs of a JSON array; non-object rows become empty rows."""
    if not isinstance(value, list | tuple):
        return []
    return [(i, obj(item)) for i, item in enumerate(value)]


def strings(value: object) -> tuple[str, ...]:
    """The non-blank strings of a JSON array (other items are dropped)."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(s.strip() for s in value if isinstance(s, str) and s.strip())


def optional_obj(value: object) -> Mapping[str, Any] | None:
    """The value when it is a JSON object, else ``None`` (the whole thing is missing)."""
    return value if isinstance(value, Mapping) else None


@dataclass(frozen=True, slots=True)
class AwardingBody:
    """The institution that awards the credential."""

    name: str = ""
    country: str = ""
    region: str = ""
    abc_id: str = ""
    aishe_code: str = ""


@dataclass(frozen=True, slots=True)
class Partner:
    """A co-designing or co-delivering organisation."""

    index: int
    name: str = ""
    kind: str = ""
    role: str = ""
    agreement: str = ""


@dataclass(frozen=True, slots=True)
class NeedEvidence:
    """One piece of evidence that the credential answers a need."""

    index: int
    kind: str = ""
    description: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Level:
    """Framework (NCrF or NSQF) and level value; ``value`` is None when missing or not a number."""

    framework: str = ""
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Nos:
    """A National Occupational Standard covered by an NSQF-aligned design."""

    index: int
    code: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Nsqf:
    """NSQF alignment: the Qualification Pack and its NOS."""

    qp_code: str = ""
    nos: tuple[Nos, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """One learning outcome."""

    index: int
    id: str = ""
    text: str = ""
    nos: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Activity:
    """One learning activity and its notional hours."""

    index: int
    id: str = ""
    title: str = ""
    kind: str = ""
    hours: float | None = None
    week: float | None = None
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Resource:
    """One learning resource; resources have no id, so they are named by index and title."""

    index: int
    title: str = ""
    kind: str = ""
    url: str = ""
    licence: str = ""
    accessible: bool | None = None
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Grading:
    """Grading scheme and pass mark."""

    scheme: str = ""
    pass_mark: float | None = None


@dataclass(frozen=True, slots=True)
class QualityAssurance:
    """Who approves the design, how, and how often it is reviewed."""

    approving_body: str = ""
    process: str = ""
    review_cycle_months: float | None = None


@dataclass(frozen=True, slots=True)
class Stackability:
    """Standalone or stackable, and towards what."""

    mode: str = ""
    target: str = ""
    credits_counted: float | None = None


@dataclass(frozen=True, slots=True)
class Translation:
    """Other-language text of the design for bilingual syllabi."""

    lang: str
    title: str = ""
    summary: str = ""
    outcomes: tuple[tuple[str, str], ...] = ()  # (outcome id, text) pairs with non-blank text


@dataclass(frozen=True, slots=True)
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
            awarding_body=_awarding_body(d.get("awarding_body")),
            partners=tuple(
                Partner(i, text(r.get("name")), text(r.get("kind")), text(r.get("role")),
                        text(r.get("agreement")))
                for i, r in rows(d.get("partners"))),
            need_evidence=tuple(
                NeedEvidence(i, text(r.get("kind")), text(r.get("description")), text(r.get("source")))
                for i, r in rows(d.get("need_evidence"))),
            level=_level(d.get("level")),
            nsqf=_nsqf(d.get("nsqf")),
            credits=number(d.get("credits")),
            delivery_mode=text(d.get("delivery_mode")),
            duration_weeks=number(d.get("duration_weeks")),
            outcomes=tuple(
                Outcome(i, text(r.get("id")), text(r.get("text")), strings(r.get("nos")))
                for i, r in rows(d.get("outcomes"))),
            activities=tuple(_activity(i, r) for i, r in rows(d.get("activities"))),
            assessments=tuple(_assessment(i, r) for i, r in rows(d.get("assessments"))),
            resources=tuple(_resource(i, r) for i, r in rows(d.get("resources"))),
            grading=_grading(d.get("grading")),
            quality_assurance=_quality_assurance(d.get("quality_assurance")),
            stackability=_stackability(d.get("stackability")),
            recognition=strings(d.get("recognition")),
            accessibility=text(d.get("accessibility")),
            integrity=text(d.get("integrity")),
            translations=_translations(d.get("translations")),
        )


def _awarding_body(value: object) -> AwardingBody | None:
    b = optional_obj(value)
    if b is None:
        return None
    return AwardingBody(text(b.get("name")), text(b.get("country")), text(b.get("region")),
                        text(b.get("abc_id")), text(b.get("aishe_code")))


def _level(value: object) -> Level | None:
    lv = optional_obj(value)
    return None if lv is None else Level(text(lv.get("framework")), number(lv.get("value")))


def _nsqf(value: object) -> Nsqf | None:
    n = optional_obj(value)
    if n is None:
        return None
    nos = tuple(Nos(i, text(r.get("code")), text(r.get("title"))) for i, r in rows(n.get("nos")))
    return Nsqf(text(n.get("qp_code")), nos)


def _activity(i: int, r: Mapping[str, Any]) -> Activity:
    return Activity(i, text(r.get("id")), text(r.get("title")), text(r.get("kind")),
                    number(r.get("hours")), number(r.get("week")), strings(r.get("outcomes")))


def _assessment(i: int, r: Mapping[str, Any]) -> Assessment:
    return Assessment(i, text(r.get("id")), text(r.get("title")), text(r.get("kind")),
                      text(r.get("purpose")), number(r.get("weight")), number(r.get("hours")),
                      text(r.get("criteria")), text(r.get("supervision")), strings(r.get("outcomes")))


def _resource(i: int, r: Mapping[str, Any]) -> Resource:
    accessible = r.get("accessible")
    return Resource(i, text(r.get("title")), text(r.get("kind")), text(r.get("url")),
                    text(r.get("licence")), accessible if isinstance(accessible, bool) else None,
                    strings(r.get("outcomes")))


def _grading(value: object) -> Grading | None:
    g = optional_obj(value)
    return None if g is None else Grading(text(g.get("scheme")), number(g.get("pass_mark")))


def _quality_assurance(value: object) -> QualityAssurance | None:
    q = optional_obj(value)
    if q is None:
        return None
    return QualityAssurance(text(q.get("approving_body")), text(q.get("process")),
                            number(q.get("review_cycle_months")))


def _stackability(value: object) -> Stackability | None:
    s = optional_obj(value)
    if s is None:
        return None
    return Stackability(text(s.get("mode")), text(s.get("target")), number(s.get("credits_counted")))


def _translations(value: object) -> tuple[Translation, ...]:
    result = []
    for lang, body in obj(value).items():
        if not isinstance(lang, str):
            continue
        t = obj(body)
        outcome_texts = tuple((k, text(v)) for k, v in obj(t.get("outcomes")).items()
                              if isinstance(k, str) and text(v))
        result.append(Translation(lang, text(t.get("title")), text(t.get("summary")), outcome_texts))
    return tuple(result)
