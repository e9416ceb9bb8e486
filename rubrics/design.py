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

from dataclasses import dataclass

from .records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class AwardingBody:
    """The institution that awards the credential."""

    name: str = ""
    country: str = ""
    region: str = ""
    abc_id: str = ""
    aishe_code: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class Partner:
    """A co-designing or co-delivering organisation."""

    index: int
    name: str = ""
    kind: str = ""
    role: str = ""
    agreement: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class NeedEvidence:
    """One piece of evidence that the credential answers a need."""

    index: int
    kind: str = ""
    description: str = ""
    source: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class Level:
    """Framework (NCrF or NSQF) and level value; ``value`` is None when missing or not a number."""

    framework: str = ""
    value: float | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Nos:
    """A National Occupational Standard covered by an NSQF-aligned design."""

    index: int
    code: str = ""
    title: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class Nsqf:
    """NSQF alignment: the Qualification Pack and its NOS."""

    qp_code: str = ""
    nos: tuple[Nos, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class Outcome:
    """One learning outcome."""

    index: int
    id: str = ""
    text: str = ""
    nos: tuple[str, ...] = ()


@fast_init
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


@fast_init
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


@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class Grading:
    """Grading scheme and pass mark."""

    scheme: str = ""
    pass_mark: float | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class QualityAssurance:
    """Who approves the design, how, and how often it is reviewed."""

    approving_body: str = ""
    process: str = ""
    review_cycle_months: float | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Stackability:
    """Standalone or stackable, and towards what."""

    mode: str = ""
    target: str = ""
    credits_counted: float | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Translation:
    """Other-language text of the design for bilingual syllabi."""

    lang: str
    title: str = ""
    summary: str = ""
    outcomes: tuple[tuple[str, str], ...] = ()  # (outcome id, text) pairs with non-blank text


@fast_init
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
        from .design_readers import read_design  # imported here: the readers need these classes

        return read_design(data)
