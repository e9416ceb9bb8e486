"""A loaded rubric: which checks run, at what weight, with which thresholds.

Rubrics are data (``data/rubrics/*.toml``, loaded by :mod:`rubrics.loader`); these dataclasses
are the validated, typed form the engine runs.  A rubric carries its id, version and date because
a stored score must record the rubric version it was made with (checks.md scoring model).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .enums import Status, WeightClass, area_of
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .report import CriterionResult


@dataclass(frozen=True)
class LevelRow:
    """One row of the level table: expectations for designs at or below ``max_level``."""

    max_level: float
    min_bloom: int
    max_lower_order_percent: float


@dataclass(frozen=True)
class Criterion:
    """An automated criterion: a check from the registry with its weight, thresholds and source."""

    id: str  # the check ID from checks.md, e.g. "O02"
    title: str
    weight: WeightClass
    source: str  # the clause the criterion rests on (standards.md section, regulation)
    params: Mapping[str, Any]
    area: str = ""  # area key such as "outcomes" (from the ID's letter); set by the loader

    def __post_init__(self) -> None:
        if not self.area:
            object.__setattr__(self, "area", area_of(self.id))

    @cached_property
    def passed(self) -> CriterionResult:
        """The report entry of a plain pass: full points at the rubric weight.

        Most criteria pass on most designs and the entry is immutable, so each criterion builds it
        once (about 7% of a design's scoring time otherwise).
        """
        from .report import CriterionResult  # report imports this module

        w = self.weight
        return CriterionResult(
            self.id, self.title, self.area, w, w, Status.PASS, w.value, w.value, self.source, "", ()
        )

    @cached_property
    def shared_results(self) -> dict[int, CriterionResult]:
        """Report entries of the shared check results (``rubrics.checks.base.SHARED``), by result id.

        Filled by the engine as designs return them: a constant "not applicable" is judged once per
        criterion, like :attr:`passed`.
        """
        return {}


@dataclass(frozen=True)
class ManualCriterion:
    """A criterion that committee reviewers score by hand (not part of the automated score)."""

    id: str  # "M01", "M02", ...
    title: str
    guidance: str
    weight: WeightClass

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"id": self.id, "title": self.title, "guidance": self.guidance, "weight": self.weight.label}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ManualCriterion:
        """Inverse of :meth:`to_dict`."""
        return cls(data["id"], data["title"], data["guidance"], WeightClass.from_label(data["weight"]))


@dataclass(frozen=True)
class Rubric:
    """A validated rubric; build it with :func:`rubrics.load_rubric` or :func:`rubrics.load_rubric_file`."""

    id: str
    title: str
    version: str
    date: str  # ISO date of this version
    description: str
    pass_threshold: float  # percent
    params: Mapping[str, Any]  # rubric-wide parameters (rubrics.params.GLOBAL_PARAMS)
    level_table: tuple[LevelRow, ...]  # ascending by max_level
    criteria: tuple[Criterion, ...]
    manual: tuple[ManualCriterion, ...]
    lexicon: Lexicon = field(compare=False, repr=False)
    path: str = ""  # the file it was loaded from
    extends: str = ""  # id of the rubric it builds on, if any

    def level_row(self, level: float | None) -> LevelRow | None:
        """The level-table row for a level value (the first row whose max_level covers it)."""
        if level is None:
            return None
        for row in self.level_table:
            if level <= row.max_level + 1e-9:
                return row
        return None

    def criterion(self, check_id: str) -> Criterion | None:
        """The criterion running ``check_id``, if the rubric has it."""
        return next((c for c in self.criteria if c.id == check_id), None)
